import { Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { EdgeFirewall, type EdgeFirewallProps } from './constructs/edgeFirewall.ts';

/** CloudFront reads web ACLs from us-east-1 only, whatever region the rest of the system is in. */
export const EDGE_REGION = 'us-east-1';

export interface EdgeStackProps extends StackProps {
  /** @default - EdgeFirewall's defaults */
  readonly firewall?: EdgeFirewallProps;
}

/** What the distribution needs from us-east-1: the web ACL. The main stack reads its ARN across regions. */
export class EdgeStack extends Stack {
  readonly firewall: EdgeFirewall;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, { crossRegionReferences: true, ...props });
    if (props.env?.region !== EDGE_REGION) throw new Error(`The edge stack must be in ${EDGE_REGION}.`);
    this.firewall = new EdgeFirewall(this, 'Firewall', props.firewall ?? {});
  }

  get webAclArn(): string {
    return this.firewall.webAcl.attrArn;
  }
}

import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

/** An AWS managed rule group, with the rules inside it that only count instead of blocking. */
export interface ManagedRuleGroup {
  readonly name: string;
  /** @default - every rule acts as the group says */
  readonly countOnly?: readonly string[];
}

export interface EdgeFirewallProps {
  /**
   * Requests one client address may make in any 5 minutes before it is blocked for a while. A commune office
   * shares one address behind NAT, and autosave sends a few requests a minute per open form.
   * @default 3000
   */
  readonly requestsPerIpPer5Minutes?: number;
  /**
   * @default EdgeFirewall.MANAGED_RULE_GROUPS
   */
  readonly managedRuleGroups?: readonly ManagedRuleGroup[];
}

/**
 * A WAFv2 web ACL for the CloudFront distribution (scope CLOUDFRONT, so it must be made in us-east-1): AWS's
 * managed rule groups, then a per-IP rate rule. Everything not matched is allowed; every rule emits metrics
 * and sampled requests.
 */
export class EdgeFirewall extends Construct {
  /**
   * The report draft is a JSON body up to 256 KB, well past the core rule set's 8 KB body limit, so that one
   * rule counts; the API bounds bodies itself (shared/http/requestParts.ts).
   */
  static readonly MANAGED_RULE_GROUPS: readonly ManagedRuleGroup[] = [
    { name: 'AWSManagedRulesAmazonIpReputationList' },
    { name: 'AWSManagedRulesCommonRuleSet', countOnly: ['SizeRestrictions_BODY'] },
    { name: 'AWSManagedRulesKnownBadInputsRuleSet' },
  ];
  static readonly RATE_RULE_NAME = 'PerIpRate';

  readonly webAcl: CfnWebACL;

  constructor(scope: Construct, id: string, props: EdgeFirewallProps = {}) {
    super(scope, id);
    const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });
    const groups = props.managedRuleGroups ?? EdgeFirewall.MANAGED_RULE_GROUPS;
    const managed: CfnWebACL.RuleProperty[] = groups.map((group, priority) => ({
      name: group.name,
      priority,
      overrideAction: { none: {} },
      statement: {
        managedRuleGroupStatement: {
          vendorName: 'AWS',
          name: group.name,
          ...(group.countOnly?.length
            ? { ruleActionOverrides: group.countOnly.map((name) => ({ name, actionToUse: { count: {} } })) }
            : {}),
        },
      },
      visibilityConfig: visibility(group.name),
    }));
    const rate: CfnWebACL.RuleProperty = {
      name: EdgeFirewall.RATE_RULE_NAME,
      priority: managed.length,
      action: { block: {} },
      statement: {
        rateBasedStatement: {
          limit: props.requestsPerIpPer5Minutes ?? 3000,
          evaluationWindowSec: 300,
          aggregateKeyType: 'IP',
        },
      },
      visibilityConfig: visibility(EdgeFirewall.RATE_RULE_NAME),
    };
    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      // WAF descriptions take ASCII only.
      description: 'Bao cao CNTT: managed rule groups and a per-IP rate limit in front of the site and API',
      rules: [...managed, rate],
      visibilityConfig: visibility('BaoCaoCnttEdge'),
    });
  }
}

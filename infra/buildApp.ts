import { App, Duration, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BaoCaoStack, type BaoCaoStackProps } from './stack.ts';
import { EDGE_REGION, EdgeStack } from './edgeStack.ts';
import { DEFAULT_EVIDENCE_OBJECT_LOCK, isObjectLockMode, stageSettings } from './stage.ts';

export interface BuildAppOptions {
  /** Context on top of cdk.json's (the CLI passes cdk.json and -c values itself). */
  readonly context?: Record<string, unknown>;
  /**
   * @default - the CLI's output directory, or a temporary one
   */
  readonly outdir?: string;
  /** Overrides for tests: other route or job rows, another web folder. */
  readonly stackProps?: Partial<Omit<BaoCaoStackProps, 'stage'>>;
}

const optionalString = (app: App, key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The CDK app: one stack for the stage named by the `stage` context (`dev` unless told), with cdk-nag's
 * AwsSolutions checks registered as a validation plugin, so that synth fails on any finding that is not
 * acknowledged, with its reason, on the construct that raises it.
 *
 * Optional context: `alarmEmail`, `reminderSender` (the address reminders come from), `siteDomain` + `siteCertificateArn` (ACM, us-east-1), `webAclArn`,
 * `allowedCountries` (comma-separated ISO codes), `evidenceObjectLockDays` and `evidenceObjectLockMode`
 * (GOVERNANCE or COMPLIANCE; either one on its own keeps the stage's other setting), `account` + `region`
 * (else the CLI's). A stage with `edgeFirewall` and no `webAclArn` adds a second stack in us-east-1 for the
 * web ACL.
 */
export function buildApp(options: BuildAppOptions = {}): {
  app: App;
  stack: BaoCaoStack;
  edge?: EdgeStack;
} {
  const app = new App({
    ...(options.outdir ? { outdir: options.outdir } : {}),
    ...(options.context ? { context: options.context } : {}),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));

  const stage = stageSettings(app.node.tryGetContext('stage') ?? 'dev');
  const siteDomain = optionalString(app, 'siteDomain');
  const siteCertificateArn = optionalString(app, 'siteCertificateArn');
  if (Boolean(siteDomain) !== Boolean(siteCertificateArn)) {
    throw new Error('siteDomain and siteCertificateArn go together.');
  }
  const alarmEmail = optionalString(app, 'alarmEmail');
  const reminderSender = optionalString(app, 'reminderSender');
  const webAclArn = optionalString(app, 'webAclArn');
  const countries = optionalString(app, 'allowedCountries');
  const lockDays = optionalString(app, 'evidenceObjectLockDays');
  const lockMode = optionalString(app, 'evidenceObjectLockMode');
  if (lockMode !== undefined && !isObjectLockMode(lockMode)) {
    throw new Error(`evidenceObjectLockMode must be GOVERNANCE or COMPLIANCE, not ${lockMode}.`);
  }
  if (lockDays !== undefined && !/^[1-9]\d*$/.test(lockDays)) {
    throw new Error(`evidenceObjectLockDays must be a whole number of days, not ${lockDays}.`);
  }
  const lock =
    lockDays || lockMode
      ? {
          mode: lockMode ?? stage.evidenceObjectLock?.mode ?? 'GOVERNANCE',
          retention: lockDays
            ? Duration.days(Number(lockDays))
            : (stage.evidenceObjectLock?.retention ?? DEFAULT_EVIDENCE_OBJECT_LOCK.retention),
        }
      : undefined;
  const account = optionalString(app, 'account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const region = optionalString(app, 'region') ?? process.env.CDK_DEFAULT_REGION;

  let edge: EdgeStack | undefined;
  if (stage.edgeFirewall && !webAclArn) {
    // A reference across regions needs both regions known at synth time.
    if (!account || !region) {
      throw new Error(
        `Stage ${stage.name} puts a web ACL in ${EDGE_REGION}: synthesize with AWS credentials (CDK_DEFAULT_ACCOUNT/REGION) or -c account=… -c region=….`,
      );
    }
    edge = new EdgeStack(app, `BaoCaoCntt-${stage.name}-edge`, {
      env: { account, region: EDGE_REGION },
      description: `Báo cáo CNTT (${stage.name}): the CloudFront web ACL`,
    });
  }

  const stack = new BaoCaoStack(app, `BaoCaoCntt-${stage.name}`, {
    stage,
    description: `Báo cáo CNTT (${stage.name}): yearly IT-use reports of state agencies`,
    ...(account && region ? { env: { account, region } } : {}),
    ...(edge ? { crossRegionReferences: true, webAclArn: edge.webAclArn } : {}),
    ...(alarmEmail ? { alarmEmail } : {}),
    ...(reminderSender ? { reminderSender } : {}),
    ...(siteDomain && siteCertificateArn
      ? { siteDomain: { names: [siteDomain], certificateArn: siteCertificateArn } }
      : {}),
    ...(webAclArn ? { webAclArn } : {}),
    ...(countries ? { allowedCountries: countries.split(',').map((c) => c.trim().toUpperCase()) } : {}),
    ...(lock ? { evidenceObjectLock: lock } : {}),
    ...options.stackProps,
  });
  if (edge) stack.addStackDependency(edge);
  return { app, stack, ...(edge ? { edge } : {}) };
}

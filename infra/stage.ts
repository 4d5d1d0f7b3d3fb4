import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/** What differs between a throw-away stage and the one that holds the department's real reports. */
export interface StageSettings {
  readonly name: StageName;
  /** Applied to the table, the buckets, the KMS key and the log groups. */
  readonly removalPolicy: RemovalPolicy;
  readonly deletionProtection: boolean;
  /** Empties buckets on stack deletion; only where the removal policy destroys them. */
  readonly autoDeleteObjects: boolean;
  readonly logRetention: RetentionDays;
  /** How long S3 server access logs and CloudFront logs are kept. */
  readonly accessLogExpiration: Duration;
  /** How long overwritten or deleted object versions are kept in versioned buckets. */
  readonly noncurrentVersionExpiration: Duration;
  /**
   * Object Lock (governance) on the audit anchors: an anchor cannot be overwritten or deleted this long.
   * Undefined where the stage's buckets are destroyed with the stack.
   */
  readonly auditAnchorRetention?: Duration;
  /** A WAF web ACL of the project's own (infra/edgeStack.ts) on the distribution, unless one is passed in. */
  readonly edgeFirewall: boolean;
}

const SETTINGS: Record<StageName, StageSettings> = {
  dev: {
    name: 'dev',
    removalPolicy: RemovalPolicy.DESTROY,
    deletionProtection: false,
    autoDeleteObjects: true,
    logRetention: RetentionDays.ONE_MONTH,
    accessLogExpiration: Duration.days(30),
    noncurrentVersionExpiration: Duration.days(7),
    edgeFirewall: false,
  },
  prod: {
    name: 'prod',
    removalPolicy: RemovalPolicy.RETAIN,
    deletionProtection: true,
    autoDeleteObjects: false,
    logRetention: RetentionDays.ONE_YEAR,
    accessLogExpiration: Duration.days(365),
    noncurrentVersionExpiration: Duration.days(90),
    edgeFirewall: true,
    // Three reporting years and their reviews.
    auditAnchorRetention: Duration.days(3 * 366),
  },
};

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function stageSettings(name: unknown = 'dev'): StageSettings {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: use one of ${STAGES.join(', ')} (-c stage=...).`);
  }
  return SETTINGS[name];
}

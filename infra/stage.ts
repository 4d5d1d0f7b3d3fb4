import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type ObjectLockMode = 'GOVERNANCE' | 'COMPLIANCE';

/** S3 Object Lock on the evidence bucket: every stored version is write-once for `retention`. */
export interface EvidenceObjectLock {
  /**
   * GOVERNANCE: only a principal with s3:BypassGovernanceRetention (no function has it) may delete a version
   * early, for instance on a court's order. COMPLIANCE: nobody may, not even the account's root user.
   */
  readonly mode: ObjectLockMode;
  readonly retention: Duration;
}

/**
 * The default for prod: governance mode for 10 years. A system default, not a figure from a legal document:
 * set it (`-c evidenceObjectLockDays=… -c evidenceObjectLockMode=…`) to what the department's records schedule
 * requires for inspection evidence. Retention cannot be shortened for versions already stored.
 */
export const DEFAULT_EVIDENCE_OBJECT_LOCK: EvidenceObjectLock = {
  mode: 'GOVERNANCE',
  retention: Duration.days(3653),
};
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
  /**
   * How long overwritten or deleted object versions are kept in versioned buckets. In a locked bucket a
   * version is kept at least as long as its retention.
   */
  readonly noncurrentVersionExpiration: Duration;
  /** Write-once evidence; undefined where the stage must be removable with its data (dev). */
  readonly evidenceObjectLock?: EvidenceObjectLock;
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
    evidenceObjectLock: DEFAULT_EVIDENCE_OBJECT_LOCK,
    edgeFirewall: true,
    // Three reporting years and their reviews.
    auditAnchorRetention: Duration.days(3 * 366),
  },
};

export function isStageName(value: unknown): value is StageName {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export const isObjectLockMode = (value: unknown): value is ObjectLockMode =>
  value === 'GOVERNANCE' || value === 'COMPLIANCE';

export function stageSettings(name: unknown = 'dev'): StageSettings {
  if (!isStageName(name)) {
    throw new Error(`Unknown stage ${JSON.stringify(name)}: use one of ${STAGES.join(', ')} (-c stage=...).`);
  }
  return SETTINGS[name];
}

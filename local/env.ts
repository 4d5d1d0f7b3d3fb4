import { buckets, type BucketPurpose } from '#shared/buckets';
import { jobFunctionEnv, jobs } from '#shared/jobs';
import { randomBytes } from 'node:crypto';
import { AUDIT_LOCAL_KEY_ENV } from '#shared/auditKeys';
import { ORIGIN_VERIFY_ENV } from '#shared/http/originCheck';
import { dataModel } from '#shared/model';
import { MAIL_FROM_ENV } from '#shared/config';

export interface LocalEnvInput {
  readonly tableName: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  readonly bucketPrefix: string;
  /** @default one made for the process */
  readonly auditMacKey?: string;
  /** The SES emulator (local/ses.ts); without it, reminders have no mail service to go to. */
  readonly sesEndpoint?: string;
}

/** The local sender of reminders; the emulator accepts any address, as SES does a verified identity's. */
export const LOCAL_MAIL_FROM = 'bao-cao-cntt@localhost';

export const localBucketName = (prefix: string, purpose: BucketPurpose) => `${prefix}-${purpose}`;
export const localBucketPurposes: readonly BucketPurpose[] = ['evidence', 'reports', 'anchors'];

/** The environment the handler modules read, pointed at the local emulators. */
export function applyLocalEnv(input: LocalEnvInput): void {
  Object.assign(process.env, {
    [dataModel.tableNameEnv]: input.tableName,
    ...Object.fromEntries(
      localBucketPurposes.map((p) => [buckets[p].env, localBucketName(input.bucketPrefix, p)]),
    ),
    // Locally a job's "function name" is its id; the adapter's Invoke API finds the job by it.
    ...Object.fromEntries(jobs.map((j) => [jobFunctionEnv(j.id), j.id])),
    ...(input.sesEndpoint ? { SES_ENDPOINT: input.sesEndpoint, [MAIL_FROM_ENV]: LOCAL_MAIL_FROM } : {}),
    DYNAMODB_ENDPOINT: input.dynamoEndpoint,
    S3_ENDPOINT: input.s3Endpoint,
    AWS_REGION: 'ap-southeast-1',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
    // The local stand-in for the anchors' KMS key; local/stack.ts keeps one beside the data, so anchors
    // written before a restart still verify.
    [AUDIT_LOCAL_KEY_ENV]:
      input.auditMacKey ?? (process.env[AUDIT_LOCAL_KEY_ENV] || randomBytes(32).toString('hex')),
    // The adapter adds it to every request, as CloudFront does; kept for the process, since handlers read it once.
    [ORIGIN_VERIFY_ENV]: process.env[ORIGIN_VERIFY_ENV] || randomBytes(32).toString('base64url'),
  });
}

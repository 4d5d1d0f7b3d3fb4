import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { jobFunctionEnv } from '#shared/jobs';
import { buckets } from '#shared/buckets';
import { dataModel, keys } from '#shared/model';
import { AUDIT_KMS_KEY_ENV } from '#shared/auditKeys';
import type { RouteAccess } from '#shared/contract/routes';
import { MAIL_FROM_ENV, SITE_URL_ENV } from '#shared/config';
import type { HandlerFunction } from './handlerFunction.ts';
import { acknowledge, wildcardResourceFinding } from './nag.ts';

export type AccessMode = 'read' | 'readwrite';

/**
 * Item-level actions only, named one by one. No Scan: listings and rollups Query an index. Transactions need
 * no actions of their own: TransactWriteItems is authorised by the Put/Update/Delete/ConditionCheck inside it.
 */
export const TABLE_ACTIONS: Record<AccessMode, readonly string[]> = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
  readwrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:ConditionCheckItem',
  ],
};

/**
 * Object actions on the purpose's prefix, by mode. No mode deletes a version (s3:DeleteObjectVersion) or
 * bypasses Object Lock: evidence is write-once, and `settle` can only add a delete marker over a rejected upload.
 */
export const OBJECT_ACTIONS = {
  evidence: {
    list: [],
    // Presigned PUTs are signed with the declaring function's role.
    upload: ['s3:PutObject'],
    // Fresh links for what a multipart upload still lacks: its parts listed, the rest presigned.
    resume: ['s3:PutObject', 's3:ListMultipartUploadParts'],
    settle: ['s3:GetObject', 's3:DeleteObject'],
    // CompleteMultipartUpload is authorised by s3:PutObject; it needs the parts listed to name them.
    complete: ['s3:GetObject', 's3:DeleteObject', 's3:PutObject', 's3:ListMultipartUploadParts'],
    // Downloads name the verified version.
    read: ['s3:GetObject', 's3:GetObjectVersion'],
  },
  reports: {
    list: [],
    read: ['s3:GetObject'],
    // Rollup files are streamed in parts; a failed part aborts the upload.
    readwrite: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'],
  },
} as const satisfies {
  readonly [P in 'evidence' | 'reports']: Record<NonNullable<RouteAccess[P]>, readonly string[]>;
};

export type BucketMode<P extends 'evidence' | 'reports'> = NonNullable<RouteAccess[P]>;

/**
 * Bucket-level actions, for the modes below. HeadBucket (the health check) and a 404 rather than a 403 for a
 * missing key both need s3:ListBucket, and a prefix condition cannot allow HeadBucket, so listing is not
 * limited to the prefix.
 */
export const BUCKET_ACTIONS: readonly string[] = ['s3:ListBucket'];

/** The modes whose functions ask for the bucket itself or read keys that may not exist yet. */
export const LISTING_MODES = {
  evidence: ['list', 'settle', 'complete'],
  reports: ['list', 'read', 'readwrite'],
} as const satisfies { readonly [P in 'evidence' | 'reports']: readonly NonNullable<RouteAccess[P]>[] };

export const listsBucket = <P extends 'evidence' | 'reports'>(purpose: P, mode: BucketMode<P>): boolean =>
  (LISTING_MODES[purpose] as readonly string[]).includes(mode);

/** Sets the table-name variable the data model names, and grants item access to the table and its indexes. */
export function bindTable(fn: HandlerFunction, table: ITableV2, mode: AccessMode): void {
  fn.addEnvironment(dataModel.tableNameEnv, table.tableName);
  fn.addToRolePolicy(new PolicyStatement({ actions: [...TABLE_ACTIONS[mode]], resources: [table.tableArn] }));
  // Each index by name, so that no grant ends in `index/*`.
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: Object.keys(dataModel.indexes).map((name) => `${table.tableArn}/index/${name}`),
    }),
  );
}

/**
 * Sets the bucket-name variable the bucket's purpose names, and grants object access under one prefix only
 * (by default the purpose's `keyPrefix`: `evidence/` for evidence, `rollups/` for reports).
 */
export function bindBucket<P extends 'evidence' | 'reports'>(
  fn: HandlerFunction,
  bucket: IBucket,
  purpose: P,
  mode: BucketMode<P>,
  prefix: string = buckets[purpose].keyPrefix,
): void {
  fn.addEnvironment(buckets[purpose].env, bucket.bucketName);
  const actions: readonly string[] =
    (OBJECT_ACTIONS[purpose] as Record<string, readonly string[]>)[mode] ?? [];
  if (listsBucket(purpose, mode)) {
    fn.addToRolePolicy(new PolicyStatement({ actions: [...BUCKET_ACTIONS], resources: [bucket.bucketArn] }));
  }
  if (!actions.length) return;
  const objects = bucket.arnForObjects(`${prefix}*`);
  fn.addToRolePolicy(new PolicyStatement({ actions: [...actions], resources: [objects] }));
  acknowledge(
    fn.executionRole,
    wildcardResourceFinding(fn, objects),
    `${purpose} object keys are generated at run time, so the grant covers the ${
      prefix ? `${prefix} prefix` : 'bucket'
    } rather than single objects; ${actions.join(', ')} only.`,
  );
}

export interface DataResources {
  readonly table: ITableV2;
  readonly evidence: IBucket;
  readonly reports: IBucket;
  /** The audit log's anchors (only the anchoring job writes there). */
  readonly anchors: IBucket;
  /** The anchors' HMAC key: GenerateMac for the anchoring job, VerifyMac for verifiers. */
  readonly auditKey: IKey;
  /** Job functions by job id, for rows that may start a job. */
  readonly jobs?: ReadonlyMap<string, IFunction>;
  /** What mail needs: the site its messages link to and, once configured, the SES sender identity. */
  readonly mail?: MailResources;
}

export interface MailResources {
  readonly siteUrl: string;
  /** @default - no sender: each reminder is recorded as failed, saying so, and nothing is sent */
  readonly sender?: { readonly address: string; readonly identityArn: string };
}

/** Sets the sender and the site's address, and allows ses:SendEmail from that one identity. */
export function bindMail(fn: HandlerFunction, mail: MailResources | undefined): void {
  if (!mail) throw new Error('A row sends mail, and the stack has no mail resources.');
  fn.addEnvironment(SITE_URL_ENV, mail.siteUrl);
  if (!mail.sender) return;
  fn.addEnvironment(MAIL_FROM_ENV, mail.sender.address);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['ses:SendEmail'], resources: [mail.sender.identityArn] }),
  );
}

/** Sets the variable that names the job's function, and allows invoking that one function (no versions). */
export function bindJobInvoke(fn: HandlerFunction, jobId: string, job: IFunction): void {
  fn.addEnvironment(jobFunctionEnv(jobId), job.functionName);
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [job.functionArn] }),
  );
}

const ITEM_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

/**
 * The audit log's partitions (`AUDIT#…`), closed by dynamodb:LeadingKeys: no role may delete an entry or a
 * head, and a role whose row does not append to the log may not write there at all. A Deny wins over the
 * table-wide grant, whatever the transaction.
 */
export function closeAuditPartitions(fn: HandlerFunction, table: ITableV2, appends: boolean): void {
  fn.addToRolePolicy(
    new PolicyStatement({
      effect: Effect.DENY,
      actions: appends ? ['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'] : ITEM_WRITES,
      resources: [table.tableArn],
      conditions: { 'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${keys.auditPartitionPrefix}*`] } },
    }),
  );
}

/** The anchors bucket and key: read and VerifyMac to verify; also PutObject and GenerateMac to anchor. */
export function bindAuditAnchors(fn: HandlerFunction, data: DataResources, mode: 'verify' | 'anchor'): void {
  fn.addEnvironment(buckets.anchors.env, data.anchors.bucketName);
  fn.addEnvironment(AUDIT_KMS_KEY_ENV, data.auditKey.keyArn);
  const objects = data.anchors.arnForObjects(`${buckets.anchors.keyPrefix}*`);
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: mode === 'anchor' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'],
      resources: [objects],
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({ actions: [...BUCKET_ACTIONS], resources: [data.anchors.bucketArn] }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: mode === 'anchor' ? ['kms:GenerateMac', 'kms:VerifyMac'] : ['kms:VerifyMac'],
      resources: [data.auditKey.keyArn],
    }),
  );
  acknowledge(
    fn.executionRole,
    wildcardResourceFinding(fn, objects),
    `Anchors are named by the instant they are made, so the grant covers the ${buckets.anchors.keyPrefix} prefix; ${
      mode === 'anchor' ? 'GetObject and PutObject' : 'GetObject'
    } only.`,
  );
}

/** Applies a route or job row's `access`: nothing it does not name, nothing more than the mode it names. */
export function bindAccess(fn: HandlerFunction, access: RouteAccess, data: DataResources): void {
  if (access.table) {
    bindTable(fn, data.table, access.table);
    if (access.table === 'readwrite') closeAuditPartitions(fn, data.table, access.audit === 'append');
  }
  if (access.audit === 'verify' || access.audit === 'anchor') bindAuditAnchors(fn, data, access.audit);
  if (access.evidence) bindBucket(fn, data.evidence, 'evidence', access.evidence);
  if (access.reports) bindBucket(fn, data.reports, 'reports', access.reports);
  if (access.mail) bindMail(fn, data.mail);
  for (const jobId of access.invokes ?? []) {
    const job = data.jobs?.get(jobId);
    if (!job) throw new Error(`A row invokes job ${jobId}, which the stack has not made (shared/jobs.ts).`);
    bindJobInvoke(fn, jobId, job);
  }
}

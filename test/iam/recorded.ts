import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buckets, type BucketPurpose } from '#shared/buckets';
import type { RecordedCall } from '#shared/store/callLog';

/**
 * The IAM side of the SDK calls the integration and reliability suites record (shared/store/callLog.ts):
 * which action on which resource each call needs, the committed set of them, and how a run updates it.
 */
export interface Needed {
  /** Route, job or trigger id. */
  readonly fn: string;
  readonly action: string;
  /**
   * `table`, `table/index/<name>`, `bucket/<purpose>`, `object/<purpose>/<key prefix>*`, `function/<job id>`
   * or `identity/sender` (the SES identity reminders are sent from).
   * Object keys are kept to their first segment, so the set does not change with the ids a run made up.
   */
  readonly resource: string;
}

export const RECORDED_FILE = resolve(import.meta.dirname, 'recorded-permissions.json');

/** What the run's local names stand for: bucket name → purpose, Lambda function name → job id. */
export interface LocalNames {
  readonly buckets: Readonly<Record<string, BucketPurpose>>;
  readonly functions: Readonly<Record<string, string>>;
}

const DYNAMO_ACTIONS: Record<string, string> = {
  Get: 'GetItem',
  GetItem: 'GetItem',
  Put: 'PutItem',
  PutItem: 'PutItem',
  Update: 'UpdateItem',
  UpdateItem: 'UpdateItem',
  Delete: 'DeleteItem',
  DeleteItem: 'DeleteItem',
  Query: 'Query',
  Scan: 'Scan',
  BatchGet: 'BatchGetItem',
  BatchGetItem: 'BatchGetItem',
  BatchWrite: 'BatchWriteItem',
  BatchWriteItem: 'BatchWriteItem',
  DescribeTable: 'DescribeTable',
  ConditionCheck: 'ConditionCheckItem',
};

/** Transactions need no action of their own: each item is authorised as the single call it stands for. */
const TRANSACT_ITEM: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** A bucket's purpose; a test file's own bucket is named after the run's (`it-anchors-<file>`). */
function purposeOf(names: LocalNames, bucket: unknown): string | undefined {
  const name = String(bucket);
  return (
    names.buckets[name] ?? Object.entries(names.buckets).find(([known]) => name.startsWith(`${known}-`))?.[1]
  );
}

function objectResource(names: LocalNames, bucket: unknown, key: unknown): string {
  const purpose = purposeOf(names, bucket) ?? `unknown:${String(bucket)}`;
  const k = String(key ?? '');
  const prefix = k.includes('/') ? `${k.slice(0, k.indexOf('/') + 1)}*` : '*';
  return `object/${purpose}/${prefix}`;
}

/** The IAM actions and resources one recorded call needs, as the service documentation names them. */
export function neededFor(call: RecordedCall, names: LocalNames): Needed[] {
  const { fn, input } = call;
  const out = (action: string, resource: string): Needed => ({ fn, action, resource });
  if (call.service === 'dynamodb') {
    if (
      call.command === 'TransactWrite' ||
      call.command === 'TransactWriteItems' ||
      call.command === 'TransactGet' ||
      call.command === 'TransactGetItems'
    ) {
      return ((input.TransactItems as { kind: string }[] | undefined) ?? []).map((item) =>
        out(`dynamodb:${TRANSACT_ITEM[item.kind] ?? `unknown:${item.kind}`}`, 'table'),
      );
    }
    const action = `dynamodb:${DYNAMO_ACTIONS[call.command] ?? `unknown:${call.command}`}`;
    return [out(action, input.IndexName ? `table/index/${String(input.IndexName)}` : 'table')];
  }
  if (call.service === 'lambda') {
    const job = names.functions[String(input.FunctionName)] ?? `unknown:${String(input.FunctionName)}`;
    return [
      out(call.command === 'Invoke' ? 'lambda:InvokeFunction' : `lambda:${call.command}`, `function/${job}`),
    ];
  }
  if (call.service === 'ses') {
    // SES authorises a send on the identity of its From address: the deployment's one sender.
    return [out(`ses:${call.command}`, 'identity/sender')];
  }
  const object = () => objectResource(names, input.Bucket, input.Key);
  const versioned = (plain: string, version: string) => (input.VersionId ? version : plain);
  switch (call.command) {
    case 'GetObject':
    case 'HeadObject':
      return [out(versioned('s3:GetObject', 's3:GetObjectVersion'), object())];
    case 'PutObject':
    case 'CreateMultipartUpload':
    case 'UploadPart':
    case 'CompleteMultipartUpload':
      return [
        out('s3:PutObject', object()),
        ...(input.Tagging ? [out('s3:PutObjectTagging', object())] : []),
        ...(input.ObjectLockMode ? [out('s3:PutObjectRetention', object())] : []),
        ...(input.ObjectLockLegalHoldStatus ? [out('s3:PutObjectLegalHold', object())] : []),
      ];
    case 'CopyObject': {
      const [bucket, ...key] = String(input.CopySource ?? '').split('/');
      return [
        out('s3:PutObject', object()),
        out('s3:GetObject', objectResource(names, bucket, decodeURIComponent(key.join('/')))),
      ];
    }
    case 'ListParts':
      return [out('s3:ListMultipartUploadParts', object())];
    case 'AbortMultipartUpload':
      return [out('s3:AbortMultipartUpload', object())];
    case 'DeleteObject':
      return [
        out(versioned('s3:DeleteObject', 's3:DeleteObjectVersion'), object()),
        ...(input.BypassGovernanceRetention ? [out('s3:BypassGovernanceRetention', object())] : []),
      ];
    case 'HeadBucket':
    case 'ListObjectsV2':
    case 'ListObjects':
      return [out('s3:ListBucket', `bucket/${purposeOf(names, input.Bucket) ?? String(input.Bucket)}`)];
    default:
      return [out(`s3:unknown:${call.command}`, object())];
  }
}

export const neededKey = (n: Needed): string => `${n.fn} ${n.action} ${n.resource}`;

export function readRecordedFile(): Needed[] {
  return existsSync(RECORDED_FILE) ? (JSON.parse(readFileSync(RECORDED_FILE, 'utf8')) as Needed[]) : [];
}

function sorted(set: Iterable<Needed>): Needed[] {
  const byKey = new Map<string, Needed>();
  for (const n of set) byKey.set(neededKey(n), { fn: n.fn, action: n.action, resource: n.resource });
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, n]) => n);
}

/** Every call recorded under `dir` (one JSON-lines file per process), as IAM needs. */
export function collectRecorded(dir: string, names: LocalNames): Needed[] {
  const out: Needed[] = [];
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line) out.push(...neededFor(JSON.parse(line) as RecordedCall, names));
    }
  }
  return sorted(out);
}

/**
 * Compares a run's needs with the committed set. New needs are added to the file and fail the run, so that
 * the permission test (`npm test`, test/infra/permissions.test.ts) sees them once committed; with
 * RECORD_PERMISSIONS=rewrite the file becomes exactly this run's set (for a full run, to drop stale needs).
 */
export function reconcileRecorded(found: readonly Needed[]): { added: Needed[] } {
  const committed = readRecordedFile();
  const known = new Set(committed.map(neededKey));
  const added = found.filter((n) => !known.has(neededKey(n)));
  if (process.env.RECORD_PERMISSIONS === 'rewrite') {
    writeFileSync(RECORDED_FILE, `${JSON.stringify(sorted(found), null, 2)}\n`);
    return { added: [] };
  }
  if (added.length)
    writeFileSync(RECORDED_FILE, `${JSON.stringify(sorted([...committed, ...added]), null, 2)}\n`);
  return { added };
}

export const bucketPurposeNames = (bucketName: (p: BucketPurpose) => string) =>
  Object.fromEntries((Object.keys(buckets) as BucketPurpose[]).map((p) => [bucketName(p), p])) as Record<
    string,
    BucketPurpose
  >;

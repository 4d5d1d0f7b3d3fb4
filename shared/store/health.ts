import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { bucketName, s3 } from './s3.ts';

const TABLE = tableName();
const BUCKETS = [bucketName('evidence'), bucketName('reports')];
const CHECK_TIMEOUT_MS = 2000;

export type ComponentStatus = 'ok' | 'down';
export interface StorageHealth {
  readonly dynamodb: ComponentStatus;
  readonly s3: ComponentStatus;
}

async function probe(run: (signal: AbortSignal) => Promise<unknown>): Promise<ComponentStatus> {
  try {
    await run(AbortSignal.timeout(CHECK_TIMEOUT_MS));
    return 'ok';
  } catch {
    return 'down';
  }
}

/** Reads one item and heads each bucket: cheap, and needs only read access. */
export async function checkStorage(): Promise<StorageHealth> {
  const [dynamodb, s3Status] = await Promise.all([
    probe((abortSignal) =>
      ddb.send(new GetCommand({ TableName: TABLE, Key: keys.health() }), { abortSignal }),
    ),
    probe((abortSignal) =>
      Promise.all(BUCKETS.map((Bucket) => s3.send(new HeadBucketCommand({ Bucket }), { abortSignal }))),
    ),
  ]);
  return { dynamodb, s3: s3Status };
}

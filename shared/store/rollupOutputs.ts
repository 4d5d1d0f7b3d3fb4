import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { CopyObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RollupSummary } from '../domain/rollupRun.ts';
import { entities, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { openOutput, type OutputStream } from './multipartOutput.ts';
import { bucketName, s3 } from './s3.ts';

export type { RollupSummary };

const BUCKET = bucketName('reports');
const TABLE = tableName();

export const ROLLUP_FILES = {
  json: { name: 'rollup.json', type: 'application/json; charset=utf-8' },
  indicatorsCsv: { name: 'indicators.csv', type: 'text/csv; charset=utf-8' },
  unitsCsv: { name: 'units.csv', type: 'text/csv; charset=utf-8' },
  html: { name: 'report.html', type: 'text/html; charset=utf-8' },
} as const;
export type RollupFile = keyof typeof ROLLUP_FILES;

/** The published file, or a run's own copy under runs/{runId}/ (written first, published only on success). */
export const rollupKey = (year: number, file: RollupFile, runId?: string) =>
  `rollups/${year}/${runId ? `runs/${runId}/` : ''}${ROLLUP_FILES[file].name}`;

/** A file of a run, streamed to the run's folder; it is published by publishRun. */
export const openRunOutput = (year: number, file: RollupFile, runId: string): OutputStream =>
  openOutput(BUCKET, rollupKey(year, file, runId), ROLLUP_FILES[file].type);

export async function publishRun(year: number, runId: string): Promise<void> {
  for (const file of Object.keys(ROLLUP_FILES) as RollupFile[]) {
    await s3.send(
      new CopyObjectCommand({
        Bucket: BUCKET,
        Key: rollupKey(year, file),
        CopySource: `${BUCKET}/${rollupKey(year, file, runId)}`,
        ContentType: ROLLUP_FILES[file].type,
        MetadataDirective: 'REPLACE',
      }),
    );
  }
}

async function openLines(key: string): Promise<AsyncIterable<string> | undefined> {
  try {
    const res = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    return createInterface({ input: res.Body as Readable, crlfDelay: Infinity });
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
    throw error;
  }
}

/** Lines of a published CSV of an earlier year, BOM stripped; nothing when that year has no rollup. */
export async function* publishedCsvLines(
  year: number,
  file: 'unitsCsv' | 'indicatorsCsv',
): AsyncGenerator<string> {
  const lines = await openLines(rollupKey(year, file));
  if (!lines) return;
  let first = true;
  for await (const line of lines) {
    yield first ? line.replace(/^\uFEFF/, '') : line;
    first = false;
  }
}

export async function saveRollupSummary(summary: RollupSummary): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: entities.rollupSummary.encode(summary),
    }),
  );
}

export async function getRollupSummary(year: number): Promise<RollupSummary | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.rollupSummary(year), ConsistentRead: true }),
  );
  return Item ? entities.rollupSummary.decode(Item) : undefined;
}

/** Five-minute links to the published files. */
export async function rollupLinks(year: number): Promise<Record<RollupFile, string>> {
  const entries = await Promise.all(
    (Object.keys(ROLLUP_FILES) as RollupFile[]).map(async (file) => [
      file,
      await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: rollupKey(year, file) }), {
        expiresIn: 300,
      }),
    ]),
  );
  return Object.fromEntries(entries) as Record<RollupFile, string>;
}

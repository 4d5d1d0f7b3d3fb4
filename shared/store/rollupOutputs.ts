import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PublishedRollup, RollupSummary } from '../domain/rollupRun.ts';
import { entities, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { openOutput, type OutputStream } from './multipartOutput.ts';
import { bucketName, s3 } from './s3.ts';
import { LINK_SECONDS } from '../contract/evidence.ts';
import { conditioned, transact, unconditioned, type Write } from './transact.ts';

export type { PublishedRollup, RollupSummary };

const BUCKET = bucketName('reports');
const TABLE = tableName();

export const ROLLUP_FILES = {
  json: { name: 'rollup.json', type: 'application/json; charset=utf-8' },
  indicatorsCsv: { name: 'indicators.csv', type: 'text/csv; charset=utf-8' },
  unitsCsv: { name: 'units.csv', type: 'text/csv; charset=utf-8' },
  html: { name: 'report.html', type: 'text/html; charset=utf-8' },
  xlsx: {
    name: 'rollup.xlsx',
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
} as const;
export type RollupFile = keyof typeof ROLLUP_FILES;

/**
 * A run's files live under its own folder, `rollups/{year}/runs/{runId}/`, and stay there: publishing a run is
 * swapping the year's pointer item to it, once every file is complete, so a reader gets one run's files and
 * the summary of that run, never a mix.
 */
export const rollupKey = (year: number, file: RollupFile, runId: string) =>
  `rollups/${year}/runs/${runId}/${ROLLUP_FILES[file].name}`;

/** A file of a run, streamed to the run's folder; it is published by publishRun. */
export const openRunOutput = (year: number, file: RollupFile, runId: string): OutputStream =>
  openOutput(BUCKET, rollupKey(year, file, runId), ROLLUP_FILES[file].type);

/** A run older than this is not running any more, whatever its summary says: Lambda stops a job at 15 min. */
export const STALE_RUN_MS = 20 * 60_000;

export async function publishedRollup(year: number): Promise<PublishedRollup | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.rollupPublished(year), ConsistentRead: true }),
  );
  return Item ? entities.rollupPublished.decode(Item) : undefined;
}

/**
 * Publishes the run: every file must be in its folder, and the run must still hold the year's claim (a run
 * that lost it to a newer one publishes nothing). The pointer and that check land in one transaction.
 */
export async function publishRun(year: number, runId: string, now = new Date()): Promise<void> {
  for (const file of Object.keys(ROLLUP_FILES) as RollupFile[]) {
    await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: rollupKey(year, file, runId) }));
  }
  await transact([
    conditioned('ROLLUP_CLAIM_LOST', {
      ConditionCheck: {
        TableName: TABLE,
        Key: keys.rollupSummary(year),
        ConditionExpression: 'runId = :runId AND #status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':runId': runId, ':running': 'running' },
      },
    }),
    unconditioned({
      Put: {
        TableName: TABLE,
        Item: entities.rollupPublished.encode({ year, runId, publishedAt: now.toISOString() }),
      },
    }),
  ]);
}

/**
 * The write of a run's summary. `running` claims the year: it lands only when no other run holds it (none
 * running, or the one running has gone stale); a finished state lands only for the run that holds the claim,
 * so a run overtaken by a newer one cannot overwrite its summary.
 */
export function rollupSummaryWrite(summary: RollupSummary, now = new Date()): Write {
  const claim = summary.status === 'running';
  return conditioned(claim ? 'ROLLUP_RUNNING' : 'ROLLUP_CLAIM_LOST', {
    Put: {
      TableName: TABLE,
      Item: entities.rollupSummary.encode(summary),
      ConditionExpression: claim
        ? 'attribute_not_exists(pk) OR runId = :runId OR #status <> :running OR startedAt < :stale'
        : 'runId = :runId',
      ...(claim ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: {
        ':runId': summary.runId,
        ...(claim
          ? { ':running': 'running', ':stale': new Date(now.getTime() - STALE_RUN_MS).toISOString() }
          : {}),
      },
    },
  });
}

export async function saveRollupSummary(summary: RollupSummary): Promise<void> {
  await transact([rollupSummaryWrite(summary)]);
}

export async function getRollupSummary(year: number): Promise<RollupSummary | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.rollupSummary(year), ConsistentRead: true }),
  );
  return Item ? entities.rollupSummary.decode(Item) : undefined;
}

/** Short-lived links (LINK_SECONDS) to the files of a run. */
export async function rollupLinks(year: number, runId: string): Promise<Record<RollupFile, string>> {
  const entries = await Promise.all(
    (Object.keys(ROLLUP_FILES) as RollupFile[]).map(async (file) => [
      file,
      await getSignedUrl(s3, new GetObjectCommand({ Bucket: BUCKET, Key: rollupKey(year, file, runId) }), {
        expiresIn: LINK_SECONDS,
      }),
    ]),
  );
  return Object.fromEntries(entries) as Record<RollupFile, string>;
}

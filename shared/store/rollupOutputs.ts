import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { entities, keys } from '../model.ts';
import { tableName } from './dynamo.ts';
import { openOutput, type OutputStream } from './multipartOutput.ts';
import { bucketName, s3 } from './s3.ts';
import { LINK_SECONDS } from '../contract/evidence.ts';
import { conditioned, transact, unconditioned } from './transact.ts';

export {
  getRollupSummary,
  publishedRollup,
  listRollupRuns,
  rollupSummaryWrites,
  saveRollupSummary,
  STALE_RUN_MS,
  type PublishedRollup,
  type RollupSummary,
} from './rollupSummaries.ts';

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

/**
 * Publishes the run: every file must be in its folder, and the run must still hold the year's claim (a run
 * that lost it to a newer one publishes nothing). The pointer and that check land in one transaction.
 */
export async function publishRun(year: number, runId: string, now = new Date()): Promise<void> {
  await Promise.all(
    (Object.keys(ROLLUP_FILES) as RollupFile[]).map((file) =>
      s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: rollupKey(year, file, runId) })),
    ),
  );
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

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { STALE_RUN_MS, type PublishedRollup, type RollupSummary } from '../domain/rollupRun.ts';
import { entities, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { conditioned, transact, unconditioned, type Write } from './transact.ts';
import { queryPages } from './pages.ts';

/*
 * A year's rollup runs as the table records them: the summary that claims the year, and the pointer to the
 * published run. Apart from the run's files (rollupOutputs.ts), so that a function which only starts a run or
 * reads its state does not carry the S3 client.
 */
export type { PublishedRollup, RollupSummary };
export { STALE_RUN_MS };

const TABLE = tableName();

export async function publishedRollup(year: number): Promise<PublishedRollup | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.rollupPublished(year), ConsistentRead: true }),
  );
  return Item ? entities.rollupPublished.decode(Item) : undefined;
}

/**
 * The writes of a run's summary: the year's current one, and the run's own record (the list of past runs),
 * which lands only with it. `running` claims the year: it lands only when no other run holds it (none running,
 * or the one running has gone stale); a finished state lands only for the run that holds the claim, so a run
 * overtaken by a newer one cannot overwrite its summary.
 */
export function rollupSummaryWrites(summary: RollupSummary, now = new Date()): Write[] {
  const claim = summary.status === 'running';
  const current = conditioned(claim ? 'ROLLUP_RUNNING' : 'ROLLUP_CLAIM_LOST', {
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
  return [current, unconditioned({ Put: { TableName: TABLE, Item: entities.rollupRun.encode(summary) } })];
}

export async function saveRollupSummary(summary: RollupSummary): Promise<void> {
  await transact(rollupSummaryWrites(summary));
}

export async function getRollupSummary(year: number): Promise<RollupSummary | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.rollupSummary(year), ConsistentRead: true }),
  );
  return Item ? entities.rollupSummary.decode(Item) : undefined;
}

/** How many of a year's runs the list gives, newest first: a year has a few scheduled and on-demand runs. */
export const ROLLUP_RUNS_LISTED = 50;

/** The year's runs, newest first, each as it last stood (running, succeeded or failed). */
export async function listRollupRuns(year: number): Promise<RollupSummary[]> {
  const pages = queryPages({
    TableName: TABLE,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :run)',
    ExpressionAttributeValues: { ':pk': keys.rollupRun(year, '').pk, ':run': keys.rollupRunPrefix },
    ScanIndexForward: false,
    Limit: ROLLUP_RUNS_LISTED,
    ConsistentRead: true,
  });
  const first = await pages.next();
  return first.done ? [] : first.value.map((item) => entities.rollupRun.decode(item));
}

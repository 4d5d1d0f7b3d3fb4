import { GetCommand, TransactGetCommand } from '@aws-sdk/lib-dynamodb';
import type { ReportSummary } from '../domain/completeness.ts';
import type { Revision, ReportState, Transition } from '../domain/report.ts';
import { dataModel, entities, indexQueries, keys, type ItemKey, type StoredClaim } from '../model.ts';
import { batchGetItems } from './batchGet.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPages, queryPagesAhead, withProjection } from './pages.ts';
import { conditioned, RACE, WriteConflict, type Write } from './transact.ts';

const TABLE = tableName();

export async function getReport(year: number, unitId: string): Promise<ReportState | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.report(year, unitId), ConsistentRead: true }),
  );
  return Item ? entities.report.decode(Item) : undefined;
}

/** A year's reports of these units (those with none are left out). */
export async function getReports(
  year: number,
  unitIds: readonly string[],
): Promise<Map<string, ReportState>> {
  const items = await batchGetItems(
    'reports',
    unitIds.map((id) => keys.report(year, id)),
  );
  return new Map(
    items.map((item) => {
      const report = entities.report.decode(item);
      return [report.unitId, report];
    }),
  );
}

/**
 * The report and an idempotency claim as they stand together, in one consistent read: after a lost race, the
 * claim tells whether a concurrent retry under the same key is the one that won.
 */
export async function getReportAndClaim(
  year: number,
  unitId: string,
  claimKey: ItemKey,
): Promise<{ report?: ReportState; claim?: StoredClaim }> {
  const read = new TransactGetCommand({
    TransactItems: [
      { Get: { TableName: TABLE, Key: keys.report(year, unitId) } },
      { Get: { TableName: TABLE, Key: claimKey } },
    ],
  });
  const { Responses } = await ddb.send(read).catch((error: unknown) => {
    // Refused while a write transaction held one of the items: a race like any other, tried again.
    throw (error as { name?: string }).name === 'TransactionCanceledException'
      ? new WriteConflict(RACE, error)
      : error;
  });
  const [report, claim] = (Responses ?? []).map((r) => r?.Item);
  return {
    ...(report ? { report: entities.report.decode(report) } : {}),
    ...(claim ? { claim: entities.idempotency.decode(claim) } : {}),
  };
}

/**
 * The current state and its revision, conditioned so that neither a stale writer nor a replayed revision
 * number can land: the report must still be at `fromVersion`, and the revision must be new. A state not read
 * for this write but remembered (`unchangedSince`, its updatedAt) must also still carry the same time, which
 * also catches a store that lost acknowledged writes (as DynamoDB Local can) or was rewritten under it.
 */
export function transitionItems(
  fromVersion: number,
  t: Transition,
  opts: { unchangedSince?: string } = {},
): Write[] {
  const since = fromVersion !== 0 ? opts.unchangedSince : undefined;
  return [
    conditioned('REPORT_MOVED', {
      Put: {
        TableName: TABLE,
        Item: entities.report.encode(t.next),
        ...(fromVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : since === undefined
            ? { ConditionExpression: 'version = :from', ExpressionAttributeValues: { ':from': fromVersion } }
            : {
                ConditionExpression: 'version = :from AND updatedAt = :since',
                ExpressionAttributeValues: { ':from': fromVersion, ':since': since },
              }),
      },
    }),
    conditioned('REVISION_EXISTS', {
      Put: {
        TableName: TABLE,
        Item: entities.revision.encode(t.revision),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  ];
}

const SUMMARY = ['version', 'action', 'status', 'at', 'by'] as const;
export type RevisionSummary = Pick<Revision, (typeof SUMMARY)[number]>;

export async function listRevisions(year: number, unitId: string): Promise<RevisionSummary[]> {
  const items = await queryAll({
    TableName: TABLE,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
    ExpressionAttributeValues: { ':pk': keys.report(year, unitId).pk, ':rev': keys.revisionPrefix },
    ...withProjection({}, SUMMARY),
    ConsistentRead: true,
  });
  return items.map((item) => entities.revision.decodeSome(item, SUMMARY));
}

export async function getRevision(
  year: number,
  unitId: string,
  version: number,
): Promise<Revision | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.revision(year, unitId, version), ConsistentRead: true }),
  );
  return Item ? entities.revision.decode(Item) : undefined;
}

/**
 * The year's current reports, read from every shard of the year index in parallel, one page at a time per
 * shard, so memory holds at most one page per shard whatever the number of reports.
 */
export async function* readYearReports(
  year: number,
  opts: { projection?: readonly string[]; pageSize?: number } = {},
): AsyncGenerator<Record<string, unknown>[]> {
  const shards = Array.from({ length: dataModel.yearShards }, (_, shard) =>
    queryPages({
      TableName: TABLE,
      ...withProjection(indexQueries.yearShard(year, shard), opts.projection),
      ...(opts.pageSize ? { Limit: opts.pageSize } : {}),
    })[Symbol.asyncIterator](),
  );
  const pending = new Map(shards.map((it, i) => [i, it.next().then((r) => ({ i, r }))]));
  while (pending.size) {
    const { i, r } = await Promise.race(pending.values());
    if (r.done) {
      pending.delete(i);
      continue;
    }
    const it = shards[i] as AsyncIterator<Record<string, unknown>[]>;
    pending.set(
      i,
      it.next().then((next) => ({ i, r: next })),
    );
    yield r.value;
  }
}

/** Status fields of every report of the year, keyed by unit, for listings and completeness. */
export async function yearSummaries(year: number): Promise<Map<string, ReportSummary>> {
  const out = new Map<string, ReportSummary>();
  const projection = [
    'unitId',
    'status',
    'late',
    'version',
    'submittedAt',
    'updatedAt',
    'acceptedAt',
    'preliminary',
  ] as const;
  for await (const page of readYearReports(year, { projection })) {
    for (const item of page) {
      const summary = entities.report.decodeSome(item, projection);
      out.set(summary.unitId, summary);
    }
  }
  return out;
}

/**
 * The year's reports in unit id order: each shard of the year index is already sorted by unit id, so merging
 * the shards (read in parallel, a page at a time) gives one sorted stream without holding the year.
 */
export async function* yearReportsInUnitOrder(year: number, pageSize?: number): AsyncGenerator<ReportState> {
  const shards = Array.from({ length: dataModel.yearShards }, (_, shard) => ({
    pages: queryPagesAhead({
      TableName: TABLE,
      ...indexQueries.yearShard(year, shard),
      ...(pageSize ? { Limit: pageSize } : {}),
    }),
    page: [] as Record<string, unknown>[],
    at: -1,
  }));
  // Only the shard that was taken from moves on, so an item costs one step of one shard, not eight.
  const step = async (s: (typeof shards)[number]): Promise<Record<string, unknown> | undefined> => {
    s.at += 1;
    while (s.at >= s.page.length) {
      const r = await s.pages.next();
      if (r.done) return undefined;
      s.page = r.value;
      s.at = 0;
    }
    return s.page[s.at];
  };
  const heads = await Promise.all(shards.map(step));
  for (;;) {
    let min = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i];
      if (h && (min < 0 || (h.unitId as string) < ((heads[min] as Record<string, unknown>).unitId as string)))
        min = i;
    }
    if (min < 0) return;
    const item = heads[min] as Record<string, unknown>;
    heads[min] = await step(shards[min] as (typeof shards)[number]);
    yield entities.report.decode(item);
  }
}

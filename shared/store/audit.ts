import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  AUDIT_STREAMS,
  chainEntry,
  chainIdOf,
  GENESIS_HASH,
  type AuditEntryInput,
  type AuditStream,
  type ChainHead,
} from '../domain/auditChain.ts';
import { entities, indexQueries, keys, type StoredAuditEntry, type StoredAuditHead } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPages } from './pages.ts';
import { jittered, retry } from './retry.ts';
import { conditioned, transact, WriteConflict, type Write } from './transact.ts';

const table = () => tableName();

async function readHead(year: number, chain: string): Promise<ChainHead> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: table(), Key: keys.auditHead(year, chain), ConsistentRead: true }),
  );
  return Item ? entities.auditHead.decode(Item) : { seq: 0, hash: GENESIS_HASH };
}

/**
 * The writes that append one entry to one chain: the head moves from the sequence number just read to the
 * next, so two appenders can never both land on one number; the loser's transaction fails and it retries.
 */
export async function auditAppendWrites(
  input: AuditEntryInput,
  stream: AuditStream,
  lane = 0,
): Promise<Write[]> {
  const chain = chainIdOf(input.unitId, stream, lane);
  const head = await readHead(input.year, chain);
  const entry = chainEntry({ ...input, chain }, head.seq + 1, head.hash) as StoredAuditEntry;
  return [
    conditioned('AUDIT_HEAD_MOVED', {
      Put: {
        TableName: table(),
        Item: entities.auditHead.encode({ year: input.year, chain, seq: entry.seq, hash: entry.hash }),
        ConditionExpression: head.seq === 0 ? 'attribute_not_exists(pk)' : 'seq = :seq',
        ...(head.seq === 0 ? {} : { ExpressionAttributeValues: { ':seq': head.seq } }),
      },
    }),
    conditioned('AUDIT_ENTRY_EXISTS', {
      Put: {
        TableName: table(),
        Item: entities.auditEntry.encode(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  ];
}

/**
 * Appends on its own. A lost race moves to another lane of the stream (chosen at random), so many appenders
 * of one unit and stream spread over its lanes instead of queueing on one head.
 */
export async function appendAudit(input: AuditEntryInput, stream: AuditStream): Promise<void> {
  const lanes = AUDIT_STREAMS[stream].lanes;
  await retry(
    jittered(10, 10),
    (error) => error instanceof WriteConflict,
    async () => transact(await auditAppendWrites(input, stream, Math.floor(Math.random() * lanes))),
  );
}

/** One chain up to its head, in order. */
export async function readChain(
  year: number,
  chain: string,
): Promise<{ entries: StoredAuditEntry[]; head: ChainHead | undefined }> {
  // The head first: entries appended after it was read are left out, not mistaken for a break.
  const { Item } = await ddb.send(
    new GetCommand({ TableName: table(), Key: keys.auditHead(year, chain), ConsistentRead: true }),
  );
  const head = Item ? entities.auditHead.decode(Item) : undefined;
  const partition = keys.auditHead(year, chain).pk;
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
    ExpressionAttributeValues: {
      ':pk': partition,
      ':first': keys.auditEntry(year, chain, 1).sk,
      ':last': keys.auditEntry(year, chain, Math.max(head?.seq ?? 0, 1)).sk,
    },
    ConsistentRead: true,
  });
  const entries = head ? items.map((item) => entities.auditEntry.decode(item)) : [];
  return { entries, head };
}

/**
 * The heads of a year's chains (all, or one unit's), from the heads index: a head that moved a moment ago may
 * show its previous position, which only means the anchor vouches for a little less.
 */
export async function chainHeads(year: number, unitId?: string): Promise<StoredAuditHead[]> {
  const query = indexQueries.auditHeads(year);
  const items = await queryAll({
    TableName: table(),
    ...query,
    ...(unitId
      ? {
          KeyConditionExpression: `${query.KeyConditionExpression} AND begins_with(#sk, :unit)`,
          ExpressionAttributeNames: { ...query.ExpressionAttributeNames, '#sk': 'gsi2sk' },
          ExpressionAttributeValues: { ...query.ExpressionAttributeValues, ':unit': `${unitId}#` },
        }
      : {}),
  });
  return items.map((item) => entities.auditHead.decode(item));
}

export interface AuditQuery {
  readonly year: number;
  readonly unitId?: string;
  readonly action?: string;
  readonly actor?: string;
  /** ISO instants, inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** The index key to start after, from the previous page. */
  readonly after?: Record<string, string>;
}

export interface AuditPage {
  readonly entries: StoredAuditEntry[];
  readonly next?: Record<string, string>;
}

/**
 * One page of a year's entries in time order, from the year's index or the unit's. Filters on action and actor
 * apply within the page, so a page may hold fewer than `limit` entries and still have a next one.
 */
export async function auditPage(q: AuditQuery): Promise<AuditPage> {
  const base = q.unitId ? indexQueries.auditOfUnit(q.year, q.unitId) : indexQueries.auditLog(q.year);
  const sortName = q.unitId ? 'gsi1sk' : 'gsi2sk';
  const names: Record<string, string> = { ...base.ExpressionAttributeNames };
  const values: Record<string, unknown> = { ...base.ExpressionAttributeValues };
  // Sort keys start with the instant: `~` sorts after every character an instant's suffix can hold. An empty
  // bound is no bound (DynamoDB refuses an empty string in a key condition).
  let sortCondition = '';
  // A range that ends before it begins holds nothing (and DynamoDB refuses such a BETWEEN).
  if (q.from && q.to && q.from > `${q.to}~`) return { entries: [] };
  if (q.from || q.to) {
    names['#sort'] = sortName;
    if (q.from) values[':from'] = q.from;
    if (q.to) values[':to'] = `${q.to}~`;
    sortCondition =
      q.from && q.to
        ? ' AND #sort BETWEEN :from AND :to'
        : q.from
          ? ' AND #sort >= :from'
          : ' AND #sort <= :to';
  }
  const filters: string[] = [];
  if (q.action) {
    names['#action'] = 'action';
    values[':action'] = q.action;
    filters.push('#action = :action');
  }
  if (q.actor) {
    names['#actor'] = 'actor';
    names['#sub'] = 'sub';
    values[':actor'] = q.actor;
    filters.push('#actor.#sub = :actor');
  }
  const res = await ddb.send(
    new QueryCommand({
      TableName: table(),
      IndexName: base.IndexName,
      KeyConditionExpression: `${base.KeyConditionExpression}${sortCondition}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      Limit: q.limit,
      ...(q.after ? { ExclusiveStartKey: q.after } : {}),
    }),
  );
  return {
    entries: (res.Items ?? []).map((item) => entities.auditEntry.decode(item)),
    ...(res.LastEvaluatedKey ? { next: res.LastEvaluatedKey as Record<string, string> } : {}),
  };
}

/** Every chain of a year with its entries, one chain at a time: what the anchoring job checks. */
export async function* yearChains(
  year: number,
): AsyncGenerator<{ chain: string; entries: StoredAuditEntry[]; head: ChainHead | undefined }> {
  for await (const page of queryPages({ TableName: table(), ...indexQueries.auditHeads(year) })) {
    for (const item of page) {
      const { chain } = entities.auditHead.decode(item);
      yield { chain, ...(await readChain(year, chain)) };
    }
  }
}

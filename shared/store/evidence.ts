import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { PENDING_SECONDS, type EvidenceItem, type EvidenceSlot } from '../domain/evidence.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { dataModel, EVIDENCE_SLOT_PREFIX, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPages } from './pages.ts';
import type { TransactItem } from './transact.ts';

const TABLE = tableName();
const TTL = dataModel.timeToLiveAttribute;
const EDITABLE = { ':draft': 'draft', ':returned': 'returned' };

const byReport = (year: number, unitId: string) => ({
  TableName: TABLE,
  IndexName: 'byCollection',
  KeyConditionExpression: '#pk = :pk',
  ExpressionAttributeNames: { '#pk': dataModel.indexes.byCollection.partitionKey } as Record<string, string>,
  ExpressionAttributeValues: { ':pk': keys.evidenceCollection(year, unitId).gsi2pk } as Record<
    string,
    unknown
  >,
});

function fromItem(item: Record<string, unknown>): EvidenceItem {
  const { pk: _pk, sk: _sk, gsi2pk: _g, gsi2sk: _s, entity: _e, expiresAt: _x, ...rest } = item;
  return rest as unknown as EvidenceItem;
}

export async function getEvidence(evidenceId: string): Promise<EvidenceItem | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.evidence(evidenceId), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

export async function listEvidence(year: number, unitId: string): Promise<EvidenceItem[]> {
  return (await queryAll(byReport(year, unitId))).map(fromItem);
}

/** The report's verified evidence: each file's id and the catalog fields it supports. */
export async function verifiedEvidence(
  year: number,
  unitId: string,
): Promise<{ evidenceId: string; fields: string[] }[]> {
  const out: { evidenceId: string; fields: string[] }[] = [];
  const q = byReport(year, unitId);
  for await (const page of queryPages({
    ...q,
    FilterExpression: '#status = :verified',
    ExpressionAttributeNames: {
      ...q.ExpressionAttributeNames,
      '#status': 'status',
      '#fields': 'fields',
      '#id': 'evidenceId',
    },
    ExpressionAttributeValues: { ...q.ExpressionAttributeValues, ':verified': 'verified' },
    ProjectionExpression: '#id, #fields',
  })) {
    for (const item of page)
      out.push({
        evidenceId: item.evidenceId as string,
        fields: (item.fields as string[] | undefined) ?? [],
      });
  }
  return out;
}

/** Codes of the catalog fields that at least one verified evidence file of the report supports. */
export const fieldsOf = (evidence: readonly { fields: readonly string[] }[]): Set<string> =>
  new Set(evidence.flatMap((e) => e.fields));

/**
 * Checks, inside a submission's transaction, that the evidence it relied on is still verified: a withdrawal
 * that lands first makes the submission re-read, and one that comes after finds the report locked.
 */
export const stillVerified = (evidenceId: string): TransactItem => ({
  ConditionCheck: {
    TableName: TABLE,
    Key: keys.evidence(evidenceId),
    ConditionExpression: '#status = :verified',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':verified': 'verified' },
  },
});

/** The report's slots as held now, read consistently from the report's own partition. */
export async function heldSlots(year: number, unitId: string): Promise<EvidenceSlot[]> {
  const items = await queryAll({
    TableName: TABLE,
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :slot)',
    ExpressionAttributeValues: { ':pk': keys.report(year, unitId).pk, ':slot': EVIDENCE_SLOT_PREFIX },
    ConsistentRead: true,
  });
  return items.map((i) => ({
    slot: i.slot as number,
    evidenceId: i.evidenceId as string,
    holds: i.holds as EvidenceSlot['holds'],
    ...(typeof i[TTL] === 'number' ? { lapsesAt: i[TTL] } : {}),
  }));
}

/** The report must not exist yet or still be editable for its evidence to change. */
function reportEditable(year: number, unitId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: TABLE,
      Key: keys.report(year, unitId),
      ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:draft, :returned)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: EDITABLE,
    },
  };
}

const slotKey = (item: EvidenceItem) => keys.evidenceSlot(item.year, item.unitId, item.slot ?? -1);

/** Takes a slot that is free, or whose pending holder has lapsed (TTL may not have removed it yet). */
function takeSlot(item: EvidenceItem, lapsesAt: number, nowSeconds: number): TransactItem {
  return {
    Put: {
      TableName: TABLE,
      Item: {
        ...slotKey(item),
        entity: 'evidenceSlot',
        slot: item.slot,
        evidenceId: item.evidenceId,
        holds: 'pending',
        [TTL]: lapsesAt,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#holds = :pending AND #ttl <= :now)',
      ExpressionAttributeNames: { '#holds': 'holds', '#ttl': TTL },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': nowSeconds },
    },
  };
}

/** Keeps the slot for a verified file: only while this file still holds it. */
const keepSlot = (item: EvidenceItem): TransactItem => ({
  Update: {
    TableName: TABLE,
    Key: slotKey(item),
    UpdateExpression: 'SET #holds = :verified REMOVE #ttl',
    ConditionExpression: 'evidenceId = :id',
    ExpressionAttributeNames: { '#holds': 'holds', '#ttl': TTL },
    ExpressionAttributeValues: { ':verified': 'verified', ':id': item.evidenceId },
  },
});

/** Frees the slot a file holds; the caller leaves it out when a later declaration already took it over. */
const releaseSlot = (item: EvidenceItem): TransactItem => ({
  Delete: {
    TableName: TABLE,
    Key: slotKey(item),
    ConditionExpression: 'evidenceId = :id',
    ExpressionAttributeValues: { ':id': item.evidenceId },
  },
});

/** Whether the file still holds its slot (a lapsed declaration may have lost it to a new one). */
export async function holdsSlot(item: EvidenceItem): Promise<boolean> {
  if (item.slot === undefined) return false;
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: slotKey(item), ConsistentRead: true }),
  );
  return Item?.evidenceId === item.evidenceId;
}

/** Order matters: the caller explains a failed condition by its index (0: slot taken meanwhile, 1: report locked). */
export function declareItems(
  item: EvidenceItem,
  now: Date,
  pendingSeconds = PENDING_SECONDS,
): TransactItem[] {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const lapsesAt = nowSeconds + pendingSeconds;
  return [
    takeSlot(item, lapsesAt, nowSeconds),
    reportEditable(item.year, item.unitId),
    {
      Put: {
        TableName: TABLE,
        Item: {
          ...keys.evidence(item.evidenceId),
          ...keys.evidenceOfReport(item.year, item.unitId, item.createdAt, item.evidenceId),
          entity: 'evidence',
          ...item,
          pendingUntil: new Date(lapsesAt * 1000).toISOString(),
          // A declaration never completed expires; the bucket's lifecycle rules clear what it left behind.
          [TTL]: lapsesAt,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

function statusChange(
  item: EvidenceItem,
  from: readonly string[],
  set: Record<string, unknown>,
): TransactItem {
  const names: Record<string, string> = { '#status': 'status', '#ttl': TTL, '#until': 'pendingUntil' };
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  from.forEach((s, i) => (values[`:from${i}`] = s));
  return {
    Update: {
      TableName: TABLE,
      Key: keys.evidence(item.evidenceId),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE #ttl, #until`,
      ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Order: 0 no longer pending, 1 the slot was lost (the declaration lapsed), 2 the report is no longer editable. */
export const verifiedItems = (item: EvidenceItem, now: Date, versionId?: string): TransactItem[] => [
  statusChange(item, ['pending'], {
    status: 'verified',
    verifiedAt: now.toISOString(),
    ...(versionId ? { versionId } : {}),
  }),
  keepSlot(item),
  reportEditable(item.year, item.unitId),
];

/** Order: 0 no longer pending, 1 the slot changed hands meanwhile (retry after re-reading it). */
export const rejectedItems = (
  item: EvidenceItem,
  reason: Bilingual,
  now: Date,
  heldSlot: boolean,
): TransactItem[] => [
  statusChange(item, ['pending'], {
    status: 'rejected',
    rejectedReason: reason,
    rejectedAt: now.toISOString(),
  }),
  ...(heldSlot ? [releaseSlot(item)] : []),
];

/** Order: 0 the evidence is no longer live, 1 the report is locked, 2 the slot changed hands meanwhile. */
export const withdrawnItems = (item: EvidenceItem, now: Date, heldSlot: boolean): TransactItem[] => [
  statusChange(item, ['pending', 'verified'], { status: 'withdrawn', withdrawnAt: now.toISOString() }),
  reportEditable(item.year, item.unitId),
  ...(heldSlot ? [releaseSlot(item)] : []),
];

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { PENDING_SECONDS, type EvidenceItem, type EvidenceSlot } from '../domain/evidence.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { dataModel, entities, EVIDENCE_SLOT_PREFIX, indexQueries, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPages } from './pages.ts';
import { conditioned, type ConditionReason, type Write } from './transact.ts';

const TABLE = tableName();
const TTL = dataModel.timeToLiveAttribute;
const EDITABLE = { ':draft': 'draft', ':returned': 'returned' };

const byReport = (year: number, unitId: string) => ({
  TableName: TABLE,
  ...indexQueries.evidenceOfReport(year, unitId),
});
const fromItem = (item: Record<string, unknown>): EvidenceItem => entities.evidence.decode(item);

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
    for (const item of page) out.push(entities.evidence.decodeSome(item, ['evidenceId', 'fields']));
  }
  return out;
}

/** Codes of the catalog fields that at least one of these files supports. */
export const fieldsOf = (evidence: readonly { fields: readonly string[] }[]): Set<string> =>
  new Set(evidence.flatMap((e) => e.fields));

/** The files backing each field, as a submission records them (domain/review.ts judges them later). */
export function backingOf(
  evidence: readonly { evidenceId: string; fields: readonly string[] }[],
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const e of evidence) for (const f of e.fields) (out[f] ??= []).push(e.evidenceId);
  return out;
}

/**
 * Checks, inside a submission's transaction, that a file it relied on is still verified: a withdrawal that
 * lands first makes the submission re-read, and one that comes after finds the report locked.
 */
export const stillVerified = (evidenceId: string): Write =>
  conditioned('EVIDENCE_NOT_VERIFIED', {
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
  return items.map((i) => {
    const slot = entities.evidenceSlot.decode(i);
    return typeof i[TTL] === 'number' ? { ...slot, lapsesAt: i[TTL] } : slot;
  });
}

/**
 * The report must not exist yet or still be editable for its evidence to change. A file may also be added
 * while the unit may still object to a preliminary result (domain/review.ts): it is sent with an objection.
 * Nothing is withdrawn then: the auditors may already have judged it.
 */
function reportEditable(year: number, unitId: string, addingAt?: Date): Write {
  const base = 'attribute_not_exists(pk) OR #status IN (:draft, :returned)';
  return conditioned('REPORT_LOCKED', {
    ConditionCheck: {
      TableName: TABLE,
      Key: keys.report(year, unitId),
      ...(addingAt
        ? {
            ConditionExpression: `${base} OR (#status = :preliminary AND #prelim.#deadline > :now)`,
            ExpressionAttributeNames: {
              '#status': 'status',
              '#prelim': 'preliminary',
              '#deadline': 'objectionDeadline',
            },
            ExpressionAttributeValues: {
              ...EDITABLE,
              ':preliminary': 'preliminary',
              ':now': addingAt.toISOString(),
            },
          }
        : {
            ConditionExpression: base,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: EDITABLE,
          }),
    },
  });
}

const slotKey = (item: EvidenceItem) => keys.evidenceSlot(item.year, item.unitId, item.slot ?? -1);

/** Takes a slot that is free, or whose pending holder has lapsed (TTL may not have removed it yet). */
function takeSlot(item: EvidenceItem, lapsesAt: number, nowSeconds: number): Write {
  const slot: EvidenceSlot = {
    year: item.year,
    unitId: item.unitId,
    slot: item.slot ?? -1,
    evidenceId: item.evidenceId,
    holds: 'pending',
    sha256: item.sha256,
    fields: item.fields,
  };
  return conditioned('SLOT_TAKEN', {
    Put: {
      TableName: TABLE,
      Item: entities.evidenceSlot.encode(slot, { [TTL]: lapsesAt }),
      ConditionExpression: 'attribute_not_exists(pk) OR (#holds = :pending AND #ttl <= :now)',
      ExpressionAttributeNames: { '#holds': 'holds', '#ttl': TTL },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': nowSeconds },
    },
  });
}

/** Keeps the slot for a verified file: only while this file still holds it. */
const keepSlot = (item: EvidenceItem): Write =>
  conditioned('SLOT_LOST', {
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
const releaseSlot = (item: EvidenceItem): Write =>
  conditioned('SLOT_LOST', {
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

/**
 * A new declaration in the slot it names, waiting `pendingSeconds` for its upload. When several fail,
 * SLOT_TAKEN is reported before REPORT_LOCKED: the first failed write in this order names the reason.
 */
export function declareItems(item: EvidenceItem, now: Date, pendingSeconds = PENDING_SECONDS): Write[] {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const lapsesAt = nowSeconds + pendingSeconds;
  return [
    takeSlot(item, lapsesAt, nowSeconds),
    reportEditable(item.year, item.unitId, now),
    conditioned('EVIDENCE_EXISTS', {
      Put: {
        TableName: TABLE,
        // A declaration never completed expires; the bucket's lifecycle rules clear what it left behind.
        Item: entities.evidence.encode(
          { ...item, pendingUntil: new Date(lapsesAt * 1000).toISOString() },
          { [TTL]: lapsesAt },
        ),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  ];
}

function statusChange(
  item: EvidenceItem,
  from: readonly string[],
  set: Record<string, unknown>,
  failsAs: ConditionReason,
): Write {
  const names: Record<string, string> = { '#status': 'status', '#ttl': TTL, '#until': 'pendingUntil' };
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([k, v], i) => {
    names[`#s${i}`] = k;
    values[`:s${i}`] = v;
    return `#s${i} = :s${i}`;
  });
  from.forEach((s, i) => (values[`:from${i}`] = s));
  return conditioned(failsAs, {
    Update: {
      TableName: TABLE,
      Key: keys.evidence(item.evidenceId),
      UpdateExpression: `SET ${sets.join(', ')} REMOVE #ttl, #until`,
      ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  });
}

/**
 * A verified upload keeps its slot, and counts only while its report is editable. When several fail,
 * EVIDENCE_SETTLED comes before SLOT_LOST (the declaration lapsed and its slot was taken) before REPORT_LOCKED.
 */
export const verifiedItems = (
  item: EvidenceItem,
  now: Date,
  stored: { versionId?: string; signed?: boolean } = {},
): Write[] => [
  statusChange(
    item,
    ['pending'],
    {
      status: 'verified',
      verifiedAt: now.toISOString(),
      ...(stored.versionId ? { versionId: stored.versionId } : {}),
      ...(stored.signed === undefined ? {} : { signed: stored.signed }),
    },
    'EVIDENCE_SETTLED',
  ),
  keepSlot(item),
  reportEditable(item.year, item.unitId, now),
];

/** A rejected upload gives its slot back, when it still holds one (SLOT_LOST: it changed hands meanwhile). */
export const rejectedItems = (
  item: EvidenceItem,
  reason: Bilingual,
  now: Date,
  heldSlot: boolean,
): Write[] => [
  statusChange(
    item,
    ['pending'],
    { status: 'rejected', rejectedReason: reason, rejectedAt: now.toISOString() },
    'EVIDENCE_SETTLED',
  ),
  ...(heldSlot ? [releaseSlot(item)] : []),
];

/** When several fail, EVIDENCE_NOT_LIVE is reported before REPORT_LOCKED before SLOT_LOST. */
export const withdrawnItems = (item: EvidenceItem, now: Date, heldSlot: boolean): Write[] => [
  statusChange(
    item,
    ['pending', 'verified'],
    { status: 'withdrawn', withdrawnAt: now.toISOString() },
    'EVIDENCE_NOT_LIVE',
  ),
  reportEditable(item.year, item.unitId),
  ...(heldSlot ? [releaseSlot(item)] : []),
];

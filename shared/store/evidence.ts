import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EvidenceItem } from '../domain/evidence.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { dataModel, entities, indexQueries, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPages } from './pages.ts';
import { conditioned, unconditioned, type ConditionReason, type Write } from './transact.ts';

const TABLE = tableName();
const PENDING_SECONDS = 24 * 3600;
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

/** Codes of the catalog fields that at least one verified evidence file of the report supports. */
export async function verifiedEvidenceFields(year: number, unitId: string): Promise<Set<string>> {
  const out = new Set<string>();
  const q = byReport(year, unitId);
  for await (const page of queryPages({
    ...q,
    FilterExpression: '#status = :verified',
    ExpressionAttributeNames: { ...q.ExpressionAttributeNames, '#status': 'status', '#fields': 'fields' },
    ExpressionAttributeValues: { ...q.ExpressionAttributeValues, ':verified': 'verified' },
    ProjectionExpression: '#fields',
  })) {
    for (const item of page)
      for (const field of entities.evidence.decodeSome(item, ['fields']).fields) out.add(field);
  }
  return out;
}

/** The report must not exist yet or still be editable for its evidence to change. */
function reportEditable(year: number, unitId: string): Write {
  return conditioned('REPORT_LOCKED', {
    ConditionCheck: {
      TableName: TABLE,
      Key: keys.report(year, unitId),
      ConditionExpression: 'attribute_not_exists(pk) OR #status IN (:draft, :returned)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: EDITABLE,
    },
  });
}

/** Counts a report's live evidence; with `max`, refuses to count past it. */
function counterChange(year: number, unitId: string, delta: 1 | -1, max?: number): Write {
  const item = {
    Update: {
      TableName: TABLE,
      Key: keys.evidenceCounter(year, unitId),
      UpdateExpression: 'ADD live :delta SET entity = :entity',
      ExpressionAttributeValues: {
        ':delta': delta,
        ':entity': 'evidenceCounter',
        ...(max ? { ':max': max } : {}),
      },
      ...(max ? { ConditionExpression: 'attribute_not_exists(live) OR live < :max' } : {}),
    },
  };
  return max ? conditioned('TOO_MANY_FILES', item) : unconditioned(item);
}

/**
 * A new declaration, counted against the report's limit. When both fail, TOO_MANY_FILES is reported before
 * REPORT_LOCKED: the first failed write in this order names the reason.
 */
export function declareItems(item: EvidenceItem, maxFiles: number, now: Date): Write[] {
  return [
    counterChange(item.year, item.unitId, 1, maxFiles),
    reportEditable(item.year, item.unitId),
    conditioned('EVIDENCE_EXISTS', {
      Put: {
        TableName: TABLE,
        // A declaration never completed expires; the bucket's lifecycle rules clear what it left behind.
        Item: entities.evidence.encode(item, {
          [dataModel.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + PENDING_SECONDS,
        }),
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
  const names: Record<string, string> = { '#status': 'status', '#ttl': dataModel.timeToLiveAttribute };
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
      UpdateExpression: `SET ${sets.join(', ')} REMOVE #ttl`,
      ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  });
}

export const verifiedItems = (item: EvidenceItem, now: Date): Write[] => [
  statusChange(item, ['pending'], { status: 'verified', verifiedAt: now.toISOString() }, 'EVIDENCE_SETTLED'),
];

export const rejectedItems = (item: EvidenceItem, reason: Bilingual, now: Date): Write[] => [
  statusChange(
    item,
    ['pending'],
    { status: 'rejected', rejectedReason: reason, rejectedAt: now.toISOString() },
    'EVIDENCE_SETTLED',
  ),
  counterChange(item.year, item.unitId, -1),
];

/** When both fail, EVIDENCE_NOT_LIVE is reported before REPORT_LOCKED. */
export const withdrawnItems = (item: EvidenceItem, now: Date): Write[] => [
  statusChange(
    item,
    ['pending', 'verified'],
    { status: 'withdrawn', withdrawnAt: now.toISOString() },
    'EVIDENCE_NOT_LIVE',
  ),
  reportEditable(item.year, item.unitId),
  counterChange(item.year, item.unitId, -1),
];

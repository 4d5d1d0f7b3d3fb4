import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EvidenceItem } from '../domain/evidence.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { dataModel, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPages } from './pages.ts';
import type { TransactItem } from './transact.ts';

const TABLE = tableName();
const PENDING_SECONDS = 24 * 3600;
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
    for (const item of page) for (const field of (item.fields as string[] | undefined) ?? []) out.add(field);
  }
  return out;
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

function counterChange(year: number, unitId: string, delta: 1 | -1, max?: number): TransactItem {
  return {
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
}

/** Order matters: the caller explains a failed condition by its index (0: too many files, 1: report locked). */
export function declareItems(item: EvidenceItem, maxFiles: number, now: Date): TransactItem[] {
  return [
    counterChange(item.year, item.unitId, 1, maxFiles),
    reportEditable(item.year, item.unitId),
    {
      Put: {
        TableName: TABLE,
        Item: {
          ...keys.evidence(item.evidenceId),
          ...keys.evidenceOfReport(item.year, item.unitId, item.createdAt, item.evidenceId),
          entity: 'evidence',
          ...item,
          // A declaration never completed expires; the bucket's lifecycle rules clear what it left behind.
          [dataModel.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + PENDING_SECONDS,
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
  const names: Record<string, string> = { '#status': 'status', '#ttl': dataModel.timeToLiveAttribute };
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
      UpdateExpression: `SET ${sets.join(', ')} REMOVE #ttl`,
      ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export const verifiedItems = (item: EvidenceItem, now: Date): TransactItem[] => [
  statusChange(item, ['pending'], { status: 'verified', verifiedAt: now.toISOString() }),
];

export const rejectedItems = (item: EvidenceItem, reason: Bilingual, now: Date): TransactItem[] => [
  statusChange(item, ['pending'], {
    status: 'rejected',
    rejectedReason: reason,
    rejectedAt: now.toISOString(),
  }),
  counterChange(item.year, item.unitId, -1),
];

/** Order: 0 the evidence is no longer live, 1 the report is locked. */
export const withdrawnItems = (item: EvidenceItem, now: Date): TransactItem[] => [
  statusChange(item, ['pending', 'verified'], { status: 'withdrawn', withdrawnAt: now.toISOString() }),
  reportEditable(item.year, item.unitId),
  counterChange(item.year, item.unitId, -1),
];

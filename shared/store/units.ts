import { BatchGetCommand, BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Unit } from '../hierarchy.ts';
import { dataModel, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPagesAhead } from './pages.ts';

const TABLE = tableName();
const COLLECTION = dataModel.indexes.byCollection;

function toItem(unit: Unit) {
  return {
    ...keys.unit(unit.id),
    ...keys.unitsCollection(),
    [COLLECTION.sortKey]: unit.id,
    entity: 'unit',
    ...unit,
  };
}

function fromItem(item: Record<string, unknown>): Unit {
  const { id, code, name, level, parentId, reports } = item;
  // Validated when written (PUT /units); read back as stored.
  return { id, code, name, level, ...(parentId ? { parentId } : {}), reports } as Unit;
}

export async function getUnit(unitId: string): Promise<Unit | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.unit(unitId), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

export async function listUnits(): Promise<Unit[]> {
  const items = await queryAll({
    TableName: TABLE,
    IndexName: 'byCollection',
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': COLLECTION.partitionKey },
    ExpressionAttributeValues: { ':pk': keys.unitsCollection().gsi2pk },
  });
  return items.map(fromItem).sort((a, b) => a.id.localeCompare(b.id));
}

/** Writes units in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function saveUnits(units: readonly Unit[]): Promise<void> {
  for (let i = 0; i < units.length; i += 25) {
    let requests: Record<string, unknown>[] = units
      .slice(i, i + 25)
      .map((u) => ({ PutRequest: { Item: toItem(u) } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept units unprocessed after 8 retries');
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
      requests = (res.UnprocessedItems?.[TABLE] ?? []) as Record<string, unknown>[];
      if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

/** Every unit in id order, a page at a time, for streaming passes over large hierarchies. */
export async function* unitsInIdOrder(): AsyncGenerator<Unit> {
  for await (const page of queryPagesAhead({
    TableName: TABLE,
    IndexName: 'byCollection',
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': COLLECTION.partitionKey },
    ExpressionAttributeValues: { ':pk': keys.unitsCollection().gsi2pk },
  })) {
    for (const item of page) yield fromItem(item);
  }
}

/** Units by id (missing ids are left out), in batches of 100. */
export async function getUnits(ids: readonly string[]): Promise<Map<string, Unit>> {
  const out = new Map<string, Unit>();
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ ...keys.unit(id) }));
    for (let attempt = 0; request.length; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept units unprocessed after 8 retries');
      const res = await ddb.send(
        new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: request, ConsistentRead: true } } }),
      );
      for (const item of res.Responses?.[TABLE] ?? []) {
        const unit = fromItem(item);
        out.set(unit.id, unit);
      }
      request = (res.UnprocessedKeys?.[TABLE]?.Keys ?? []) as Record<string, unknown>[];
      if (request.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
  return out;
}

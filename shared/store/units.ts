import { BatchGetCommand, BatchWriteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Unit } from '../hierarchy.ts';
import { entities, indexQueries, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPagesAhead } from './pages.ts';
import { doubling, untilProcessed } from './retry.ts';

const TABLE = tableName();
const THROTTLED = doubling(9, 50);

export async function getUnit(unitId: string): Promise<Unit | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.unit(unitId), ConsistentRead: true }),
  );
  return Item ? entities.unit.decode(Item) : undefined;
}

export async function listUnits(): Promise<Unit[]> {
  const items = await queryAll({ TableName: TABLE, ...indexQueries.units() });
  return items.map((item) => entities.unit.decode(item)).sort((a, b) => a.id.localeCompare(b.id));
}

/** Writes units in batches of 25, retrying what DynamoDB leaves unprocessed. */
export async function saveUnits(units: readonly Unit[]): Promise<void> {
  for (let i = 0; i < units.length; i += 25) {
    const requests = units.slice(i, i + 25).map((u) => ({ PutRequest: { Item: entities.unit.encode(u) } }));
    await untilProcessed(THROTTLED, 'units', requests, async (batch) => {
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [...batch] } }));
      return (res.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
    });
  }
}

/** Every unit in id order, a page at a time, for streaming passes over large hierarchies. */
export async function* unitsInIdOrder(): AsyncGenerator<Unit> {
  for await (const page of queryPagesAhead({ TableName: TABLE, ...indexQueries.units() })) {
    for (const item of page) yield entities.unit.decode(item);
  }
}

/** Units by id (missing ids are left out), in batches of 100. */
export async function getUnits(ids: readonly string[]): Promise<Map<string, Unit>> {
  const out = new Map<string, Unit>();
  for (let i = 0; i < ids.length; i += 100) {
    const request = ids.slice(i, i + 100).map((id) => ({ ...keys.unit(id) }));
    await untilProcessed(THROTTLED, 'units', request, async (batch) => {
      const res = await ddb.send(
        new BatchGetCommand({ RequestItems: { [TABLE]: { Keys: [...batch], ConsistentRead: true } } }),
      );
      for (const item of res.Responses?.[TABLE] ?? []) {
        const unit = entities.unit.decode(item);
        out.set(unit.id, unit);
      }
      return (res.UnprocessedKeys?.[TABLE]?.Keys ?? []) as typeof request;
    });
  }
  return out;
}

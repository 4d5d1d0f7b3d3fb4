import { BatchGetCommand, BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Level, Unit } from '../hierarchy.ts';
import { keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPagesAhead } from './pages.ts';
import type { TransactItem } from './transact.ts';

const TABLE = tableName();

/**
 * The hierarchy's head: its levels through time and a version that every edit conditions on and bumps, so
 * that two edits validated against the same state cannot both land (docs/hierarchy.md).
 */
export interface HierarchyHead {
  readonly version: number;
  readonly levels: readonly Level[];
}

export interface HierarchySnapshot extends HierarchyHead {
  readonly units: ReadonlyMap<string, Unit>;
}

const EMPTY_HEAD: HierarchyHead = { version: 0, levels: [] };

/** A unit as stored. */
export function unitItem(unit: Unit) {
  return { ...keys.unit(unit.id), entity: 'unit', ...unit };
}

function fromItem(item: Record<string, unknown>): Unit {
  const {
    id,
    code,
    name,
    level,
    parentId,
    reports,
    validFrom,
    validTo,
    predecessors,
    establishedBy,
    endedBy,
  } = item;
  // Validated when written (PUT /units, a reorganization); read back as stored.
  return {
    id,
    code,
    name,
    level,
    ...(parentId ? { parentId } : {}),
    reports,
    validFrom,
    ...(validTo ? { validTo } : {}),
    ...(Array.isArray(predecessors) && predecessors.length ? { predecessors } : {}),
    ...(establishedBy ? { establishedBy } : {}),
    ...(endedBy ? { endedBy } : {}),
  } as Unit;
}

const headOf = (item: Record<string, unknown> | undefined): HierarchyHead =>
  item ? { version: item.version as number, levels: item.levels as Level[] } : EMPTY_HEAD;

const unitsQuery = (consistent: boolean) => ({
  TableName: TABLE,
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
  ExpressionAttributeValues: { ':pk': keys.hierarchyPartition, ':prefix': keys.unitPrefix },
  ConsistentRead: consistent,
});

export async function getHierarchyHead(): Promise<HierarchyHead> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.hierarchyHead(), ConsistentRead: true }),
  );
  return headOf(Item);
}

/**
 * The head and every unit, read consistently. The head comes first: an edit that lands while the units are
 * read bumps the version past the one returned, so a write conditioned on it fails rather than trusting a
 * mixed read.
 */
export async function readHierarchy(): Promise<HierarchySnapshot> {
  const head = await getHierarchyHead();
  const items = await queryAll(unitsQuery(true));
  return { ...head, units: new Map(items.map(fromItem).map((u) => [u.id, u])) };
}

/**
 * The writes of one hierarchy edit: the units, and the head moved from `version` to the next, with the
 * levels when they change. The head's condition makes the edit fail if another landed since the read.
 */
export function hierarchyEditItems(
  version: number,
  units: readonly Unit[],
  edit: { readonly levels?: readonly Level[]; readonly by: string; readonly at: Date },
): TransactItem[] {
  const head: TransactItem = {
    Update: {
      TableName: TABLE,
      Key: keys.hierarchyHead(),
      UpdateExpression: `SET #version = :next, entity = :entity, updatedBy = :by, updatedAt = :at${edit.levels ? ', levels = :levels' : ''}`,
      ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':next': version + 1,
        ':entity': 'hierarchyHead',
        ':by': edit.by,
        ':at': edit.at.toISOString(),
        ...(version === 0 ? {} : { ':version': version }),
        ...(edit.levels ? { ':levels': edit.levels } : {}),
      },
    },
  };
  return [head, ...units.map((u): TransactItem => ({ Put: { TableName: TABLE, Item: unitItem(u) } }))];
}

export async function getUnit(unitId: string): Promise<Unit | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.unit(unitId), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}

/** Every unit through time, in id order. */
export async function listUnits(): Promise<Unit[]> {
  return (await queryAll(unitsQuery(false))).map(fromItem);
}

/** Every unit in id order, a page at a time, for streaming passes over large hierarchies. */
export async function* unitsInIdOrder(): AsyncGenerator<Unit> {
  for await (const page of queryPagesAhead(unitsQuery(false))) {
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

/**
 * Loads a whole hierarchy into an empty store (the local seed, tests, the bench), in batches of 25 and
 * without the checks of an edit: those data are checked where they are written. The head comes last, so a
 * half-loaded store still has no head and the next load starts over.
 */
export async function loadHierarchy(levels: readonly Level[], units: readonly Unit[]): Promise<void> {
  for (let i = 0; i < units.length; i += 25) {
    let requests: Record<string, unknown>[] = units
      .slice(i, i + 25)
      .map((u) => ({ PutRequest: { Item: unitItem(u) } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt > 8) throw new Error('DynamoDB kept units unprocessed after 8 retries');
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: requests } }));
      requests = (res.UnprocessedItems?.[TABLE] ?? []) as Record<string, unknown>[];
      if (requests.length) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: { ...keys.hierarchyHead(), entity: 'hierarchyHead', version: 1, levels, updatedBy: 'load' },
    }),
  );
}

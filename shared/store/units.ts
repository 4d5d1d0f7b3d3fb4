import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Unit } from '../hierarchy.ts';
import { entities, hierarchyUnitsQuery, keys, type HierarchyHead } from '../model.ts';
import { batchGetItems } from './batchGet.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll, queryPagesAhead } from './pages.ts';
import { doubling, untilProcessed } from './retry.ts';
import { conditioned, unconditioned, type Write } from './transact.ts';

const TABLE = tableName();
const THROTTLED = doubling(9, 50);

export type { HierarchyHead };

/** The head and every unit, as one edit validates against them (docs/hierarchy.md). */
export interface HierarchySnapshot extends HierarchyHead {
  readonly units: ReadonlyMap<string, Unit>;
}

/** A store no hierarchy was ever written to: no levels, version 0. */
const EMPTY_HEAD: HierarchyHead = { version: 0, levels: [] };

/** A unit as stored. */
export const unitItem = (unit: Unit) => entities.unit.encode(unit);

const decodeUnit = (item: Record<string, unknown>) => entities.unit.decode(item);

/**
 * The hierarchy's head: its levels through time and a version that every edit conditions on and bumps, so
 * that two edits validated against the same state cannot both land.
 */
export async function getHierarchyHead(): Promise<HierarchyHead> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.hierarchyHead(), ConsistentRead: true }),
  );
  return Item ? entities.hierarchyHead.decode(Item) : EMPTY_HEAD;
}

/**
 * The head and every unit, read consistently. The head comes first: an edit that lands while the units are
 * read bumps the version past the one returned, so a write conditioned on it fails rather than trusting a
 * mixed read.
 */
export async function readHierarchy(): Promise<HierarchySnapshot> {
  const head = await getHierarchyHead();
  const items = await queryAll({ TableName: TABLE, ...hierarchyUnitsQuery(), ConsistentRead: true });
  return { ...head, units: new Map(items.map(decodeUnit).map((u) => [u.id, u])) };
}

/**
 * The writes of one hierarchy edit: the units, and the head moved from `version` to the next, with the
 * levels when they change. The head's condition makes the edit fail if another landed since the read.
 */
export function hierarchyEditItems(
  version: number,
  units: readonly Unit[],
  edit: { readonly levels?: HierarchyHead['levels']; readonly by: string; readonly at: Date },
): Write[] {
  // The first edit of a store creates the head, with no levels unless it brings them.
  const levels = edit.levels ?? (version === 0 ? [] : undefined);
  const head = conditioned('HIERARCHY_MOVED', {
    Update: {
      TableName: TABLE,
      Key: keys.hierarchyHead(),
      UpdateExpression: `SET #version = :next, entity = :entity, updatedBy = :by, updatedAt = :at${levels ? ', levels = :levels' : ''}`,
      ConditionExpression: version === 0 ? 'attribute_not_exists(pk)' : '#version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: {
        ':next': version + 1,
        ':entity': entities.hierarchyHead.name,
        ':by': edit.by,
        ':at': edit.at.toISOString(),
        ...(version === 0 ? {} : { ':version': version }),
        ...(levels ? { ':levels': levels } : {}),
      },
    },
  });
  return [head, ...units.map((u) => unconditioned({ Put: { TableName: TABLE, Item: unitItem(u) } }))];
}

export async function getUnit(unitId: string): Promise<Unit | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.unit(unitId), ConsistentRead: true }),
  );
  return Item ? decodeUnit(Item) : undefined;
}

/*
 * Every agency request checks its token's unit (shared/http/agencyUnit.ts): a warm function keeps what it read
 * for half a minute, as it does the period, so a save stays one read or none. A hierarchy edit made by this
 * function forgets at once; another function's edit reaches it within that time.
 */
const UNIT_CACHE_MS = 30_000;
const UNIT_CACHE_SIZE = 1000;
const unitCache = new Map<string, { unit: Promise<Unit | undefined>; until: number }>();

/** A unit as a warm function read it in the last half minute, for the token check. */
export function getUnitForToken(unitId: string): Promise<Unit | undefined> {
  const hit = unitCache.get(unitId);
  if (hit && hit.until > Date.now()) return hit.unit;
  if (unitCache.size >= UNIT_CACHE_SIZE) unitCache.clear();
  const unit = getUnit(unitId);
  unitCache.set(unitId, { unit, until: Date.now() + UNIT_CACHE_MS });
  unit.catch(() => unitCache.delete(unitId));
  return unit;
}

/** Drops the cached units once a hierarchy edit has committed. */
export const forgetCachedUnits = (): void => unitCache.clear();

/** Every unit through time, in id order. */
export async function listUnits(): Promise<Unit[]> {
  return (await queryAll({ TableName: TABLE, ...hierarchyUnitsQuery() })).map(decodeUnit);
}

/*
 * A page of the streaming pass is capped by count, not only by DynamoDB's 1 MB. Without a Limit, DynamoDB Local
 * reads the whole rest of the partition for every page (measured: 100k units in one partition, 27 pages of
 * 0.4-1.7 s at the start falling to 0.03-0.1 s at the end, 6.5-22 s in all; with a Limit 1.7-2.4 s), so the one
 * hierarchy partition cost the rollup more than both years' report shards. On DynamoDB a page costs the
 * same at any offset, and the smaller pages are more round trips, each asked for while the last is worked on.
 */
const UNIT_PAGE_ITEMS = 2000;

/** Every unit in id order, a page at a time, for streaming passes over large hierarchies. */
export async function* unitsInIdOrder(pageSize = UNIT_PAGE_ITEMS): AsyncGenerator<Unit> {
  for await (const page of queryPagesAhead({ TableName: TABLE, ...hierarchyUnitsQuery(), Limit: pageSize })) {
    for (const item of page) yield decodeUnit(item);
  }
}

/** Units by id (missing ids are left out). */
export async function getUnits(ids: readonly string[]): Promise<Map<string, Unit>> {
  const items = await batchGetItems('units', ids.map(keys.unit));
  return new Map(
    items.map((item) => {
      const unit = decodeUnit(item);
      return [unit.id, unit];
    }),
  );
}

/**
 * Loads a whole hierarchy into an empty store (the local seed, tests, the bench), in batches of 25 and
 * without the checks of an edit: those data are checked where they are written. The head comes last, so a
 * half-loaded store still has no head and the next load starts over.
 */
export async function loadHierarchy(levels: HierarchyHead['levels'], units: readonly Unit[]): Promise<void> {
  for (let i = 0; i < units.length; i += 25) {
    const requests = units.slice(i, i + 25).map((u) => ({ PutRequest: { Item: unitItem(u) } }));
    await untilProcessed(THROTTLED, 'units', requests, async (batch) => {
      const res = await ddb.send(new BatchWriteCommand({ RequestItems: { [TABLE]: [...batch] } }));
      return (res.UnprocessedItems?.[TABLE] ?? []) as typeof requests;
    });
  }
  await ddb.send(
    new PutCommand({
      TableName: TABLE,
      Item: entities.hierarchyHead.encode({ version: 1, levels, updatedBy: 'load' }),
    }),
  );
}

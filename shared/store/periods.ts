import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { PeriodInput } from '../contract/bodies.ts';
import { defaultPeriod, type Period } from '../domain/period.ts';
import { entities, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { unconditioned, type Write } from './transact.ts';

const TABLE = tableName();

/*
 * Every save and submission needs the period, and it changes a few times a year: a warm function keeps it for
 * half a minute. An admin's change reaches other warm functions within that time; this one forgets at once.
 */
const CACHE_MS = 30_000;
const cache = new Map<number, { period: Promise<Period>; until: number }>();

/** The period an admin set for the year, or Circular 06/2013's default. */
export function getPeriod(year: number): Promise<Period> {
  const hit = cache.get(year);
  if (hit && hit.until > Date.now()) return hit.period;
  const period = readPeriod(year);
  cache.set(year, { period, until: Date.now() + CACHE_MS });
  period.catch(() => cache.delete(year));
  return period;
}

/** Drops the cached period once a change to it has committed. */
export const forgetPeriod = (year: number): void => void cache.delete(year);

async function readPeriod(year: number): Promise<Period> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.period(year), ConsistentRead: true }),
  );
  if (!Item) return defaultPeriod(year);
  const { opensAt, deadline, lockExceptions, hierarchyAsOf, reminderDaysBefore, objectionWindowDays } =
    entities.period.decode(Item);
  return {
    year,
    opensAt,
    deadline,
    lockExceptions,
    ...(hierarchyAsOf ? { hierarchyAsOf } : {}),
    ...(reminderDaysBefore ? { reminderDaysBefore } : {}),
    ...(objectionWindowDays ? { objectionWindowDays } : {}),
    isDefault: false,
  };
}

/** The write that sets a period; committed together with the request's idempotency claim. */
export function periodWrite(year: number, input: PeriodInput, by: string, now: Date): Write {
  return unconditioned({
    Put: {
      TableName: TABLE,
      Item: entities.period.encode({ year, ...input, updatedBy: by, updatedAt: now.toISOString() }),
    },
  });
}

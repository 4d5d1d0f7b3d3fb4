import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { defaultPeriod, type Period, type PeriodInput } from '../domain/period.ts';
import { dataModel, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import type { TransactItem } from './transact.ts';

const TABLE = tableName();

/** The period an admin set for the year, or Circular 06/2013's default. */
export async function getPeriod(year: number): Promise<Period> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.period(year), ConsistentRead: true }),
  );
  if (!Item) return defaultPeriod(year);
  const { opensAt, deadline, lockExceptions } = Item as unknown as PeriodInput;
  return { year, opensAt, deadline, lockExceptions, isDefault: false };
}

/** The write that sets a period; committed together with the request's idempotency claim. */
export function periodWrite(year: number, input: PeriodInput, by: string, now: Date): TransactItem {
  return {
    Put: {
      TableName: TABLE,
      Item: {
        ...keys.period(year),
        ...keys.periodsCollection(),
        [dataModel.indexes.byCollection.sortKey]: String(year),
        entity: 'period',
        year,
        ...input,
        updatedBy: by,
        updatedAt: now.toISOString(),
      },
    },
  };
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TargetSet } from '../catalog/index.ts';
import { keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import type { TransactItem } from './transact.ts';

const TABLE = tableName();

/** The year's current target set as an admin last set it; undefined while the catalog's defaults apply. */
export async function getTargetSet(year: number): Promise<TargetSet | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.targetSetCurrent(year), ConsistentRead: true }),
  );
  return Item ? (Item.set as TargetSet) : undefined;
}

/**
 * The writes of a new version: an immutable version item, and the current pointer moved from the version it
 * was made over, so two admins saving at once cannot both land on one number.
 */
export function targetSetWrites(set: TargetSet): TransactItem[] {
  const previous = set.version - 1;
  return [
    {
      Put: {
        TableName: TABLE,
        Item: { ...keys.targetSetVersion(set.year, set.version), entity: 'targetSetVersion', set },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    {
      Put: {
        TableName: TABLE,
        Item: { ...keys.targetSetCurrent(set.year), entity: 'targetSet', version: set.version, set },
        ...(previous === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :previous',
              ExpressionAttributeValues: { ':previous': previous },
            }),
      },
    },
  ];
}

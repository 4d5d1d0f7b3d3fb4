import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TargetSet } from '../catalog/index.ts';
import { entities, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { conditioned, type Write } from './transact.ts';

const TABLE = tableName();

/** The year's current target set as an admin last set it; undefined while the catalog's defaults apply. */
export async function getTargetSet(year: number): Promise<TargetSet | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: TABLE, Key: keys.targetSetCurrent(year), ConsistentRead: true }),
  );
  return Item ? entities.targetSet.decode(Item) : undefined;
}

/**
 * The writes of a new version: an immutable version item, and the current set moved from the version it was
 * made over, so two admins saving at once cannot both land on one number.
 */
export function targetSetWrites(set: TargetSet): Write[] {
  const previous = set.version - 1;
  return [
    conditioned('TARGET_SET_MOVED', {
      Put: {
        TableName: TABLE,
        Item: entities.targetSetVersion.encode(set),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
    conditioned('TARGET_SET_MOVED', {
      Put: {
        TableName: TABLE,
        Item: entities.targetSet.encode(set),
        ...(previous === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :previous',
              ExpressionAttributeValues: { ':previous': previous },
            }),
      },
    }),
  ];
}

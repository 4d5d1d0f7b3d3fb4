import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Reminder } from '../contract/reminders.ts';
import { STALE_SENDING_MS } from '../domain/reminders.ts';
import { dataModel, entities, indexQueries, keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll } from './pages.ts';
import { conditioned, type Write } from './transact.ts';

const table = () => tableName();

/** Every reminder of the year, in one consistent read of its partition: what a round is planned against. */
export async function yearReminders(year: number): Promise<Reminder[]> {
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: '#pk = :pk',
    ExpressionAttributeNames: { '#pk': dataModel.partitionKey },
    ExpressionAttributeValues: { ':pk': keys.reminderPartition(year) },
    ConsistentRead: true,
  });
  return items.map((item) => entities.reminder.decode(item));
}

/**
 * The write that claims a unit's reminder in its round: only if there is none, or the last try failed, or
 * its claim went stale. Committed with its audit entry, so every reminder is on record before it is sent.
 */
export function reminderClaimWrite(reminder: Reminder, now: Date): Write {
  return conditioned('REMINDER_CLAIMED', {
    Put: {
      TableName: table(),
      Item: entities.reminder.encode(reminder),
      ConditionExpression:
        'attribute_not_exists(pk) OR #status = :failed OR (#status = :sending AND createdAt < :stale)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':failed': 'failed',
        ':sending': 'sending',
        ':stale': new Date(now.getTime() - STALE_SENDING_MS).toISOString(),
      },
    },
  });
}

/** What the mail service answered, on the claimed reminder. */
export async function settleReminder(
  reminder: Pick<Reminder, 'year' | 'unitId' | 'round'>,
  outcome:
    | { readonly status: 'sent'; readonly messageId: string; readonly at: Date }
    | { readonly status: 'failed'; readonly error: string },
): Promise<void> {
  const sent = outcome.status === 'sent';
  await ddb.send(
    new UpdateCommand({
      TableName: table(),
      Key: keys.reminder(reminder.year, reminder.unitId, reminder.round),
      UpdateExpression: sent
        ? 'SET #status = :status, messageId = :id, sentAt = :at REMOVE #error'
        : 'SET #status = :status, #error = :error',
      ConditionExpression: '#status = :sending',
      ExpressionAttributeNames: { '#status': 'status', '#error': 'error' },
      ExpressionAttributeValues: sent
        ? {
            ':status': 'sent',
            ':id': outcome.messageId,
            ':at': outcome.at.toISOString(),
            ':sending': 'sending',
          }
        : { ':status': 'failed', ':error': outcome.error.slice(0, 500), ':sending': 'sending' },
    }),
  );
}

/** A page of the year's outbox, newest first. `after` is the last key of the page before, as this gave it. */
export async function reminderPage(
  year: number,
  limit: number,
  after?: Record<string, string>,
): Promise<{ items: Reminder[]; next?: Record<string, string> }> {
  const q = indexQueries.reminders(year);
  const res = await ddb.send(
    new QueryCommand({
      TableName: table(),
      ...q,
      ScanIndexForward: false,
      Limit: limit,
      ...(after ? { ExclusiveStartKey: after } : {}),
    }),
  );
  return {
    items: (res.Items ?? []).map((item) => entities.reminder.decode(item)),
    ...(res.LastEvaluatedKey ? { next: res.LastEvaluatedKey as Record<string, string> } : {}),
  };
}

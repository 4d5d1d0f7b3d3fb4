import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './dynamo.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A transaction did not land because of one of its items: its condition failed (`condition`), or another
 * transaction was writing it at the same moment (`race`). `index` is in the order the items were given.
 */
export class WriteConflict extends Error {
  constructor(
    readonly index: number,
    readonly reason: 'condition' | 'race',
    cause: unknown,
  ) {
    super(`Transaction item ${index}: ${reason}`, { cause });
  }
}

/** All or nothing: the report, its revision and the idempotency record land together or not at all. */
export async function transact(items: readonly TransactItem[]): Promise<void> {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [...items] }));
  } catch (error) {
    const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] })
      .CancellationReasons;
    if ((error as { name?: string }).name === 'TransactionCanceledException' && reasons) {
      const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (failed >= 0) throw new WriteConflict(failed, 'condition', error);
      const raced = reasons.findIndex((r) => r.Code === 'TransactionConflict');
      if (raced >= 0) throw new WriteConflict(raced, 'race', error);
    }
    throw error;
  }
}

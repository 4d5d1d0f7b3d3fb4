import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './clients.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A condition in a transaction failed; `index` says which item, in the order they were given. */
export class WriteConflict extends Error {
  constructor(
    readonly index: number,
    cause: unknown,
  ) {
    super(`Transaction item ${index} failed its condition`, { cause });
  }
}

/** All or nothing: the report, its revision and the idempotency record land together or not at all. */
export async function transact(items: readonly TransactItem[]): Promise<void> {
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: [...items] }));
  } catch (error) {
    const reasons = (error as { name?: string; CancellationReasons?: { Code?: string }[] }).CancellationReasons;
    if ((error as { name?: string }).name === 'TransactionCanceledException' && reasons) {
      const index = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
      if (index >= 0) throw new WriteConflict(index, error);
    }
    throw error;
  }
}

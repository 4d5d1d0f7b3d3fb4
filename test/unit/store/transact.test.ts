import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { conditioned, conflictOf, RACE, unconditioned, WriteConflict } from '#shared/store/transact';

const put = (ConditionExpression?: string) => ({
  Put: {
    TableName: 't',
    Item: { pk: 'a', sk: 'b' },
    ...(ConditionExpression ? { ConditionExpression } : {}),
  },
});
const writes = [
  unconditioned(put()),
  conditioned('TOO_MANY_FILES', put('live < :max')),
  conditioned('REPORT_LOCKED', put('attribute_not_exists(pk)')),
];
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

describe('reading a cancelled transaction', () => {
  it('names the reason of the write whose condition failed, wherever it stands', () => {
    expect(conflictOf(cancelled('None', 'None', 'ConditionalCheckFailed'), writes)?.reason).toBe(
      'REPORT_LOCKED',
    );
    expect(conflictOf(cancelled('None', 'ConditionalCheckFailed', 'None'), writes)?.reason).toBe(
      'TOO_MANY_FILES',
    );
  });

  it('when several conditions fail, the first write in the given order names the reason', () => {
    const both = cancelled('None', 'ConditionalCheckFailed', 'ConditionalCheckFailed');
    expect(conflictOf(both, writes)?.reason).toBe('TOO_MANY_FILES');
  });

  it('a write another transaction held is a race, and a failed condition outranks it', () => {
    expect(conflictOf(cancelled('TransactionConflict', 'None', 'None'), writes)?.reason).toBe(RACE);
    expect(
      conflictOf(cancelled('TransactionConflict', 'None', 'ConditionalCheckFailed'), writes)?.reason,
    ).toBe('REPORT_LOCKED');
  });

  it('keeps the SDK error as the cause', () => {
    const error = cancelled('None', 'ConditionalCheckFailed', 'None');
    const conflict = conflictOf(error, writes);
    expect(conflict).toBeInstanceOf(WriteConflict);
    expect(conflict?.cause).toBe(error);
  });

  it('anything else is not a conflict', () => {
    expect(conflictOf(cancelled('ValidationError', 'None', 'None'), writes)).toBeUndefined();
    expect(conflictOf(new Error('network'), writes)).toBeUndefined();
    expect(conflictOf({ name: 'ConditionalCheckFailedException' }, writes)).toBeUndefined();
  });
});

import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { bi } from '../contract/i18n.ts';
import { PayloadTooLargeError } from '../errors.ts';
import { ddb } from './dynamo.ts';
import { CODE } from '../contract/errors.ts';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** What a failed condition means, named by the rule it guards. */
export type ConditionReason =
  /** Another declaration took the evidence slot this one picked: pick again among the free ones. */
  | 'SLOT_TAKEN'
  /** The declaration lapsed and a later one took its slot, or the slot changed hands meanwhile. */
  | 'SLOT_LOST'
  /** A file a submission relied on is no longer verified. */
  | 'EVIDENCE_NOT_VERIFIED'
  /** The report is submitted or accepted: its evidence can no longer change. */
  | 'REPORT_LOCKED'
  /** The evidence was already rejected or withdrawn. */
  | 'EVIDENCE_NOT_LIVE'
  /** The upload was already verified or rejected. */
  | 'EVIDENCE_SETTLED'
  | 'EVIDENCE_EXISTS'
  /** The report is no longer at the version the writer read. */
  | 'REPORT_MOVED'
  | 'REVISION_EXISTS'
  /** Another appender took the audit log's next sequence number. */
  | 'AUDIT_HEAD_MOVED'
  | 'AUDIT_ENTRY_EXISTS'
  /** A request under the same Idempotency-Key committed first. */
  | 'KEY_CLAIMED'
  /** Another admin's version of the year's target set landed first. */
  | 'TARGET_SET_MOVED'
  /** Another hierarchy edit landed after this one read the hierarchy. */
  | 'HIERARCHY_MOVED'
  /** Another rollup of the year is running. */
  | 'ROLLUP_RUNNING'
  /** A newer run took the year's claim: this one may no longer publish or record its outcome. */
  | 'ROLLUP_CLAIM_LOST'
  /** Another run already holds this unit's reminder in this round (sent, or being sent). */
  | 'REMINDER_CLAIMED';

/** Another transaction was writing one of the items at the same moment. */
export const RACE = 'TRANSACTION_CONFLICT';

/** One write of a transaction. A write with a condition names what its failure means. */
export interface Write {
  readonly item: TransactItem;
  readonly failsAs?: ConditionReason;
}

export const conditioned = (failsAs: ConditionReason, item: TransactItem): Write => ({ item, failsAs });
export const unconditioned = (item: TransactItem): Write => ({ item });

/** A transaction did not land: the named condition of one of its writes failed, or it lost a race. */
export class WriteConflict extends Error {
  constructor(
    readonly reason: ConditionReason | typeof RACE,
    cause: unknown,
  ) {
    super(`Transaction refused: ${reason}`, { cause });
    this.name = 'WriteConflict';
  }
}

const hasCondition = (item: TransactItem): boolean =>
  Boolean(
    item.ConditionCheck ||
    item.Put?.ConditionExpression ||
    item.Update?.ConditionExpression ||
    item.Delete?.ConditionExpression,
  );

/**
 * The one place a cancelled transaction is read: the first write whose condition failed gives its reason;
 * failing that, a write another transaction held makes it a race. Anything else is not a conflict.
 */
export function conflictOf(error: unknown, writes: readonly Write[]): WriteConflict | undefined {
  const { name, CancellationReasons: reasons } = error as {
    name?: string;
    CancellationReasons?: { Code?: string }[];
  };
  if (name !== 'TransactionCanceledException' || !reasons) return undefined;
  const failed = reasons.findIndex((r) => r.Code === 'ConditionalCheckFailed');
  const reason = failed >= 0 ? writes[failed]?.failsAs : undefined;
  if (reason) return new WriteConflict(reason, error);
  if (reasons.some((r) => r.Code === 'TransactionConflict')) return new WriteConflict(RACE, error);
  return undefined;
}

/** DynamoDB refuses an item over 400 KB; anything this close is refused here, by name, before it is sent. */
export const MAX_ITEM_BYTES = 380 * 1024;

/** An item's size as DynamoDB counts it (UTF-8 names and values, a few bytes per number and container). */
export function itemBytes(value: unknown): number {
  if (value === null || value === undefined || typeof value === 'boolean') return 1;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number') return Math.ceil(String(value).length / 2) + 1;
  if (value instanceof Uint8Array) return value.byteLength;
  if (Array.isArray(value)) return 3 + value.reduce((n: number, v) => n + 1 + itemBytes(v), 0);
  if (typeof value === 'object') {
    let n = 3;
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      n += 1 + Buffer.byteLength(k) + itemBytes(v);
    return n;
  }
  return 0;
}

/** A write whose item would pass DynamoDB's limit: nothing of the transaction is sent. */
export class ItemTooLargeError extends PayloadTooLargeError {
  constructor(bytes: number) {
    super(
      bi(
        `Dữ liệu cần lưu quá lớn (${Math.ceil(bytes / 1024)} KB, tối đa ${MAX_ITEM_BYTES / 1024} KB).`,
        `What would be stored is too large (${Math.ceil(bytes / 1024)} KB, at most ${MAX_ITEM_BYTES / 1024} KB).`,
      ),
      { code: CODE.ITEM_TOO_LARGE },
    );
  }
}

/** All or nothing: the report, its revision and the idempotency record land together or not at all. */
export async function transact(writes: readonly Write[]): Promise<void> {
  writes.forEach((w, i) => {
    if (hasCondition(w.item) !== Boolean(w.failsAs))
      throw new Error(`Transaction write ${i}: a condition and its reason go together`);
    const bytes = w.item.Put ? itemBytes(w.item.Put.Item) : 0;
    if (bytes > MAX_ITEM_BYTES) throw new ItemTooLargeError(bytes);
  });
  try {
    await ddb.send(new TransactWriteCommand({ TransactItems: writes.map((w) => w.item) }));
  } catch (error) {
    throw conflictOf(error, writes) ?? error;
  }
}

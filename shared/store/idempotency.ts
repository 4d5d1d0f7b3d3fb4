import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { UnprocessableError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { dataModel, entities, keys, type ItemKey, type StoredClaim } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { conditioned, transact, WriteConflict, type ConditionReason, type Write } from './transact.ts';

/*
 * Looked up on use rather than at module scope: every handler loads this module through the middleware, but
 * only writing routes (which all have the table bound) ever reach it.
 */
const table = () => tableName();
const RETENTION_SECONDS = 24 * 3600;

/** A request's claim on an Idempotency-Key: written in the same transaction as the change it made. */
export interface IdempotencyClaim {
  readonly key: ItemKey;
  readonly fingerprint: string;
}

/**
 * What a command answered, kept with its claim so that a retry under the same key gets the same answer. The
 * store keeps it as given; the HTTP layer decides what it means on the wire.
 */
export interface Outcome {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Read back from the request that first used the key, not produced by this one. */
  readonly replayed?: boolean;
}

/** The domain error to throw for each named reason a command's writes may fail with. */
export type Refusals = Partial<Record<ConditionReason, Error>>;

export const claimFor = (
  principal: string,
  idempotencyKey: string,
  fingerprint: string,
): IdempotencyClaim => ({
  key: keys.idempotency(principal, idempotencyKey),
  fingerprint,
});

export async function findClaim(claim: IdempotencyClaim): Promise<StoredClaim | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: table(), Key: claim.key, ConsistentRead: true }),
  );
  return Item ? entities.idempotency.decode(Item) : undefined;
}

/** The stored first outcome, or 422 when the key was used for a different request. */
export function replay(found: StoredClaim, claim: IdempotencyClaim): Outcome {
  if (found.fingerprint !== claim.fingerprint) {
    throw new UnprocessableError(
      bi(
        'Idempotency-Key này đã được dùng cho một yêu cầu khác. Hãy dùng khóa mới.',
        'This Idempotency-Key was used for a different request. Use a new key.',
      ),
      { code: 'IDEMPOTENCY_KEY_REUSED' },
    );
  }
  return { ...found.result, replayed: true };
}

function claimItem(claim: IdempotencyClaim, outcome: Outcome, now: Date): Write {
  const stored: StoredClaim = {
    fingerprint: claim.fingerprint,
    result: { status: outcome.status ?? 200, body: outcome.body, headers: { ...outcome.headers } },
  };
  return conditioned('KEY_CLAIMED', {
    Put: {
      TableName: table(),
      Item: entities.idempotency.encode(stored, {
        ...claim.key,
        [dataModel.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      }),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
}

/**
 * Commits the change together with the claim. If a concurrent retry with the same key won the race, its
 * outcome is returned instead, so a retried request never writes twice. A write refused for a reason that
 * `refusals` names throws that reason's domain error.
 */
export async function commitClaimed(
  writes: readonly Write[],
  claim: IdempotencyClaim | undefined,
  outcome: Outcome,
  now: Date,
  refusals: Refusals = {},
): Promise<Outcome> {
  const all = claim ? [...writes, claimItem(claim, outcome, now)] : writes;
  if (all.length === 0) return outcome;
  try {
    await transact(all);
    return outcome;
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    if (claim) {
      const found = await findClaim(claim);
      if (found) return replay(found, claim);
    }
    throw (error.reason === 'TRANSACTION_CONFLICT' ? undefined : refusals[error.reason]) ?? error;
  }
}

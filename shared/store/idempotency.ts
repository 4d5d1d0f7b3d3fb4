import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { UnprocessableError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import { dataModel, keys, type ItemKey } from '../model.ts';
import type { ApiResult } from '../http/types.ts';
import { ddb, tableName } from './dynamo.ts';
import { transact, WriteConflict, type TransactItem } from './transact.ts';

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

export interface StoredResult {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

export const claimFor = (
  principal: string,
  idempotencyKey: string,
  fingerprint: string,
): IdempotencyClaim => ({
  key: keys.idempotency(principal, idempotencyKey),
  fingerprint,
});

export async function findClaim(
  claim: IdempotencyClaim,
): Promise<{ fingerprint: string; result: StoredResult } | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: table(), Key: claim.key, ConsistentRead: true }),
  );
  return Item ? { fingerprint: Item.fingerprint as string, result: Item.result as StoredResult } : undefined;
}

/** The stored first result, or 422 when the key was used for a different request. */
export function replay(
  found: { fingerprint: string; result: StoredResult },
  claim: IdempotencyClaim,
): ApiResult {
  if (found.fingerprint !== claim.fingerprint) {
    throw new UnprocessableError(
      bi(
        'Idempotency-Key này đã được dùng cho một yêu cầu khác. Hãy dùng khóa mới.',
        'This Idempotency-Key was used for a different request. Use a new key.',
      ),
      { code: 'IDEMPOTENCY_KEY_REUSED' },
    );
  }
  return {
    status: found.result.status,
    body: found.result.body,
    headers: { ...found.result.headers, 'idempotent-replayed': 'true' },
  };
}

function claimItem(claim: IdempotencyClaim, result: ApiResult, now: Date): TransactItem {
  const stored: StoredResult = {
    status: result.status ?? 200,
    body: result.body,
    headers: { ...result.headers },
  };
  return {
    Put: {
      TableName: table(),
      Item: {
        ...claim.key,
        entity: 'idempotency',
        fingerprint: claim.fingerprint,
        result: stored,
        [dataModel.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + RETENTION_SECONDS,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}

/**
 * Commits the change together with the claim. If a concurrent retry with the same key won the race, its
 * result is returned instead, so a retried request never writes twice.
 */
export async function commitClaimed(
  items: readonly TransactItem[],
  claim: IdempotencyClaim | undefined,
  result: ApiResult,
  now: Date,
  /** The domain error for a failed condition on the i-th item, when there is one. */
  explain?: (index: number) => Error | undefined,
): Promise<ApiResult> {
  const all = claim ? [...items, claimItem(claim, result, now)] : items;
  if (all.length === 0) return result;
  try {
    await transact(all);
    return result;
  } catch (error) {
    if (claim && error instanceof WriteConflict) {
      const found = await findClaim(claim);
      if (found) return replay(found, claim);
    }
    if (error instanceof WriteConflict && error.reason === 'condition') throw explain?.(error.index) ?? error;
    throw error;
  }
}

/** How often to try, and how long to wait after the n-th failed try (n from 1). */
export interface RetryPolicy {
  readonly tries: number;
  readonly waitMs: (failedTries: number) => number;
}

/** Random waits that grow with each try, so that racing writers spread out. */
export const jittered = (tries: number, stepMs: number): RetryPolicy => ({
  tries,
  waitMs: (n) => Math.random() * stepMs * n,
});

/** Waits that double, for work DynamoDB throttled. */
export const doubling = (tries: number, firstMs: number): RetryPolicy => ({
  tries,
  waitMs: (n) => firstMs * 2 ** (n - 1),
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `run` until it succeeds, retrying only what `retryable` accepts; the last failure is thrown. */
export async function retry<T>(
  policy: RetryPolicy,
  retryable: (error: unknown) => boolean,
  run: (attempt: number) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (!retryable(error) || attempt >= policy.tries) throw error;
      await sleep(policy.waitMs(attempt));
    }
  }
}

class Unprocessed extends Error {}

/**
 * Sends a batch until DynamoDB has processed all of it: `send` returns what was left unprocessed, which goes
 * again after a wait. `what` names the work in the error when it never drains.
 */
export async function untilProcessed<W>(
  policy: RetryPolicy,
  what: string,
  work: readonly W[],
  send: (batch: readonly W[]) => Promise<readonly W[]>,
): Promise<void> {
  let left = work;
  await retry(
    policy,
    (error) => error instanceof Unprocessed,
    async () => {
      left = await send(left);
      if (left.length)
        throw new Unprocessed(`DynamoDB kept ${what} unprocessed after ${policy.tries - 1} retries`);
    },
  );
}

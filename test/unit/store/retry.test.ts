import { describe, expect, it } from 'vitest';
import { retry, untilProcessed, type RetryPolicy } from '#shared/store/retry';

const noWait = (tries: number): RetryPolicy => ({ tries, waitMs: () => 0 });
const Busy = class extends Error {};

describe('retry', () => {
  it('tries again after a retryable failure and returns the first success', async () => {
    const attempts: number[] = [];
    const result = await retry(
      noWait(4),
      (e) => e instanceof Busy,
      async (attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Busy();
        return 'done';
      },
    );
    expect(result).toBe('done');
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('throws the last failure once the tries are spent', async () => {
    let tries = 0;
    const failing = retry(
      noWait(3),
      () => true,
      async () => {
        tries += 1;
        throw new Busy(`try ${tries}`);
      },
    );
    await expect(failing).rejects.toThrow('try 3');
    expect(tries).toBe(3);
  });

  it('does not retry what is not retryable', async () => {
    let tries = 0;
    const failing = retry(
      noWait(5),
      (e) => e instanceof Busy,
      async () => {
        tries += 1;
        throw new TypeError('bug');
      },
    );
    await expect(failing).rejects.toBeInstanceOf(TypeError);
    expect(tries).toBe(1);
  });
});

describe('untilProcessed', () => {
  it('sends what was left unprocessed until nothing is', async () => {
    const sent: number[][] = [];
    await untilProcessed(noWait(5), 'items', [1, 2, 3], async (batch) => {
      sent.push([...batch]);
      return batch.slice(1);
    });
    expect(sent).toEqual([[1, 2, 3], [2, 3], [3]]);
  });

  it('gives up, naming the work, when DynamoDB never drains it', async () => {
    const stuck = untilProcessed(noWait(3), 'units', [1], async (batch) => batch);
    await expect(stuck).rejects.toThrow(/units/);
  });
});

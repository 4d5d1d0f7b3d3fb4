export interface SortedCursor<T> {
  /** The item whose id equals `id`, skipping those before it; undefined when there is none. */
  take(id: string): Promise<T | undefined>;
  /** Skips to the end; how many items were never taken. */
  rest(): Promise<number>;
}

/**
 * The stream with its first item asked for at once rather than at the first `next()`: the run's three streams
 * (units, this year's and last year's reports) then start reading together while the run sets up, instead of
 * each waiting for the one before it to hand over its first item (at 10k units each stream's first pages are
 * most of it, so waiting in turn made the pass wait for DynamoDB three times over).
 */
export function startedEarly<T>(items: AsyncIterable<T>): AsyncIterableIterator<T> {
  const it = items[Symbol.asyncIterator]();
  let first: Promise<IteratorResult<T>> | undefined = it.next();
  // Its failure is the caller's, at its first next(); until then it must not count as unhandled.
  first.catch(() => undefined);
  const stream: AsyncIterableIterator<T> = {
    next() {
      const r = first ?? it.next();
      first = undefined;
      return r;
    },
    async return(value?: unknown) {
      first = undefined;
      return (await it.return?.(value)) ?? { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => stream,
  };
  return stream;
}

/** Pulls items of a stream sorted by id up to `id`, handing back the one equal to it; reading starts at once. */
export function sortedCursor<T>(items: AsyncIterable<T>, idOf: (t: T) => string): SortedCursor<T> {
  const it = startedEarly(items);
  let head: IteratorResult<T> | undefined;
  let skipped = 0;
  return {
    async take(id) {
      head ??= await it.next();
      while (!head.done && idOf(head.value) < id) {
        skipped += 1;
        head = await it.next();
      }
      if (head.done || idOf(head.value) !== id) return undefined;
      const found = head.value;
      head = await it.next();
      return found;
    },
    async rest() {
      head ??= await it.next();
      while (!head.done) {
        skipped += 1;
        head = await it.next();
      }
      return skipped;
    },
  };
}

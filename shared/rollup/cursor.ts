export interface SortedCursor<T> {
  /** The item whose id equals `id`, skipping those before it; undefined when there is none. */
  take(id: string): Promise<T | undefined>;
  /** Skips to the end; how many items were never taken. */
  rest(): Promise<number>;
}

/** Pulls items of a stream sorted by id up to `id`, handing back the one equal to it. */
export function sortedCursor<T>(items: AsyncIterable<T>, idOf: (t: T) => string): SortedCursor<T> {
  const it = items[Symbol.asyncIterator]();
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

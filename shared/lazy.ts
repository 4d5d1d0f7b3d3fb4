/**
 * A value made on first use, then kept. For what is costly to make and not always needed: an Intl formatter or
 * collator loads its locale's ICU data, which at module scope was a third of a function's import (10 ms of
 * saveMyReport's cold start) in functions that never format a number.
 */
export function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

import { describe, expect, it } from 'vitest';
import { mergeEdits } from '../../../web/src/agency/drafts.ts';

// The input module's language switch sets <html lang> when it loads; a bare stand-in is enough here.
(globalThis as { document?: unknown }).document ??= { documentElement: {} };
const { isAmbiguousNumber, parseNumber } = await import('../../../web/src/agency/inputs.ts');

describe('merging this computer’s edits into a newer server version', () => {
  const base = { a: 1, b: 2, c: 3, d: 4 };

  it('takes each side’s change where only one side changed, and never overwrites a field both changed', () => {
    const mine = { a: 10, b: 2, c: 30, d: 4 };
    const theirs = { a: 1, b: 20, c: 31, d: 4 };
    const { merged, conflicts } = mergeEdits(base, mine, theirs);
    expect(merged).toEqual({ a: 10, b: 20, c: 31, d: 4 });
    expect(conflicts).toEqual([{ code: 'c', mine: 30, theirs: 31 }]);
  });

  it('agrees when both sides made the same change, and carries a deletion as a change', () => {
    const { merged, conflicts } = mergeEdits(base, { a: 5, b: 2, c: 3 }, { a: 5, b: 2, c: 3, d: 4, e: 9 });
    expect(conflicts).toEqual([]);
    expect(merged).toEqual({ a: 5, b: 2, c: 3, e: 9 });
  });

  it('is a conflict when one side deleted what the other changed', () => {
    const { conflicts } = mergeEdits(base, { a: 1, b: 2, c: 3 }, { a: 1, b: 2, c: 3, d: 40 });
    expect(conflicts).toEqual([{ code: 'd', mine: undefined, theirs: 40 }]);
  });
});

describe('numbers as typed', () => {
  it.each([
    ['1.500', 1500, true],
    ['12.5', 12.5, true],
    ['1500', 1500, false],
    ['1.500.000', 1_500_000, false],
    ['12,5', 12.5, false],
    ['1.234,5', 1234.5, false],
  ] as const)('%s reads as %d in Vietnamese; ambiguous: %s', (raw, value, ambiguous) => {
    expect(parseNumber(raw, 'vi')).toBe(value);
    expect(isAmbiguousNumber(raw, 'vi')).toBe(ambiguous);
  });
});

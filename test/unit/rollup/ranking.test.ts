import { describe, expect, it } from 'vitest';
import { rankUnits, withRank, type RankEntry } from '#shared/rollup/summaries';

const entry = (unitId: string, share: number, total = share * 100): RankEntry => ({
  unitId,
  level: 'district',
  total,
  max: 100,
  share,
  band: share >= 0.8 ? 'good' : 'fair',
});

describe('rankUnits', () => {
  it('ranks by share, equal shares share a rank (1, 2, 2, 4), ties listed by unit id', () => {
    const entries = [entry('c', 0.7), entry('b', 0.9), entry('a', 0.7), entry('d', 0.5)];
    const ranks = rankUnits(entries);
    expect(entries.map((e) => e.unitId)).toEqual(['b', 'a', 'c', 'd']);
    expect([...ranks]).toEqual([1, 2, 2, 4]);
    expect(withRank(entries, ranks, 2)).toMatchObject({ unitId: 'c', rank: 2 });
  });

  it('handles an empty ranking', () => {
    expect([...rankUnits([])]).toEqual([]);
  });
});

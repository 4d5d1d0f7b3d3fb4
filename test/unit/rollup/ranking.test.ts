import { describe, expect, it } from 'vitest';
import { Ranking, type RankEntry } from '#shared/rollup/ranking';

const entry = (unitId: string, share: number, points = share * 100, level = 'district'): RankEntry => ({
  unitId,
  level,
  points,
  applicableMax: 100,
  share,
  band: share >= 0.8 ? 'good' : 'fair',
});

const ranked = (entries: RankEntry[]) => {
  const ranking = new Ranking();
  for (const e of entries) ranking.add(e);
  ranking.rank();
  return ranking;
};

describe('Ranking', () => {
  it('ranks by share, equal shares share a rank (1, 2, 2, 4), ties listed by unit id', () => {
    const ranking = ranked([entry('c', 0.7), entry('b', 0.9), entry('a', 0.7), entry('d', 0.5)]);
    expect(ranking.top(10).map((e) => [e.unitId, e.rank])).toEqual([
      ['b', 1],
      ['a', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('gives each entry back whole, with its level and band, in the order the JSON writes them', () => {
    const ranking = ranked([entry('x', 0.85, 42.5, 'commune'), entry('y', 0.2, 10)]);
    expect(JSON.stringify(ranking.at(0))).toBe(
      '{"unitId":"x","level":"commune","points":42.5,"applicableMax":100,"share":0.85,"score":85,"band":"good","rank":1}',
    );
    // Ranked within its own level: the only district is first among districts.
    expect(ranking.at(1)).toEqual({
      unitId: 'y',
      level: 'district',
      points: 10,
      applicableMax: 100,
      share: 0.2,
      score: 20,
      band: 'fair',
      rank: 1,
    });
  });

  it('ranks within each level, levels in the given order, so a commune never outranks a department', () => {
    const ranking = new Ranking();
    for (const e of [
      entry('c1', 0.9, 90, 'commune'),
      entry('p1', 0.6, 60, 'province'),
      entry('c2', 0.5, 50, 'commune'),
      entry('p2', 0.7, 70, 'province'),
    ])
      ranking.add(e);
    ranking.rank(['province', 'district', 'commune']);
    expect(ranking.top(4).map((e) => [e.unitId, e.level, e.rank])).toEqual([
      ['p2', 'province', 1],
      ['p1', 'province', 2],
      ['c1', 'commune', 1],
      ['c2', 'commune', 2],
    ]);
  });

  it('lists an equal share with the higher points first', () => {
    const ranking = ranked([entry('a', 0.5, 40), entry('b', 0.5, 60)]);
    expect(ranking.top(2).map((e) => [e.unitId, e.rank])).toEqual([
      ['b', 1],
      ['a', 1],
    ]);
  });

  it('grows past its first block and keeps every entry', () => {
    const n = 5_000;
    const ranking = ranked(
      Array.from({ length: n }, (_, i) => entry(`u${String(i).padStart(5, '0')}`, (i % 100) / 100)),
    );
    expect(ranking.size).toBe(n);
    const all = Array.from({ length: n }, (_, k) => ranking.at(k));
    expect(new Set(all.map((e) => e.unitId)).size).toBe(n);
    expect(all[0]).toMatchObject({ share: 0.99, rank: 1 });
    expect(all[n - 1]).toMatchObject({ share: 0, rank: n - 49, unitId: 'u04900' });
  });

  it('handles an empty ranking, and refuses reading before ranking or adding after', () => {
    const empty = ranked([]);
    expect(empty.top(100)).toEqual([]);
    expect(() => empty.at(0)).toThrow(RangeError);
    expect(() => empty.add(entry('a', 1))).toThrow(/already ranked/);
    const unranked = new Ranking();
    unranked.add(entry('a', 1));
    expect(() => unranked.at(0)).toThrow(/rank\(\) first/);
  });
});

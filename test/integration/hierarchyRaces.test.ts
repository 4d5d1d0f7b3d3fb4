import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hierarchyProblems } from '#shared/domain/units';
import type { Unit } from '#shared/hierarchy';
import { admin, timelessLevels } from './fixtures.ts';
import { startTestApi, type TestApi } from './harness.ts';

/*
 * Two admins editing the hierarchy at once, on the real DynamoDB Local: each edit is fine alone, the two
 * together would store a cycle or a child under a lower-level parent. Every edit conditions on the
 * hierarchy's version and bumps it, so the second to commit is validated again against the first.
 */
const since = '2000-01-01';
const unit = (id: string, level: string, parentId?: string): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level,
  ...(parentId ? { parentId } : {}),
  reports: true,
  validFrom: since,
});
const ROUNDS = 6;
const province = unit('tinh', 'province');
const departments = Array.from({ length: ROUNDS }, (_, i) => [
  unit(`so-a${i}`, 'province', 'tinh'),
  unit(`so-b${i}`, 'province', 'tinh'),
]).flat();
const districts = Array.from({ length: ROUNDS }, (_, i) => [
  unit(`huyen-x${i}`, 'district', 'tinh'),
  unit(`huyen-y${i}`, 'district', 'tinh'),
]).flat();

let api: TestApi;
const admin2 = { sub: 'admin-2', role: 'admin' } as const;
const put = (who: typeof admin | typeof admin2, units: Unit[]) =>
  api.call(who, 'PUT', '/units', { body: { units } });

async function storedState() {
  const all = await api.call(admin, 'GET', '/units');
  return {
    levels: all.json.levels,
    units: new Map<string, Unit>(all.json.units.map((u: Unit) => [u.id, u])),
  };
}

beforeAll(async () => {
  api = await startTestApi({ units: [province, ...departments, ...districts], levels: timelessLevels });
});
afterAll(() => api.stop());

describe('Concurrent edits: racing PUT /units writers', () => {
  it('cannot store a cycle: A under B and B under A, sent at once, land one and refuse the other', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const [a, b] = [unit(`so-a${i}`, 'province', `so-b${i}`), unit(`so-b${i}`, 'province', `so-a${i}`)];
      const replies = await Promise.all([put(admin, [a]), put(admin2, [b])]);
      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.json))).toEqual([
        200, 400,
      ]);
      const refused = replies.find((r) => r.status === 400)!;
      expect(refused.json.error.issues.map((x: { code: string }) => x.code)).toContain('cycle');
    }
    expect(hierarchyProblems(await storedState(), 'all')).toEqual([]);
  });

  it('cannot store a child under a lower-level parent: Y under X, and X made a commune, at once', async () => {
    for (let i = 0; i < ROUNDS; i++) {
      const y = unit(`huyen-y${i}`, 'district', `huyen-x${i}`);
      const x = unit(`huyen-x${i}`, 'commune', 'tinh');
      const replies = await Promise.all([put(admin, [y]), put(admin2, [x])]);
      expect(replies.map((r) => r.status).sort(), JSON.stringify(replies.map((r) => r.json))).toEqual([
        200, 400,
      ]);
      const refused = replies.find((r) => r.status === 400)!;
      expect(refused.json.error.issues.map((x: { code: string }) => x.code)).toContain('parent_level_below');
    }
    expect(hierarchyProblems(await storedState(), 'all')).toEqual([]);
  });

  it('no edit is lost: the version moved once per edit that landed', async () => {
    const { getHierarchyHead } = await import('#shared/store/units');
    // Loaded at version 1; each round above landed exactly one edit.
    expect((await getHierarchyHead()).version).toBe(1 + 2 * ROUNDS);
  });

  it('a write conditioned on a version another edit has moved past does not land', async () => {
    const { readHierarchy, hierarchyEditItems, getUnit } = await import('#shared/store/units');
    const { transact, WriteConflict } = await import('#shared/store/transact');
    const first = await readHierarchy();
    const second = await readHierarchy();
    const at = new Date();
    await transact(hierarchyEditItems(first.version, [unit('so-c', 'province', 'tinh')], { by: 'a', at }));
    await expect(
      transact(hierarchyEditItems(second.version, [unit('so-d', 'province', 'tinh')], { by: 'b', at })),
    ).rejects.toSatisfy((e) => e instanceof WriteConflict && e.reason === 'HIERARCHY_MOVED');
    expect(await getUnit('so-d')).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import type { Reorganization } from '#shared/domain/reorganization';
import type { Unit } from '#shared/hierarchy';
import { seedLevels, seedUnits } from '../../local/seedData.ts';
import { seedBefore2025, timelessLevels } from '../fixtures/hierarchies.ts';
import {
  admin,
  auditor,
  fieldsNeedingEvidence,
  recordVerifiedEvidence,
  rollupFile,
  snapshotTable,
  SUBMISSION,
} from './fixtures.ts';
import { startTestApi, type TestApi } from './harness.ts';

/*
 * Điện Biên through the 2025 reorganization, as an admin records it on a store that already holds 2024:
 * the 2024 rollup re-runs byte for byte, the 2025 rollup has no district level, and xã Mường Ảng's change
 * against 2024 comes from its three predecessors combined, checked against figures worked out by hand.
 */
const c2024 = catalogFor(2024) as Catalog;
const FILES = ['rollup.json', 'units.csv', 'indicators.csv', 'report.html'] as const;
let api: TestApi;
const agency = (unitId: string) => ({ sub: `agency-${unitId}`, role: 'agency', unitId }) as const;

/** A complete report whose official email use is `email` of `total` staff. */
const staff = (total: number, email: number) => ({
  ...exampleValues(c2024),
  staff_total: total,
  staff_with_computer: total,
  staff_official_mailbox: total,
  staff_email_regular: email,
  staff_foreign_mail: 0,
  staff_internet: total,
  staff_trained_basic: total,
  it_staff: 1,
  it_staff_college: 0,
});

async function period(year: number) {
  const res = await api.call(admin, 'PUT', `/periods/${year}`, {
    body: {
      opensAt: `${year}-01-01T00:00:00+07:00`,
      deadline: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
  });
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

async function report(year: number, unitId: string, values: Record<string, unknown>) {
  const who = agency(unitId);
  const saved = await api.call(who, 'PUT', `/reports/${year}`, { body: { values } });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  await recordVerifiedEvidence(api.tableName, unitId, fieldsNeedingEvidence(c2024, values as never), year);
  const res = await api.call(who, 'POST', `/reports/${year}/submit`, SUBMISSION);
  expect(res.status, JSON.stringify(res.json)).toBe(200);
}

async function rollup(year: number): Promise<Record<(typeof FILES)[number], Buffer>> {
  const { runRollup } = await import('#shared/rollup/runner');
  await runRollup({ year, requestedBy: 'test' }, `run-${year}-${Math.random().toString(36).slice(2)}`, {
    now: () => new Date(`${year + 1}-02-01T00:30:00+07:00`),
    pageSize: 3,
  });
  const out = {} as Record<(typeof FILES)[number], Buffer>;
  for (const name of FILES) out[name] = await rollupFile(year, name);
  return out;
}

/** The reorganization as the seed records it: one operation per date and document. */
function reorganizationsOfTheSeed(): Reorganization[] {
  const ops = new Map<string, Reorganization & { changes: Reorganization['changes'][number][] }>();
  const op = (date: string, document: string) => {
    const key = `${date} ${document}`;
    let found = ops.get(key);
    if (!found) ops.set(key, (found = { date, document, changes: [] }));
    return found;
  };
  const successors = new Set(seedUnits.flatMap((u) => (u.predecessors ?? []).map((p) => p.unitId)));
  for (const u of seedUnits) {
    if (u.predecessors?.length) {
      const { id, code, name, level, parentId, reports, contactEmail } = u;
      op(u.validFrom, u.establishedBy as string).changes.push({
        kind: 'merge',
        from: u.predecessors.map((p) => p.unitId),
        into: {
          id,
          code,
          name,
          level,
          ...(parentId ? { parentId } : {}),
          reports,
          ...(contactEmail ? { contactEmail } : {}),
        },
      });
    } else if (u.validTo && !successors.has(u.id)) {
      // Districts end with no successor: their communes' successors sit under the province.
      const day = new Date(`${u.validTo}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() + 1);
      op(day.toISOString().slice(0, 10), u.endedBy as string).changes.push({ kind: 'retire', unitId: u.id });
    }
  }
  // A district is retired after its communes have merged away: a parent may not end before its children.
  const retiresOnly = (r: Reorganization) => r.changes.every((c) => c.kind === 'retire');
  return [...ops.values()].sort(
    (a, b) => a.date.localeCompare(b.date) || Number(retiresOnly(a)) - Number(retiresOnly(b)),
  );
}

const sortById = (units: readonly Unit[]) => [...units].sort((a, b) => (a.id < b.id ? -1 : 1));

let before2024: Record<(typeof FILES)[number], Buffer>;
let after2024: Record<(typeof FILES)[number], Buffer>;
let y2025: any; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  api = await startTestApi({ units: seedBefore2025, levels: timelessLevels });
  await period(2024);
  await period(2025);
  // 2024, by the three-tier units. Official email use: 18/20, 2/40 and 4/40 in Mường Ảng's three units.
  await report(2024, 'tt-muong-ang', staff(20, 18));
  await report(2024, 'xa-ang-nua', staff(40, 2));
  await report(2024, 'xa-ang-cang', staff(40, 4));
  await report(2024, 'muong-ang', staff(60, 30));
  await report(2024, 'so-khcn', staff(30, 27));
  await report(2024, 'so-tttt', staff(20, 19));
  // Before the reorganization is recorded, thị trấn Mường Ảng still looks valid at the end of 2025.
  await report(2025, 'tt-muong-ang', staff(20, 19));
  before2024 = await rollup(2024);
});
afterAll(() => api.stop());

describe('recording the 2025 reorganization', () => {
  it('is one API operation per change set, and together they record exactly the seed’s story', async () => {
    for (const r of reorganizationsOfTheSeed()) {
      // Previewed first: what it will write, checked as the save checks it, and nothing written.
      const before = await snapshotTable(api.tableName);
      const preview = await api.call(admin, 'POST', '/units/reorganizations/preview', { body: r });
      expect(preview.status, JSON.stringify(preview.json)).toBe(200);
      expect(await snapshotTable(api.tableName)).toEqual(before);
      expect((await api.call(auditor, 'POST', '/units/reorganizations/preview', { body: r })).status).toBe(
        403,
      );
      const res = await api.call(admin, 'POST', '/units/reorganizations', { body: r });
      // The preview said exactly what the save wrote, and the version it would be.
      expect(sortById(res.json.units ?? [])).toEqual(sortById(preview.json.units));
      expect(res.json.version).toBe(preview.json.version);
      expect(res.status, JSON.stringify(res.json)).toBe(201);
    }
    // The levels last: the district level ends on 30 June 2025, now that no unit needs it later.
    const levels = await api.call(admin, 'PUT', '/units', { body: { levels: seedLevels } });
    expect(levels.status, JSON.stringify(levels.json)).toBe(200);

    const all = await api.call(admin, 'GET', '/units');
    expect(sortById(all.json.units)).toEqual(sortById(seedUnits));
    expect(all.json.levels).toEqual(seedLevels);
  });

  it('a preview refuses what the save would refuse, naming the field: the ended unit is already ended', async () => {
    const [first] = reorganizationsOfTheSeed();
    const again = await api.call(admin, 'POST', '/units/reorganizations/preview', { body: first });
    expect(again.status).toBe(400);
    expect(again.json.error.issues.map((i: { code: string }) => i.code)).toContain('not_valid_before_date');
  });

  it('GET /units?asOf= and ?year= give the hierarchy of a day: three tiers in 2024, two in 2025', async () => {
    const of2024 = await api.call(auditor, 'GET', '/units?asOf=2024-12-31');
    expect(of2024.json.levels.map((l: { id: string }) => l.id)).toEqual(['province', 'district', 'commune']);
    expect(sortById(of2024.json.units).map((u) => u.id)).toEqual(seedBefore2025.map((u) => u.id).sort());
    const of2025 = await api.call(auditor, 'GET', '/units?year=2025');
    expect(of2025.json).toMatchObject({ year: 2025, asOf: '2025-12-31' });
    expect(of2025.json.levels.map((l: { id: string }) => l.id)).toEqual(['province', 'commune']);
    const ids = of2025.json.units.map((u: Unit) => u.id);
    expect(ids).toContain('xa-muong-ang');
    expect(ids).not.toContain('muong-ang');
    expect(of2025.json.units.filter((u: Unit) => u.level === 'district')).toEqual([]);
    // The day the departments merged: the merged ones, and the districts still there.
    const march = await api.call(auditor, 'GET', '/units?asOf=2025-03-01');
    const marchIds = march.json.units.map((u: Unit) => u.id);
    expect(marchIds).toEqual(expect.arrayContaining(['so-khcn-2025', 'muong-ang', 'tt-muong-ang']));
    expect(marchIds).not.toContain('so-tttt');
    expect((await api.call(auditor, 'GET', '/units?asOf=2025-02-30')).status).toBe(400);
    expect((await api.call(auditor, 'GET', '/units?asOf=2025-01-01&year=2025')).status).toBe(400);
  });
});

describe('the auditors’ list of a year is that year’s hierarchy', () => {
  it('2024 lists the three-tier units, 2025 their successors', async () => {
    const listed = async (year: number) =>
      (await api.call(auditor, 'GET', `/review/${year}/reports?limit=200`)).json.items.map(
        (i: { unitId: string }) => i.unitId,
      );
    const y2024 = await listed(2024);
    expect(y2024).toEqual(expect.arrayContaining(['tt-muong-ang', 'muong-ang', 'so-tttt']));
    expect(y2024).not.toContain('xa-muong-ang');
    const y2025List = await listed(2025);
    expect(y2025List).toEqual(expect.arrayContaining(['xa-muong-ang', 'so-khcn-2025', 'so-noi-vu']));
    for (const gone of ['tt-muong-ang', 'muong-ang', 'so-tttt']) expect(y2025List).not.toContain(gone);
  });
});

describe('Reruns: a later hierarchy change never changes an earlier year', () => {
  it('re-running 2024 after the 2025 reorganization gives byte-identical files', async () => {
    after2024 = await rollup(2024);
    for (const name of FILES) expect(after2024[name].equals(before2024[name]), name).toBe(true);
    const json = JSON.parse(after2024['rollup.json'].toString('utf8'));
    // 2024 still has its districts and its three-tier units.
    expect(json.groups.map((g: { key: string }) => g.key)).toContain('level:district');
    expect(json.groups.map((g: { key: string }) => g.key)).toContain('parent:muong-ang');
  });
});

describe('2025 rollup: by the two-tier hierarchy, compared across the reorganization', () => {
  beforeAll(async () => {
    // 2025, by the successors. xã Mường Ảng: 45 of 100 staff use official email regularly.
    await report(2025, 'xa-muong-ang', staff(100, 45));
    await report(2025, 'so-khcn-2025', staff(50, 40));
    await report(2025, 'phuong-dien-bien-phu', staff(80, 40));
    await rollup(2025);
    y2025 = JSON.parse((await rollupFile(2025, 'rollup.json')).toString('utf8'));
  });
  const unit = (id: string) => y2025.units.find((u: { unitId: string }) => u.unitId === id);

  it('has no district level: no district group, no district unit, no group under a district', () => {
    const keys = y2025.groups.map((g: { key: string }) => g.key);
    expect(keys.filter((k: string) => k.startsWith('level:'))).toEqual(['level:province', 'level:commune']);
    for (const district of ['muong-ang', 'tuan-giao', 'dien-bien-phu', 'muong-cha']) {
      expect(keys).not.toContain(`parent:${district}`);
      expect(unit(district)).toBeUndefined();
    }
    expect(y2025.units.filter((u: { level: string }) => u.level === 'district')).toEqual([]);
    // The units that ceased in 2025 are not expected; the report thị trấn Mường Ảng filed is an orphan.
    expect(unit('tt-muong-ang')).toBeUndefined();
    expect(y2025.orphanReports).toBe(1);
    expect(y2025.completeness.missingUnits.map((m: { unitId: string }) => m.unitId)).not.toContain('so-tttt');
  });

  it('xã Mường Ảng is compared with its three predecessors combined: (18+2+4)/(20+40+40) = 24%, so +21 points', () => {
    const row = unit('xa-muong-ang');
    expect(row.comparedWith).toEqual({
      basis: 'predecessors',
      predecessors: ['tt-muong-ang', 'xa-ang-cang', 'xa-ang-nua'],
    });
    expect(row.indicators.email_regular_pct.value).toBeCloseTo(45, 9);
    // Sums, not the mean of 90%, 5% and 10% (35%, which would give +10).
    expect(row.previous.email_regular_pct).toBeCloseTo(24, 9);
    expect(row.change.email_regular_pct).toBeCloseTo(21, 9);
    // The outlier is judged against the combination: +21 points is beyond the 20 the catalog allows.
    expect(row.outliers.map((o: { indicator: string }) => o.indicator)).toContain('email_regular_pct');
  });

  it('a merged department is compared with both departments it came from', () => {
    const row = unit('so-khcn-2025');
    expect(row.comparedWith).toEqual({ basis: 'predecessors', predecessors: ['so-khcn', 'so-tttt'] });
    // (27 + 19) / (30 + 20) = 92% in 2024; 40/50 = 80% in 2025.
    expect(row.previous.email_regular_pct).toBeCloseTo(92, 9);
    expect(row.change.email_regular_pct).toBeCloseTo(-12, 9);
  });

  it('a unit whose predecessors did not all report says "không so sánh được / not comparable" and shows no change', () => {
    const row = unit('phuong-dien-bien-phu');
    expect(row.comparedWith.basis).toBe('notComparable');
    expect(row.comparedWith.predecessors).toHaveLength(6);
    expect(row.comparedWith.note.vi).toContain('không so sánh được');
    expect(row.comparedWith.note.en).toContain('not comparable');
    expect(row.previous).toBeUndefined();
    expect(Object.values(row.change).every((c) => c === null)).toBe(true);
    expect(row.outliers).toEqual([]);
  });

  it('units.csv names the predecessors used', async () => {
    const lines = (await rollupFile(2025, 'units.csv'))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    const header = lines[0]!.split(',');
    const row = lines.find((l) => l.startsWith('xa-muong-ang,'))!.split(',');
    expect(row[header.indexOf('compared_with')]).toBe('predecessors');
    expect(row[header.indexOf('predecessors')]).toBe('tt-muong-ang xa-ang-cang xa-ang-nua');
  });

  it('report.html names each merged unit’s predecessors, and says when a comparison could not be made', async () => {
    const html = (await rollupFile(2025, 'report.html')).toString('utf8');
    const section = html.slice(html.indexOf('So sánh với năm trước'));
    const rowOf = (name: string) =>
      section.match(new RegExp(`<tr><th scope="row">${name}</th>.*?</tr>`))?.[0];
    const merged = rowOf('UBND xã Mường Ảng');
    expect(merged).toContain('các đơn vị tiền thân cộng lại');
    for (const p of ['UBND thị trấn Mường Ảng', 'UBND xã Ẳng Cang', 'UBND xã Ẳng Nưa'])
      expect(merged).toContain(p);
    expect(rowOf('UBND phường Điện Biên Phủ')).toContain('không so sánh được');
    expect(section).toContain('(3 đơn vị)');
  });
});

describe('tokens for units that no longer exist', () => {
  it('thị trấn Mường Ảng’s token, valid before the reorganization, now gets 403 on its own report', async () => {
    const res = await api.call(agency('tt-muong-ang'), 'GET', '/reports/2024');
    expect(res.status).toBe(403);
    expect(res.json.error.code).toBe('UNIT_NOT_VALID');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rollUpSeed } from './seedRollup.ts';

/*
 * The workbook read back by a second, independent reader (Debian's python3-openpyxl), its numbers compared with
 * the JSON of the same run. `.ci/run` installs the package.
 */
type Cell = [value: unknown, type: string, format: string];
let sheets: Record<string, Cell[][]>;
let rollup: any; // eslint-disable-line @typescript-eslint/no-explicit-any

const header = (rows: Cell[][]) => (rows[0] ?? []).map((c) => String(c[0]));
const column = (rows: Cell[][], startsWith: string) => {
  const k = header(rows).findIndex((h) => h.startsWith(startsWith));
  if (k < 0) throw new Error(`no column ${startsWith}`);
  return k;
};
const sheet = (prefix: string) => {
  const name = Object.keys(sheets).find((n) => n.startsWith(prefix));
  if (!name) throw new Error(`no sheet ${prefix}`);
  return sheets[name] as Cell[][];
};
/** A number as the JSON writes it: rounded to 4 decimals. */
const r4 = (v: unknown) => Math.round((v as number) * 10_000) / 10_000 || 0;

beforeAll(async () => {
  const store = await rollUpSeed(2025);
  const dir = mkdtempSync(join(tmpdir(), 'xlsx-'));
  const file = join(dir, 'rollup.xlsx');
  writeFileSync(file, store.publishedBytes(2025, 'xlsx') as Buffer);
  sheets = JSON.parse(
    execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'readXlsx.py'), file], { encoding: 'utf8' }),
  );
  rollup = JSON.parse(store.published(2025, 'json') as string);
});

describe('the XLSX workbook, read back with openpyxl', () => {
  it('has the four sheets, with Vietnamese headers and English beside them', () => {
    expect(Object.keys(sheets)).toEqual([
      'Đơn vị - Units',
      'Chỉ tiêu - Indicators',
      'Nộp báo cáo - Completeness',
      'Chênh lệch - Verification gaps',
    ]);
    for (const rows of Object.values(sheets)) {
      for (const h of header(rows)) expect(h.split(' / ').length, h).toBeGreaterThanOrEqual(2);
    }
    expect(header(sheet('Đơn vị'))).toContain('Điểm (thang 100) / Score (out of 100)');
  });

  it('stores numbers as numbers with locale-neutral formats, so a Vietnamese spreadsheet shows its own decimal comma', () => {
    const units = sheet('Đơn vị');
    const score = column(units, 'Điểm (thang 100)');
    const scored = units.slice(1).filter((r) => r[score]?.[0] !== null);
    expect(scored.length).toBeGreaterThan(5);
    for (const r of scored) {
      expect(r[score]?.[1]).toBe('n');
      expect(typeof r[score]?.[0]).toBe('number');
    }
    // No cell holds a decimal typed as text, in either notation; a column with numbers has no text in it.
    for (const rows of Object.values(sheets)) {
      for (const row of rows.slice(1))
        for (const [value, type] of row)
          if (type === 's') expect(String(value)).not.toMatch(/^-?\d+[.,]\d+$/);
      header(rows).forEach((h, k) => {
        const types = new Set(
          rows
            .slice(1)
            .filter((r) => r[k]?.[0] !== null && r[k]?.[0] !== '')
            .map((r) => r[k]?.[1]),
        );
        if (types.has('n'))
          expect(
            [...types].filter((t) => t === 's'),
            h,
          ).toEqual([]);
      });
    }
    const formats = new Set(scored.map((r) => r[score]?.[2]));
    // General, or a format whose "." is the decimal placeholder the reader's locale renders.
    for (const rows of Object.values(sheets))
      for (const row of rows.slice(1))
        for (const [, type, format] of row)
          if (type === 'n') expect(format).toMatch(/^(General|[#0,]+(\.0+)?)$/);
    expect(formats.size).toBeGreaterThan(0);
  });

  it('gives every unit’s score, points and official indicator values as the JSON does', () => {
    const units = sheet('Đơn vị');
    const id = column(units, 'Mã đơn vị');
    const byId = new Map(units.slice(1).map((r) => [r[id]?.[0], r]));
    expect(byId.size).toBe(rollup.units.length);
    const score = column(units, 'Điểm (thang 100)');
    const points = column(units, 'Điểm đạt được');
    const max = column(units, 'Điểm tối đa áp dụng');
    let compared = 0;
    for (const u of rollup.units) {
      const row = byId.get(u.unitId) as Cell[];
      expect(row, u.unitId).toBeDefined();
      if (!u.score) {
        expect(row[score]?.[0]).toBeNull();
        continue;
      }
      expect(r4(row[score]?.[0])).toBe(u.score.score);
      expect(r4(row[points]?.[0])).toBe(u.score.points);
      expect(r4(row[max]?.[0])).toBe(u.score.applicableMax);
      for (const [code, v] of Object.entries(u.indicators as Record<string, { value: number | null }>)) {
        const k = header(units).findIndex((h, i) => h.includes('(') && i === indexOf(code));
        expect(k, code).toBeGreaterThan(0);
        const cell = row[k]?.[0];
        if (v.value === null) expect(cell).toBeNull();
        else expect(r4(cell)).toBe(v.value);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(100);

    function indexOf(code: string): number {
      // The indicator columns close the sheet, in catalog order, official values only (the gaps sheet has the rest).
      const codes = Object.keys(rollup.units.find((x: { indicators?: unknown }) => x.indicators).indicators);
      return header(units).length - codes.length + codes.indexOf(code);
    }
  });

  it('gives every group’s indicator values and yes/no shares as the JSON does', () => {
    const rows = sheet('Chỉ tiêu');
    const [type, id, code, value, numerator, denominator] = [
      column(rows, 'Loại nhóm'),
      column(rows, 'Mã nhóm'),
      column(rows, 'Mã chỉ tiêu'),
      column(rows, 'Giá trị chính thức'),
      column(rows, 'Tử số'),
      column(rows, 'Mẫu số'),
    ];
    let compared = 0;
    for (const row of rows.slice(1)) {
      const g = rollup.groups.find(
        (x: { type: string; id: string }) => x.type === row[type]?.[0] && x.id === (row[id]?.[0] ?? ''),
      );
      expect(g).toBeDefined();
      const c = row[code]?.[0] as string;
      const expected = g.indicators[c] ?? {
        value: g.answers[c].share,
        numerator: g.answers[c].yes,
        denominator: g.answers[c].answered,
      };
      for (const [k, key] of [
        [value, 'value'],
        [numerator, 'numerator'],
        [denominator, 'denominator'],
      ] as const) {
        const cell = row[k]?.[0];
        if (expected[key] === null) expect(cell, `${g.key} ${c} ${key}`).toBeNull();
        else expect(r4(cell), `${g.key} ${c} ${key}`).toBe(expected[key]);
      }
      compared += 1;
    }
    expect(compared).toBe(
      rollup.groups.length *
        (Object.keys(rollup.groups[0].indicators).length + Object.keys(rollup.groups[0].answers).length),
    );
  });

  it('gives completeness and the verification gaps as the JSON does', () => {
    const rows = sheet('Nộp báo cáo');
    expect(rows.length - 1).toBe(rollup.groups.length);
    const [expected, reported, missing, accepted] = ['Phải nộp', 'Đã nộp', 'Chưa nộp', 'Đã xác minh'].map(
      (h) => column(rows, h),
    );
    rollup.groups.forEach(
      (g: { completeness: Record<string, number>; verification: Record<string, number> }, i: number) => {
        const row = rows[i + 1] as Cell[];
        expect(row[expected as number]?.[0]).toBe(g.completeness.expected);
        expect(row[reported as number]?.[0]).toBe(g.completeness.reported);
        expect(row[missing as number]?.[0]).toBe(g.completeness.missing);
        expect(row[accepted as number]?.[0]).toBe(g.verification.accepted);
      },
    );
    const gaps = sheet('Chênh lệch');
    const fromJson = rollup.units.flatMap(
      (u: {
        unitId: string;
        verified?: { fields: Record<string, { reported: number; verified: number; gap: number }> };
      }) =>
        Object.entries(u.verified?.fields ?? {}).map(([f, v]) => [
          u.unitId,
          f,
          v.reported,
          v.verified,
          v.gap,
        ]),
    );
    expect(fromJson.length).toBeGreaterThan(1);
    const [unit, field, self, verified, gap] = [
      'Mã đơn vị',
      'Mã trường',
      'Tự báo cáo',
      'Đã xác minh',
      'Chênh lệch',
    ].map((h) => column(gaps, h));
    expect(
      gaps.slice(1).map((r) => [unit, field, self, verified, gap].map((k) => r[k as number]?.[0])),
    ).toEqual(fromJson);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  catalogFor,
  catalogYears,
  exampleValues,
  isNumericField,
  validateDraft,
  validateSubmission,
  type Catalog,
} from '#shared/catalog/index';
import { levelsOn, yearEnd } from '#shared/hierarchy';
import { seedLevels } from '../../../local/seedData.ts';
import { allEvidence, c2024, c2025, mustCatalog } from './helpers.ts';

const SNAKE = /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/;

const catalogs: Catalog[] = catalogYears.map(mustCatalog);

describe.each(catalogs.map((c) => [c.year, c] as const))('catalog %i integrity', (_year, catalog) => {
  const fields = new Map(catalog.fields.map((f) => [f.code, f]));
  // The levels of the catalog's year: those of the (seeded) hierarchy on its 31 December.
  const levelIds = new Set<string>(levelsOn(seedLevels, yearEnd(catalog.year)).map((l) => l.id));
  const sectionIds = new Set(catalog.sections.map((s) => s.id));

  it('has the eight sections, each with fields, and at least 45 fields', () => {
    expect(catalog.sections.map((s) => s.order).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(catalog.fields.length).toBeGreaterThanOrEqual(45);
    for (const s of catalog.sections) expect(catalog.fields.some((f) => f.section === s.id)).toBe(true);
  });

  it('has unique snake_case codes and unique ids', () => {
    const codes = catalog.fields.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(SNAKE);
    const indicatorCodes = catalog.indicators.map((i) => i.code);
    expect(new Set(indicatorCodes).size).toBe(indicatorCodes.length);
    for (const code of indicatorCodes) expect(code).toMatch(SNAKE);
    const ruleIds = catalog.rules.map((r) => r.id);
    expect(new Set(ruleIds).size).toBe(ruleIds.length);
    expect(sectionIds.size).toBe(catalog.sections.length);
  });

  it('puts every field and indicator in a section that exists', () => {
    for (const f of catalog.fields) expect(sectionIds, f.code).toContain(f.section);
    for (const i of catalog.indicators) expect(sectionIds, i.code).toContain(i.section);
  });

  it('gives every field bilingual texts and sound bounds', () => {
    for (const f of catalog.fields) {
      for (const t of [f.label, f.help]) {
        expect(t.vi.trim(), f.code).not.toBe('');
        expect(t.en.trim(), f.code).not.toBe('');
      }
      expect(f.label.vi, f.code).not.toBe(f.label.en);
      if (isNumericField(f)) {
        expect(f.min, f.code).toBeLessThanOrEqual(f.max);
        expect(f.unit, f.code).toBeDefined();
        if (f.type === 'percent') expect([f.min, f.max]).toEqual([0, 100]);
      }
      if (f.type === 'text') expect(f.maxLength).toBeGreaterThan(0);
      if (f.type === 'choice') {
        const values = f.choices.map((c) => c.value);
        expect(values.length).toBeGreaterThan(1);
        expect(new Set(values).size).toBe(values.length);
        for (const c of f.choices) expect(c.label.vi && c.label.en).toBeTruthy();
      }
      if (f.type === 'date') {
        if (f.min && f.max) expect(f.min <= f.max).toBe(true);
        expect(f.max).toBe(`${catalog.year}-12-31`);
      }
      if (f.evidence.rule !== 'none') {
        expect(f.evidence.kind.vi && f.evidence.kind.en, f.code).toBeTruthy();
        if (f.evidence.rule === 'requiredIfTrue') expect(f.type, f.code).toBe('boolean');
      }
    }
  });

  it('has at least 15 indicators, each over existing numeric fields, with targets or scoring', () => {
    expect(catalog.indicators.length).toBeGreaterThanOrEqual(15);
    for (const i of catalog.indicators) {
      expect(i.numerator.length, i.code).toBeGreaterThan(0);
      for (const code of [...i.numerator, ...(i.denominator ?? [])]) {
        const f = fields.get(code);
        expect(f, `${i.code} → ${code}`).toBeDefined();
        expect(f && isNumericField(f), `${i.code} → ${code} is numeric`).toBe(true);
      }
      if (i.denominator !== null) expect(i.denominator.length, i.code).toBeGreaterThan(0);
      expect(Object.keys(i.targets).length > 0 || i.scoring !== undefined, i.code).toBe(true);
      for (const level of Object.keys(i.targets)) expect(levelIds, i.code).toContain(level);
      expect(Number.isFinite(i.multiplier) && i.multiplier > 0).toBe(true);
      expect(i.label.vi && i.label.en && i.unit.vi && i.unit.en).toBeTruthy();
    }
  });

  it('weights a reported share by what it is a share of, never a plain mean', () => {
    for (const i of catalog.indicators) {
      if (!i.numeratorIsShare) continue;
      expect(i.denominator?.length, i.code).toBe(1);
      for (const code of i.numerator) expect(fields.get(code)?.type, `${i.code} → ${code}`).toBe('percent');
    }
    expect(catalog.indicators.find((i) => i.code === 'antivirus_coverage_pct')?.denominator).toEqual([
      'computers_in_use',
    ]);
  });

  it('scores each concept once: computer provision through the share of staff with one', () => {
    expect(catalog.indicators.find((i) => i.code === 'computers_per_staff')?.scoring).toBeUndefined();
    expect(catalog.indicators.find((i) => i.code === 'staff_computer_pct')?.scoring).toBeDefined();
  });

  it('says where "not applicable" applies with a condition on a real field', () => {
    const na = catalog.indicators.filter((i) => i.notApplicableWhen);
    expect(na.map((i) => i.code).sort()).toEqual([
      'dossiers_online_pct',
      'it_staff_college_pct',
      'onestop_on_time_pct',
    ]);
    for (const i of na) expect(fields.get(i.notApplicableWhen?.field ?? ''), i.code).toBeDefined();
  });

  it('cites a source for every default target and band that has one, and nothing else', () => {
    const ids = new Set(catalog.sources.map((s) => s.id));
    for (const i of catalog.indicators)
      for (const s of Object.values(i.targetSources ?? {})) expect(ids, i.code).toContain(s);
    for (const b of catalog.bands) expect(ids).toContain(b.source);
    expect(catalog.sources.find((s) => s.id === 'system-default')?.title).toEqual({
      vi: 'mặc định của hệ thống, chưa có văn bản',
      en: 'system default, no legal source',
    });
  });

  it('scores out of 100 points with sound tiers', () => {
    const scored = catalog.indicators.filter((i) => i.scoring);
    expect(scored.reduce((s, i) => s + (i.scoring?.maxPoints ?? 0), 0)).toBe(100);
    for (const i of scored) {
      const s = i.scoring;
      if (s?.method === 'tiers') {
        for (const t of s.tiers) expect(t.points).toBeLessThanOrEqual(s.maxPoints);
        expect(Math.max(...s.tiers.map((t) => t.points))).toBe(s.maxPoints);
      }
    }
  });

  it('has bands from Good down to Weak, with one starting at 0', () => {
    expect(catalog.bands.map((b) => b.id)).toEqual(['good', 'fair', 'medium', 'weak']);
    const shares = catalog.bands.map((b) => b.minShare);
    expect([...shares].sort((a, b) => b - a)).toEqual(shares);
    expect(shares.at(-1)).toBe(0);
  });

  it('refers only to existing fields in its rules, with numeric operands and fitting conditions', () => {
    for (const r of catalog.rules) {
      if (r.kind === 'compare') {
        for (const code of [...r.left, ...r.right]) {
          const f = fields.get(code);
          expect(f && isNumericField(f), `${r.id} → ${code}`).toBe(true);
        }
        if (r.path) expect(fields.has(r.path)).toBe(true);
      } else {
        const when = fields.get(r.when.field);
        expect(when, r.id).toBeDefined();
        if (when?.type === 'choice') expect(when.choices.map((c) => c.value)).toContain(r.when.value);
        if (when?.type === 'boolean') expect(typeof r.when.value).toBe('boolean');
        if (r.when.op === 'gt') expect(when && isNumericField(when)).toBe(true);
        for (const code of r.then) {
          expect(fields.has(code), `${r.id} → ${code}`).toBe(true);
          // A field that is always required needs no rule to require it.
          expect(fields.get(code)?.required, `${r.id} → ${code}`).toBe(false);
        }
      }
    }
  });

  it('exampleValues is a complete report that passes every check', () => {
    const example = exampleValues(catalog);
    expect(Object.keys(example).sort()).toEqual(catalog.fields.map((f) => f.code).sort());
    const draft = validateDraft(catalog, example);
    expect(draft.ok ? [] : draft.issues).toEqual([]);
    expect(validateSubmission(catalog, example, { evidenceFields: allEvidence(catalog) })).toEqual([]);
  });

  it('is frozen, so no caller can change it for everyone else', () => {
    expect(Object.isFrozen(catalog)).toBe(true);
    expect(Object.isFrozen(catalog.fields)).toBe(true);
    expect(Object.isFrozen(catalog.indicators[0]?.targets)).toBe(true);
  });
});

describe('catalog years', () => {
  it('has 2024 to 2026 and nothing for other years', () => {
    expect(catalogYears).toEqual([2024, 2025, 2026]);
    expect(catalogFor(2023)).toBeUndefined();
    expect(catalogFor(2027)).toBeUndefined();
    expect(catalogFor(Number.NaN)).toBeUndefined();
  });

  it('keeps the same fields and indicators across years so that years compare', () => {
    expect(c2025.fields.map((f) => f.code)).toEqual(c2024.fields.map((f) => f.code));
    expect(c2025.indicators.map((i) => i.code)).toEqual(c2024.indicators.map((i) => i.code));
    expect(c2025.indicators.map((i) => [i.numerator, i.denominator])).toEqual(
      c2024.indicators.map((i) => [i.numerator, i.denominator]),
    );
  });

  it('documents what 2025 changes (the two-tier structure) and keeps Decision 48/2009 email targets', () => {
    expect(c2024.changes).toEqual([]);
    expect(c2025.changes?.length).toBe(1);
    const email = (c: Catalog) => c.indicators.find((i) => i.code === 'email_regular_pct');
    // The Decision's 2010 target for mountainous provinces, down to district level; communes: a system default.
    expect(email(c2024)?.targets).toEqual({ province: 30, district: 30, commune: 30 });
    expect(email(c2024)?.targetSources).toEqual({ province: 'qd-48-2009-ttg', district: 'qd-48-2009-ttg' });
    // The same targets for the levels 2025 has; the district level ended on 30 June 2025.
    expect(email(c2025)?.targets).toEqual({ province: 30, commune: 30 });
    expect(c2024.version).not.toBe(c2025.version);
  });
});

describe('browser safety', () => {
  it('shared/catalog imports nothing from node: or the AWS SDK', () => {
    const root = join(import.meta.dirname, '../../../shared/catalog');
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(join(root, file), 'utf8');
      const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] ?? '');
      for (const spec of imports) {
        expect(spec, file).not.toMatch(/^node:|^@aws-sdk|^@middy|^\.\.\/(store|http|config)/);
        if (!spec.startsWith('.')) expect(spec, file).toMatch(/^zod(\/mini)?$/);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { publicCatalog } from '#shared/catalog/index';
import { c2024, c2025 } from './helpers.ts';

describe('publicCatalog', () => {
  const pub = publicCatalog(c2025);

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(pub))).toEqual(pub);
  });

  it('lists the sections in order with their fields and indicators', () => {
    expect(pub.sections.map((s) => s.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(pub.sections.flatMap((s) => s.fields).sort()).toEqual(c2025.fields.map((f) => f.code).sort());
    expect(pub.sections.flatMap((s) => s.indicators).sort()).toEqual(
      c2025.indicators.map((i) => i.code).sort(),
    );
  });

  it('shows each indicator’s formula, in codes and in words, and its targets per level', () => {
    const docs = pub.indicators.find((i) => i.code === 'docs_electronic_pct');
    expect(docs?.formula.expression).toBe(
      '(docs_sent_electronic + docs_received_electronic) / (docs_sent_total + docs_received_total) × 100',
    );
    expect(docs?.formula.text.vi).toContain('Tổng số văn bản đi');
    expect(docs?.formula.text.en).toContain('Documents sent, total');
    expect(pub.indicators.find((i) => i.code === 'computers_per_staff')?.formula.expression).toBe(
      'computers_in_use / staff_total',
    );
    const foreign = (c: typeof c2024) =>
      publicCatalog(c).indicators.find((i) => i.code === 'foreign_mail_pct')?.targetsByLevel;
    expect(foreign(c2024)).toEqual([
      { level: 'province', op: '<=', value: 10 },
      { level: 'district', op: '<=', value: 10 },
      { level: 'commune', op: '<=', value: 20 },
    ]);
    expect(foreign(c2025)).toEqual([
      { level: 'province', op: '<=', value: 10 },
      { level: 'commune', op: '<=', value: 20 },
    ]);
  });

  it('describes every rule in both languages', () => {
    expect(pub.rules.length).toBe(c2025.rules.length);
    for (const r of pub.rules) {
      expect(r.description.vi).not.toBe('');
      expect(r.description.en).not.toBe('');
      expect(r.description.vi).not.toBe(r.description.en);
    }
  });

  it('carries scoring, bands, the targets of the year’s levels and the year’s changes', () => {
    expect(pub.scoring.maxPoints).toBe(100);
    expect(pub.bands.map((b) => b.label.vi)).toEqual(['Tốt', 'Khá', 'Trung bình', 'Yếu']);
    // 2025 is reported by the hierarchy of 31 December 2025: no district level, so no district target.
    expect(new Set(pub.indicators.flatMap((i) => i.targetsByLevel.map((t) => t.level)))).toEqual(
      new Set(['province', 'commune']),
    );
    expect(
      new Set(publicCatalog(c2024).indicators.flatMap((i) => i.targetsByLevel.map((t) => t.level))),
    ).toEqual(new Set(['province', 'district', 'commune']));
    expect(pub.changes).toHaveLength(1);
    expect(publicCatalog(c2024).changes).toEqual([]);
  });
});

import type { Bilingual } from '../contract/i18n.ts';
import { labelLookup, type LabelOf } from './messages.ts';
import { targetFor } from './scoring.ts';
import type { Catalog, CrossFieldRule, Indicator } from './types.ts';
import { describeCondition } from './validate.ts';

const sumText = (codes: readonly string[], text: (c: string) => string) => {
  const joined = codes.map(text).join(' + ');
  return codes.length > 1 ? `(${joined})` : joined;
};

/** The formula in codes and in words: `(a + b) / (c + d) × 100`. */
export function formulaOf(indicator: Indicator, label: LabelOf): { expression: string; text: Bilingual } {
  const mult = indicator.multiplier === 1 ? '' : ` × ${indicator.multiplier}`;
  const render = (text: (c: string) => string) => {
    const num = sumText(indicator.numerator, text);
    return indicator.denominator === null
      ? `${num}${mult}`
      : `${num} / ${sumText(indicator.denominator, text)}${mult}`;
  };
  return {
    expression: render((c) => c),
    text: { vi: render((c) => `“${label(c).vi}”`), en: render((c) => `“${label(c).en}”`) },
  };
}

function describeRule(rule: CrossFieldRule, catalog: Catalog, label: LabelOf): Bilingual {
  const q = (codes: readonly string[], lang: keyof Bilingual) =>
    codes.map((c) => `“${label(c)[lang]}”`).join(' + ');
  if (rule.kind === 'compare') {
    return {
      vi: `${q(rule.left, 'vi')} ${rule.op} ${q(rule.right, 'vi')}`,
      en: `${q(rule.left, 'en')} ${rule.op} ${q(rule.right, 'en')}`,
    };
  }
  const condition = describeCondition(rule.when, new Map(catalog.fields.map((f) => [f.code, f])), label);
  return {
    vi: `Khi ${condition.vi}: phải nhập ${q(rule.then, 'vi').replaceAll(' + ', ', ')}`,
    en: `When ${condition.en}: ${q(rule.then, 'en').replaceAll(' + ', ', ')} required`,
  };
}

/**
 * The JSON served by GET /catalog/{year}: everything the form and a reader of the results need. `years` are
 * all the years that have a catalog, for the form's year switcher.
 */
export function publicCatalog(catalog: Catalog, years: readonly number[] = [catalog.year]) {
  const label = labelLookup(catalog.fields);
  const scored = catalog.indicators.filter((i) => i.scoring);
  return {
    year: catalog.year,
    version: catalog.version,
    years: [...years],
    changes: catalog.changes ?? [],
    bands: catalog.bands,
    sources: catalog.sources,
    sections: [...catalog.sections]
      .sort((a, b) => a.order - b.order)
      .map((s) => ({
        ...s,
        fields: catalog.fields.filter((f) => f.section === s.id).map((f) => f.code),
        indicators: catalog.indicators.filter((i) => i.section === s.id).map((i) => i.code),
      })),
    fields: catalog.fields,
    indicators: catalog.indicators.map((i) => ({
      ...i,
      formula: formulaOf(i, label),
      targetsByLevel: Object.keys(i.targets).flatMap((level) => {
        const t = targetFor(i, level);
        return t ? [{ level, ...t }] : [];
      }),
    })),
    rules: catalog.rules.map((r) => ({ ...r, description: describeRule(r, catalog, label) })),
    scoring: {
      maxPoints: scored.reduce((s, i) => s + (i.scoring?.maxPoints ?? 0), 0),
      indicators: scored.map((i) => i.code),
    },
  };
}

import type { Catalog, CatalogField, Condition, CrossFieldRule, Indicator, ReportValues } from './types.ts';
import { checkRules, holds } from './validate.ts';

/*
 * What applies to a unit given its answers, read from the catalog's own requiredIf rules: a field that such a
 * rule names under `then` is asked only while one of its conditions holds (no portal, no portal address).
 * The form hides it otherwise and sends nothing for it; while a condition holds, it is required.
 */
export function conditionsOf(catalog: Catalog): ReadonlyMap<string, readonly Condition[]> {
  const out = new Map<string, Condition[]>();
  for (const rule of catalog.rules)
    if (rule.kind === 'requiredIf')
      for (const code of rule.then) out.set(code, [...(out.get(code) ?? []), rule.when]);
  return out;
}

export function fieldApplies(
  conditions: ReadonlyMap<string, readonly Condition[]>,
  code: string,
  values: ReportValues,
): boolean {
  const when = conditions.get(code);
  return !when || when.some((c) => holds(c, values));
}

/** Required now: by the catalog itself, or by a condition that holds. */
export function requiredNow(
  conditions: ReadonlyMap<string, readonly Condition[]>,
  field: Pick<CatalogField, 'code' | 'required'>,
  values: ReportValues,
): boolean {
  return field.required || (conditions.has(field.code) && fieldApplies(conditions, field.code, values));
}

/**
 * The values of the fields that apply; the others are neither sent nor validated. Whether a field applies is
 * judged on `answers` (the valid values), which may differ from `values` while a number is being typed.
 */
export function applicableValues<V>(
  conditions: ReadonlyMap<string, readonly Condition[]>,
  values: Readonly<Record<string, V>>,
  answers: ReportValues,
): Record<string, V> {
  return Object.fromEntries(
    Object.entries(values).filter(([code]) => fieldApplies(conditions, code, answers)),
  );
}

const fieldsOfRule = (rule: CrossFieldRule): readonly string[] =>
  rule.kind === 'compare' ? [...rule.left, ...rule.right] : [rule.when.field, ...rule.then];

/** Every field that takes part in a cross-field rule the values break. */
export function fieldsInBrokenRules(catalog: Catalog, values: ReportValues): ReadonlySet<string> {
  const broken = new Set(checkRules(catalog, values).map((i) => i.code.replace(/^rule\./, '')));
  return new Set(catalog.rules.filter((r) => broken.has(r.id)).flatMap(fieldsOfRule));
}

/** An indicator whose inputs break a rule is not to be trusted, let alone called "met". */
export const indicatorInputs = (indicator: Indicator): readonly string[] => [
  ...indicator.numerator,
  ...(indicator.denominator ?? []),
];

import type { FieldIssue } from '../contract/errors.ts';
import type { Bilingual } from '../contract/i18n.ts';
import {
  compareMessage,
  conditionText,
  fieldMessages,
  labelLookup,
  num,
  requiredIfMessage,
  yesNoText,
  type LabelOf,
} from './messages.ts';
import { validateDraft } from './schema.ts';
import type {
  Catalog,
  CatalogField,
  CompareOp,
  CompareRule,
  Condition,
  FieldValue,
  ReportValues,
  RequiredIfRule,
} from './types.ts';

export const isEmpty = (v: FieldValue | undefined): boolean => v === undefined || v === null || v === '';

/** Σ of the codes' values, or null while any of them is not a number. */
export function sumOf(codes: readonly string[], values: ReportValues): number | null {
  let total = 0;
  for (const code of codes) {
    const v = values[code];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    total += v;
  }
  return total;
}

const COMPARE: Record<CompareOp, (a: number, b: number) => boolean> = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '=': (a, b) => a === b,
};

export function holds(c: Condition, values: ReportValues): boolean {
  const v = values[c.field];
  if (isEmpty(v)) return false;
  switch (c.op) {
    case 'eq':
      return v === c.value;
    case 'ne':
      return v !== c.value;
    case 'gt':
      return typeof v === 'number' && typeof c.value === 'number' && v > c.value;
  }
}

function valueText(field: CatalogField | undefined, value: Condition['value']): Bilingual {
  if (typeof value === 'boolean') return yesNoText(value);
  if (typeof value === 'number') return num(value);
  const choice = field?.type === 'choice' ? field.choices.find((c) => c.value === value) : undefined;
  return choice ? { vi: `“${choice.label.vi}”`, en: `“${choice.label.en}”` } : { vi: value, en: value };
}

export function describeCondition(c: Condition, fields: ReadonlyMap<string, CatalogField>, label: LabelOf) {
  return conditionText(c, label(c.field), valueText(fields.get(c.field), c.value));
}

function checkCompare(rule: CompareRule, values: ReportValues, label: LabelOf): FieldIssue[] {
  const left = sumOf(rule.left, values);
  const right = sumOf(rule.right, values);
  if (left === null || right === null || COMPARE[rule.op](left, right)) return [];
  return [
    {
      path: rule.path ?? rule.left[0] ?? '',
      code: `rule.${rule.id}`,
      message: compareMessage(rule.left.map(label), rule.op, rule.right.map(label), { left, right }),
    },
  ];
}

function checkRequiredIf(
  rule: RequiredIfRule,
  values: ReportValues,
  fields: ReadonlyMap<string, CatalogField>,
  label: LabelOf,
): FieldIssue[] {
  if (!holds(rule.when, values)) return [];
  const condition = describeCondition(rule.when, fields, label);
  return rule.then
    .filter((code) => isEmpty(values[code]))
    .map((code) => ({
      path: code,
      code: `rule.${rule.id}`,
      message: requiredIfMessage(label(code), condition),
    }));
}

/** Cross-field rules alone; empty operands are left to the completeness check. */
export function checkRules(catalog: Catalog, values: ReportValues): FieldIssue[] {
  const fields = new Map(catalog.fields.map((f) => [f.code, f]));
  const label = labelLookup(catalog.fields);
  return catalog.rules.flatMap((rule) =>
    rule.kind === 'compare'
      ? checkCompare(rule, values, label)
      : checkRequiredIf(rule, values, fields, label),
  );
}

/**
 * Everything a submission needs: a valid shape, every required field, every cross-field rule and every piece of
 * evidence the catalog asks for. `evidenceFields` are the codes with at least one verified evidence file.
 */
export function validateSubmission(
  catalog: Catalog,
  values: ReportValues,
  ctx: { evidenceFields: ReadonlySet<string> },
): FieldIssue[] {
  const shape = validateDraft(catalog, values);
  const issues: FieldIssue[] = shape.ok ? [] : [...shape.issues];
  // Values that failed the shape check must not also feed the rules, which would report them twice.
  const bad = new Set(issues.map((i) => i.path));
  const clean: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(values)) if (!bad.has(k)) clean[k] = v;

  for (const f of catalog.fields) {
    if (f.required && isEmpty(clean[f.code]) && !bad.has(f.code)) {
      issues.push({ path: f.code, code: 'required', message: fieldMessages.required(f.label) });
    }
  }
  issues.push(...checkRules(catalog, clean).filter((i) => !bad.has(i.path)));
  for (const f of catalog.fields) {
    const e = f.evidence;
    if (e.rule === 'none' || ctx.evidenceFields.has(f.code)) continue;
    if (e.rule === 'required' || clean[f.code] === true) {
      issues.push({
        path: f.code,
        code: 'evidence_required',
        message: fieldMessages.evidenceRequired(f.label, e.kind),
      });
    }
  }
  const order = new Map(catalog.fields.map((f, i) => [f.code, i]));
  const rank = (path: string) => order.get(path) ?? -1;
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => rank(a.issue.path) - rank(b.issue.path) || a.i - b.i)
    .map((x) => x.issue);
}

import { validateDraft } from '#shared/catalog/schema';
import type { Catalog, FieldValue, ReportValues } from '#shared/catalog/types';
import { checkRules } from '#shared/catalog/validate';
import { L } from '../i18n.ts';

/** What is on screen: catalog values, or the raw text of a number that does not parse yet. */
export type Entered = Record<string, FieldValue | string>;

export const present = (values: Entered): Entered => {
  const out: Entered = {};
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined) out[k] = v;
  return out;
};

export function sameEntries(a: Entered, b: Entered): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

const push = (map: Map<string, string[]>, key: string, text: string) =>
  map.set(key, [...(map.get(key) ?? []), text]);

/**
 * The API's own checks on what is typed: shape and bounds (errors, they keep a value from being saved) and
 * cross-field rules (warnings while typing; they only block submission).
 */
export function checkEntered(catalog: Catalog, values: Entered) {
  const entered = present(values);
  const draft = validateDraft(catalog, entered);
  const errors = new Map<string, string[]>();
  if (!draft.ok) for (const i of draft.issues) push(errors, i.path, L(i.message));
  const valid: Record<string, FieldValue> = {};
  for (const [k, v] of Object.entries(entered)) if (!errors.has(k)) valid[k] = v as FieldValue;
  const warnings = new Map<string, string[]>();
  for (const i of checkRules(catalog, valid)) push(warnings, i.path, L(i.message));
  return { valid: valid as ReportValues, errors, warnings };
}

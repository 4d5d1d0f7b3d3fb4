import * as z from 'zod/mini';
import type { core } from 'zod/mini';
import { unknownField, type FieldIssue } from '../contract/errors.ts';
import { expectedType, fieldMessages } from './messages.ts';
import type { Catalog, CatalogField, FieldValue, ReportValues } from './types.ts';

const DATE_TOO_EARLY = 'date_too_early';
const DATE_TOO_LATE = 'date_too_late';

// zod/mini rather than zod: every function that validates a draft carries this module, and the full package
// (its method-chaining classes and JSON Schema generator) was a tenth of their bundles and of their cold start.
type ZodType = z.ZodMiniType;

function valueSchema(f: CatalogField): ZodType {
  switch (f.type) {
    case 'integer':
      return z.int().check(z.minimum(f.min), z.maximum(f.max));
    case 'decimal':
    case 'percent':
      return z.number().check(z.minimum(f.min), z.maximum(f.max));
    case 'boolean':
      return z.boolean();
    case 'choice':
      return z.enum(f.choices.map((c) => c.value) as [string, ...string[]]);
    case 'text':
      // A blank string is not a value; clearing a field is null.
      return z.string().check(z.minLength(1), z.maxLength(f.maxLength));
    case 'date': {
      const { min, max } = f;
      // YYYY-MM-DD strings order as dates do, so bounds compare as strings.
      return z.iso.date({ abort: true }).check(
        z.refine((v) => min === undefined || v >= min, { params: { code: DATE_TOO_EARLY }, abort: true }),
        z.refine((v) => max === undefined || v <= max, { params: { code: DATE_TOO_LATE }, abort: true }),
      );
    }
  }
}

function meta(f: CatalogField): Record<string, unknown> {
  return {
    title: `${f.label.vi} / ${f.label.en}`,
    description: `${f.help.vi} / ${f.help.en}`,
    'x-section': f.section,
    'x-required-on-submit': f.required,
    ...('unit' in f && f.unit ? { 'x-unit': f.unit } : {}),
    ...(f.type === 'date' && f.min ? { formatMinimum: f.min } : {}),
    ...(f.type === 'date' && f.max ? { formatMaximum: f.max } : {}),
  };
}

// Pure: a bundle that never validates a draft drops this module.
const drafts = /* @__PURE__ */ new WeakMap<Catalog, ZodType>();

/** Strict; every field optional, null clears it; types and bounds from the catalog. Cached per catalog. */
export function draftSchema(catalog: Catalog): ZodType {
  let schema = drafts.get(catalog);
  if (!schema) {
    const shape: Record<string, ZodType> = {};
    for (const f of catalog.fields)
      shape[f.code] = z.optional(z.nullable(valueSchema(f))).register(z.globalRegistry, meta(f));
    schema = z.strictObject(shape);
    drafts.set(catalog, schema);
  }
  return schema;
}

/** JSON Schema (2020-12) of a draft body, for the OpenAPI document. */
export function catalogJsonSchema(catalog: Catalog): object {
  return z.toJSONSchema(draftSchema(catalog), { unrepresentable: 'any' });
}

function toFieldIssues(issue: core.$ZodIssue, byCode: ReadonlyMap<string, CatalogField>): FieldIssue[] {
  const [head] = issue.path;
  if (head === undefined) {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => unknownField(key, key, fieldMessages.unknownField(key)));
    }
    return [{ path: '', code: 'invalid_type', message: fieldMessages.notAnObject() }];
  }
  const path = String(head);
  const f = byCode.get(path);
  if (!f) return [unknownField(path, path, fieldMessages.unknownField(path))];
  const l = f.label;
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int'
        ? [{ path, code: 'not_integer', message: fieldMessages.notInteger(l) }]
        : [{ path, code: 'invalid_type', message: fieldMessages.wrongType(l, expectedType[f.type]) }];
    case 'too_small':
      return issue.origin === 'string'
        ? [{ path, code: 'blank', message: fieldMessages.empty(l) }]
        : [{ path, code: 'too_small', message: fieldMessages.tooSmall(l, Number(issue.minimum)) }];
    case 'too_big':
      return issue.origin === 'string'
        ? [{ path, code: 'too_long', message: fieldMessages.tooLong(l, Number(issue.maximum)) }]
        : [{ path, code: 'too_big', message: fieldMessages.tooBig(l, Number(issue.maximum)) }];
    case 'invalid_value':
      return [
        {
          path,
          code: 'invalid_choice',
          message: fieldMessages.invalidChoice(l, f.type === 'choice' ? f.choices.map((c) => c.label) : []),
        },
      ];
    case 'invalid_format':
      return [{ path, code: 'invalid_date', message: fieldMessages.invalidDate(l) }];
    case 'custom':
      if (f.type === 'date' && issue.params?.code === DATE_TOO_EARLY && f.min) {
        return [{ path, code: DATE_TOO_EARLY, message: fieldMessages.dateTooEarly(l, f.min) }];
      }
      if (f.type === 'date' && issue.params?.code === DATE_TOO_LATE && f.max) {
        return [{ path, code: DATE_TOO_LATE, message: fieldMessages.dateTooLate(l, f.max) }];
      }
      break;
  }
  return [{ path, code: 'invalid_type', message: fieldMessages.wrongType(l, expectedType[f.type]) }];
}

/** Shape check of a draft: types, bounds and unknown keys; nothing about completeness. */
export function validateDraft(
  catalog: Catalog,
  input: unknown,
): { ok: true; values: ReportValues } | { ok: false; issues: FieldIssue[] } {
  const parsed = draftSchema(catalog).safeParse(input);
  if (parsed.success) return { ok: true, values: parsed.data as Record<string, FieldValue> };
  const byCode = new Map(catalog.fields.map((f) => [f.code, f]));
  return { ok: false, issues: parsed.error.issues.flatMap((i) => toFieldIssues(i, byCode)) };
}

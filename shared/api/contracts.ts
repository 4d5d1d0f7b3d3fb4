import { array, enum as zEnum, object, optional, record, string, unknown as zUnknown } from 'zod';
import { COMMENT_VISIBILITIES, MAX_COMMENT_CHARS, MAX_COMMENTS_PER_REPORT } from '../domain/report.ts';
import { validateDraft, type Catalog, type FieldValue, type ReportValues } from '../catalog/index.ts';
import { periodSchema } from '../domain/period.ts';
import type { VerificationEntry } from '../domain/report.ts';
import type { FieldIssue } from '../contract/errors.ts';
import { unitListSchema } from '../unitSchema.ts';
import { bi } from '../contract/i18n.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

/*
 * Request bodies, one schema each. The report's own values come from the catalog (validateDraft); the
 * wrappers here only say which keys a caller may send at all.
 */
export const saveReportBody = object({ values: record(string(), zUnknown()) }).strict();
/** Who a comment is for: the unit (shown to it once the report is returned or accepted), or the auditors only. */
const visibility = zEnum(COMMENT_VISIBILITIES);
export const verificationBody = object({
  fields: record(
    string(),
    object({
      value: optional(zUnknown()),
      comment: string().min(1).max(MAX_COMMENT_CHARS).optional(),
      /** @default 'internal': a note made while verifying stays with the auditors unless marked for the unit. */
      visibility: visibility.optional(),
    }).strict(),
  ),
}).strict();
export const returnBody = object({
  comments: array(
    object({
      field: string().max(64).optional(),
      text: string().trim().min(1).max(MAX_COMMENT_CHARS),
      /** @default 'unit': what a return is for. */
      visibility: visibility.optional(),
    }).strict(),
  )
    .min(1)
    .max(MAX_COMMENTS_PER_REPORT),
}).strict();
export const acceptBody = object({
  comment: string().trim().min(1).max(MAX_COMMENT_CHARS).optional(),
  visibility: visibility.optional(),
}).strict();
export const periodBody = periodSchema;
export const unitsBody = object({ units: unitListSchema }).strict();

function prefixed(issues: readonly FieldIssue[], prefix: string): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: i.path ? `${prefix}.${i.path}` : prefix }));
}

/** A draft's values: the catalog's types, bounds and known fields. */
export function parseDraftValues(catalog: Catalog, body: unknown): ReportValues {
  const { values } = parseWith(saveReportBody, body);
  const checked = validateDraft(catalog, values);
  if (!checked.ok) throw invalidInput(prefixed(checked.issues, 'values'));
  return checked.values;
}

/** Verified values must be valid values of their catalog fields; comments are free text. */
export function parseVerification(catalog: Catalog, body: unknown): Record<string, VerificationEntry> {
  const { fields } = parseWith(verificationBody, body);
  const known = new Set(catalog.fields.map((f) => f.code));
  const issues: FieldIssue[] = [];
  const entries = Object.entries(fields);
  if (entries.length === 0) {
    issues.push({
      path: 'fields',
      code: 'too_small',
      message: bi('Cần ít nhất một trường', 'At least one field is needed'),
    });
  }
  const values: Record<string, unknown> = {};
  for (const [code, entry] of entries) {
    if (!known.has(code)) {
      issues.push({
        path: `fields.${code}`,
        code: 'unknown_field',
        message: bi(`Trường "${code}" không tồn tại`, `Unknown field "${code}"`),
      });
    } else if (entry.value === undefined && entry.comment === undefined) {
      issues.push({
        path: `fields.${code}`,
        code: 'empty',
        message: bi('Cần giá trị xác minh hoặc nhận xét', 'Needs a verified value or a comment'),
      });
    } else if (entry.value !== undefined) values[code] = entry.value;
  }
  const checked = validateDraft(catalog, values);
  if (!checked.ok) issues.push(...checked.issues.map((i) => ({ ...i, path: `fields.${i.path}.value` })));
  if (issues.length) throw invalidInput(issues);
  return fields as Record<string, VerificationEntry>;
}

export function parseReturn(catalog: Catalog, body: unknown) {
  const parsed = parseWith(returnBody, body);
  const known = new Set(catalog.fields.map((f) => f.code));
  const issues: FieldIssue[] = parsed.comments.flatMap((c, i) =>
    c.field !== undefined && !known.has(c.field)
      ? [
          {
            path: `comments.${i}.field`,
            code: 'unknown_field',
            message: bi(`Trường "${c.field}" không tồn tại`, `Unknown field "${c.field}"`),
          },
        ]
      : [],
  );
  if (issues.length) throw invalidInput(issues);
  return parsed.comments;
}

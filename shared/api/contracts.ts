import { validateDraft, type Catalog, type ReportValues } from '../catalog/index.ts';
import type { VerificationEntry } from '../domain/report.ts';
import { returnBody, saveReportBody, submitBody, verificationBody } from '../contract/reportBodies.ts';
import { unknownField, type FieldIssue } from '../contract/errors.ts';
import { bi } from '../contract/i18n.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

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
      issues.push(unknownField(`fields.${code}`, code));
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
    c.field !== undefined && !known.has(c.field) ? [unknownField(`comments.${i}.field`, c.field)] : [],
  );
  if (issues.length) throw invalidInput(issues);
  return parsed.comments;
}

/** The head of the agency who vouches for the submission. */
export function parseSubmission(body: unknown): { headName: string; headTitle: string } {
  const { head } = parseWith(submitBody, body ?? {});
  return { headName: head.name, headTitle: head.title };
}

import { validateDraft, type Catalog, type FieldValue } from '../catalog/index.ts';
import { unknownField, type FieldIssue } from '../contract/errors.ts';
import { bi } from '../contract/i18n.ts';
import { objectionAnswerBody, objectionBody } from '../contract/reviewBodies.ts';
import type { ObjectionInput } from '../domain/review.ts';
import type { ObjectionVerdict } from '../contract/statuses.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

/*
 * The bodies of the two-round review checked against the year's catalog: which fields an objection may name,
 * and that an upheld answer's value is a valid value of its field.
 */

export function parseObjections(catalog: Catalog, body: unknown): ObjectionInput[] {
  const { objections } = parseWith(objectionBody, body);
  const known = new Set(catalog.fields.map((f) => f.code));
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  objections.forEach((o, i) => {
    if (!known.has(o.field)) issues.push(unknownField(`objections.${i}.field`, o.field));
    else if (seen.has(o.field)) {
      issues.push({
        path: `objections.${i}.field`,
        code: 'duplicate',
        message: bi(
          `Chỉ tiêu "${o.field}" đã được giải trình ở trên`,
          `"${o.field}" is already objected to above`,
        ),
      });
    }
    seen.add(o.field);
  });
  if (issues.length) throw invalidInput(issues);
  return objections;
}

export function parseObjectionAnswer(
  catalog: Catalog,
  field: string,
  body: unknown,
): { verdict: ObjectionVerdict; value?: FieldValue; reason: string } {
  const { verdict, value, reason } = parseWith(objectionAnswerBody, body);
  if (verdict === 'dismissed') {
    if (value !== undefined) {
      throw invalidInput([
        {
          path: 'value',
          code: 'unexpected',
          message: bi(
            'Không chấp nhận giải trình thì không có giá trị mới',
            'A dismissed objection changes no value',
          ),
        },
      ]);
    }
    return { verdict, reason };
  }
  if (value === undefined) {
    throw invalidInput([
      {
        path: 'value',
        code: 'required',
        message: bi(
          'Chấp nhận giải trình cần giá trị chính thức mới',
          'An upheld objection needs the value it sets',
        ),
      },
    ]);
  }
  const checked = validateDraft(catalog, { [field]: value });
  if (!checked.ok) throw invalidInput(checked.issues.map((i) => ({ ...i, path: 'value' })));
  return { verdict, value: checked.values[field] ?? null, reason };
}

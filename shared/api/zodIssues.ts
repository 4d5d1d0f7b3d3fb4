import type { core } from 'zod';
import type { FieldIssue } from '../contract/errors.ts';
import { ValidationError } from '../errors.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';

/** Fields a caller may never set: the server owns them. */
export const SERVER_OWNED = new Set([
  'status',
  'unitId',
  'version',
  'verification',
  'year',
  'late',
  'submittedAt',
]);

function messageOf(issue: core.$ZodIssue): Bilingual {
  switch (issue.code) {
    case 'invalid_type':
      return bi(`Sai kiểu dữ liệu, cần ${issue.expected}`, `Expected ${issue.expected}`);
    case 'too_small':
      return bi(
        `Giá trị nhỏ hơn mức tối thiểu ${String(issue.minimum)}`,
        `Below the minimum of ${String(issue.minimum)}`,
      );
    case 'too_big':
      return bi(
        `Giá trị vượt mức tối đa ${String(issue.maximum)}`,
        `Above the maximum of ${String(issue.maximum)}`,
      );
    case 'invalid_format':
      return bi(`Sai định dạng (${issue.format})`, `Invalid format (${issue.format})`);
    case 'invalid_value':
      return bi('Giá trị không nằm trong danh sách cho phép', 'Not one of the allowed values');
    default:
      return bi('Giá trị không hợp lệ', 'Invalid value');
  }
}

/** zod issues as FieldIssues: one per field, unknown keys each named, server-owned fields called out. */
export function toFieldIssues(issues: readonly core.$ZodIssue[], prefix = ''): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const path = base ? `${base}.${key}` : key;
        out.push(
          SERVER_OWNED.has(key)
            ? {
                path,
                code: 'not_allowed',
                message: bi(`Không được tự đặt trường "${key}"`, `"${key}" cannot be set by the caller`),
              }
            : {
                path,
                code: 'unknown_field',
                message: bi(`Trường "${key}" không tồn tại`, `Unknown field "${key}"`),
              },
        );
      }
      continue;
    }
    out.push({ path: base, code: issue.code, message: messageOf(issue) });
  }
  return out;
}

export function invalidInput(issues: FieldIssue[]): ValidationError {
  return new ValidationError(bi('Dữ liệu gửi lên không hợp lệ.', 'The request is not valid.'), { issues });
}

/** What parseWith needs of a schema: classic zod and zod/mini schemas both have it. */
export interface Parser<T> {
  safeParse(
    input: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: core.$ZodIssue[] } };
}

/** Parses a body or parameter with its schema; failure is a 400 that lists every failing field. */
export function parseWith<T>(schema: Parser<T>, input: unknown, prefix = ''): T {
  if (input === undefined && prefix === '') {
    throw invalidInput([
      { path: '', code: 'required', message: bi('Thiếu nội dung yêu cầu', 'The request body is missing') },
    ]);
  }
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput(toFieldIssues(result.error.issues, prefix));
  return result.data;
}

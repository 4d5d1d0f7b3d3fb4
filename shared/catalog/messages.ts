import type { Bilingual } from '../contract/i18n.ts';
import type { CatalogField, CompareOp, Condition } from './types.ts';
import { lazy } from '../lazy.ts';

/* Every message names fields by their labels, in both languages; codes carry the meaning for programs. */

const viNumber = lazy(() => new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }));
const enNumber = lazy(() => new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }));

export const num = (n: number): Bilingual => ({ vi: viNumber().format(n), en: enNumber().format(n) });

const q = (s: string) => `“${s}”`;

/** A calendar date as people here write it, dd/mm/yyyy, from the `YYYY-MM-DD` the catalog and the wire carry. */
export const dayMonthYear = (ymd: string): string => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ymd;
};

/** Labels of the given codes, or the code itself for a code the catalog does not know. */
export type LabelOf = (code: string) => Bilingual;

export function labelLookup(fields: readonly CatalogField[]): LabelOf {
  const byCode = new Map(fields.map((f) => [f.code, f.label]));
  return (code) => byCode.get(code) ?? { vi: code, en: code };
}

function join(labels: readonly Bilingual[]): Bilingual {
  return {
    vi: labels.map((l) => q(l.vi)).join(' + '),
    en: labels.map((l) => q(l.en)).join(' + '),
  };
}

export const fieldMessages = {
  unknownField: (code: string): Bilingual => ({
    vi: `Trường ${q(code)} không có trong biểu mẫu năm này.`,
    en: `The field ${q(code)} is not part of this year’s form.`,
  }),
  notAnObject: (): Bilingual => ({
    vi: 'Nội dung báo cáo phải là một đối tượng JSON gồm các trường của biểu mẫu.',
    en: 'The report must be a JSON object keyed by the form’s field codes.',
  }),
  wrongType: (l: Bilingual, expected: Bilingual): Bilingual => ({
    vi: `${q(l.vi)} phải là ${expected.vi}.`,
    en: `${q(l.en)} must be ${expected.en}.`,
  }),
  notInteger: (l: Bilingual): Bilingual => ({
    vi: `${q(l.vi)} phải là số nguyên.`,
    en: `${q(l.en)} must be a whole number.`,
  }),
  tooSmall: (l: Bilingual, min: number): Bilingual => ({
    vi: `${q(l.vi)} không được nhỏ hơn ${num(min).vi}.`,
    en: `${q(l.en)} must be at least ${num(min).en}.`,
  }),
  tooBig: (l: Bilingual, max: number): Bilingual => ({
    vi: `${q(l.vi)} không được lớn hơn ${num(max).vi}.`,
    en: `${q(l.en)} must be at most ${num(max).en}.`,
  }),
  empty: (l: Bilingual): Bilingual => ({
    vi: `${q(l.vi)} không được để trống; hãy xóa giá trị (null) nếu chưa có.`,
    en: `${q(l.en)} must not be blank; clear it (null) if not known yet.`,
  }),
  tooLong: (l: Bilingual, max: number): Bilingual => ({
    vi: `${q(l.vi)} dài tối đa ${num(max).vi} ký tự.`,
    en: `${q(l.en)} may be at most ${num(max).en} characters long.`,
  }),
  invalidChoice: (l: Bilingual, choices: readonly Bilingual[]): Bilingual => ({
    vi: `${q(l.vi)} phải là một trong các lựa chọn: ${choices.map((c) => q(c.vi)).join(', ')}.`,
    en: `${q(l.en)} must be one of: ${choices.map((c) => q(c.en)).join(', ')}.`,
  }),
  invalidDate: (l: Bilingual): Bilingual => ({
    vi: `${q(l.vi)} phải là ngày hợp lệ dạng YYYY-MM-DD.`,
    en: `${q(l.en)} must be a valid date as YYYY-MM-DD.`,
  }),
  dateTooEarly: (l: Bilingual, min: string): Bilingual => ({
    vi: `${q(l.vi)} không được trước ngày ${dayMonthYear(min)}.`,
    en: `${q(l.en)} must not be before ${dayMonthYear(min)}.`,
  }),
  dateTooLate: (l: Bilingual, max: string): Bilingual => ({
    vi: `${q(l.vi)} không được sau ngày ${dayMonthYear(max)}.`,
    en: `${q(l.en)} must not be after ${dayMonthYear(max)}.`,
  }),
  required: (l: Bilingual): Bilingual => ({
    vi: `${q(l.vi)} là bắt buộc khi nộp báo cáo.`,
    en: `${q(l.en)} is required to submit the report.`,
  }),
  evidenceRequired: (l: Bilingual, kind: Bilingual): Bilingual => ({
    vi: `${q(l.vi)} cần tài liệu kiểm chứng đã được xác minh: ${kind.vi}.`,
    en: `${q(l.en)} needs a verified evidence document: ${kind.en}.`,
  }),
};

export const expectedType: Record<CatalogField['type'], Bilingual> = {
  integer: { vi: 'một số nguyên', en: 'a whole number' },
  decimal: { vi: 'một số', en: 'a number' },
  percent: { vi: 'một tỷ lệ phần trăm (0–100)', en: 'a percentage (0–100)' },
  boolean: { vi: 'Có hoặc Không (true/false)', en: 'yes or no (true/false)' },
  choice: { vi: 'một lựa chọn trong danh sách', en: 'one of the listed choices' },
  text: { vi: 'văn bản', en: 'text' },
  date: { vi: 'một ngày dạng YYYY-MM-DD', en: 'a date as YYYY-MM-DD' },
};

const opText: Record<CompareOp, Bilingual> = {
  '<=': { vi: 'không được lớn hơn', en: 'must not exceed' },
  '<': { vi: 'phải nhỏ hơn', en: 'must be less than' },
  '>=': { vi: 'không được nhỏ hơn', en: 'must not be less than' },
  '>': { vi: 'phải lớn hơn', en: 'must be greater than' },
  '=': { vi: 'phải bằng', en: 'must equal' },
};

export function compareMessage(
  left: readonly Bilingual[],
  op: CompareOp,
  right: readonly Bilingual[],
  got: { left: number; right: number },
): Bilingual {
  const l = join(left);
  const r = join(right);
  return {
    vi: `${l.vi} ${opText[op].vi} ${r.vi} (đang là ${num(got.left).vi} so với ${num(got.right).vi}).`,
    en: `${l.en} ${opText[op].en} ${r.en} (now ${num(got.left).en} against ${num(got.right).en}).`,
  };
}

export function conditionText(c: Condition, label: Bilingual, valueText: Bilingual): Bilingual {
  switch (c.op) {
    case 'eq':
      return { vi: `${q(label.vi)} là ${valueText.vi}`, en: `${q(label.en)} is ${valueText.en}` };
    case 'ne':
      return { vi: `${q(label.vi)} khác ${valueText.vi}`, en: `${q(label.en)} is not ${valueText.en}` };
    case 'gt':
      return { vi: `${q(label.vi)} lớn hơn ${valueText.vi}`, en: `${q(label.en)} is over ${valueText.en}` };
  }
}

export function requiredIfMessage(field: Bilingual, condition: Bilingual): Bilingual {
  return {
    vi: `Phải nhập ${q(field.vi)} khi ${condition.vi}.`,
    en: `${q(field.en)} is required when ${condition.en}.`,
  };
}

export const yesNoText = (v: boolean): Bilingual => (v ? { vi: 'Có', en: 'yes' } : { vi: 'Không', en: 'no' });

import { ISO_DATE_PATTERN, UNIT_ID_PATTERN } from '../hierarchy.ts';
import { AUDIT_ACTIONS } from './auditActions.ts';
import type { Bilingual } from './i18n.ts';

/** A stored version's entity tag (`"v3"`): sent back as If-Match, it says which version a change was made on. */
export const etagOf = (version: number): string => `"v${version}"`;

/*
 * What a path (or query) parameter may be. Route rows declare theirs with these; the server parses with them
 * (shared/api/params.ts) and the OpenAPI document describes them, so the two cannot disagree.
 */
export interface IntegerParam {
  readonly type: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
  readonly label: Bilingual;
  /** The issue code for text that is not a whole number. */
  readonly malformed: string;
}

export interface StringParam {
  readonly type: 'string';
  readonly pattern: RegExp;
  readonly label: Bilingual;
}

export type ParamSchema = IntegerParam | StringParam;
export type ParamValue<S extends ParamSchema> = S extends IntegerParam ? number : string;
export type ParamValues<P extends Readonly<Record<string, ParamSchema>>> = {
  readonly [K in keyof P]: ParamValue<P[K]>;
};

/** A year that can be reported on; a year with no catalog is then 404. */
export const REPORTING_YEAR: IntegerParam = {
  type: 'integer',
  minimum: 2000,
  maximum: 2100,
  label: { vi: 'Năm báo cáo', en: 'reporting year' },
  malformed: 'invalid_year',
};

/** Any whole year: the catalog answers 404, naming the years it has, for one it does not know. */
export const CATALOG_YEAR: IntegerParam = {
  type: 'integer',
  label: { vi: 'Năm', en: 'year' },
  malformed: 'invalid_year',
};

export const VERSION: IntegerParam = {
  type: 'integer',
  minimum: 1,
  maximum: 1_000_000,
  label: { vi: 'Số phiên bản', en: 'version number' },
  malformed: 'invalid_format',
};

export const UNIT_ID: StringParam = {
  type: 'string',
  pattern: UNIT_ID_PATTERN,
  label: { vi: 'Mã đơn vị', en: 'unit id' },
};

/** A calendar day, `YYYY-MM-DD` (its reality, no 30 February, is checked where it is used). */
export const DAY: StringParam = {
  type: 'string',
  pattern: ISO_DATE_PATTERN,
  label: { vi: 'Ngày (YYYY-MM-DD)', en: 'day (YYYY-MM-DD)' },
};

/** A field code of the catalog (its snake_case key); whether the year's catalog has it is checked on use. */
export const FIELD_CODE: StringParam = {
  type: 'string',
  pattern: /^[a-z][a-z0-9_]{0,63}$/,
  label: { vi: 'Mã chỉ tiêu', en: 'field code' },
};

export const EVIDENCE_ID: StringParam = {
  type: 'string',
  pattern: /^[A-Za-z0-9_-]{8,64}$/,
  label: { vi: 'Mã tài liệu kiểm chứng', en: 'evidence id' },
};

/*
 * GET /audit's filters and its page. PROVINCE_SCOPE is the unit id of the province's own chains (admin actions
 * about no single unit: a period, a target set, a rollup), which no unit id can equal.
 */
export const PROVINCE_SCOPE = '*';
/** A page of the log is at most this many entries: about 0.7 KB each, so a page stays far below 1 MB. */
export const MAX_AUDIT_PAGE = 500;
export const DEFAULT_AUDIT_PAGE = 100;

export const AUDIT_SCOPE: StringParam = {
  type: 'string',
  pattern: new RegExp(`^(\\*|${UNIT_ID_PATTERN.source.slice(1, -1)})$`),
  label: { vi: 'Mã đơn vị (hoặc * cho cấp tỉnh)', en: 'unit id (or * for the province)' },
};

/** One of the actions the log records (contract/auditActions.ts): any other filter could only match nothing. */
export const AUDIT_ACTION: StringParam = {
  type: 'string',
  pattern: new RegExp(`^(${AUDIT_ACTIONS.map((a) => a.replace(/\./g, '\\.')).join('|')})$`),
  label: { vi: 'Thao tác (ví dụ review.accept)', en: 'action (e.g. review.accept)' },
};

export const AUDIT_ACTOR: StringParam = {
  type: 'string',
  pattern: /^[\w.@:|+-]{1,128}$/,
  label: { vi: 'Người thực hiện (sub)', en: 'actor (sub)' },
};

/** An ISO 8601 instant with its offset: `2025-03-01T00:00:00+07:00`. */
export const INSTANT: StringParam = {
  type: 'string',
  pattern: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/,
  label: { vi: 'Thời điểm (ISO 8601, có múi giờ)', en: 'instant (ISO 8601, with offset)' },
};

export const AUDIT_PAGE_LIMIT: IntegerParam = {
  type: 'integer',
  minimum: 1,
  maximum: MAX_AUDIT_PAGE,
  label: { vi: 'Số mục một trang', en: 'entries per page' },
  malformed: 'invalid_format',
};

/** A page cursor as the API gave it out (base64url). */
export const PAGE_CURSOR: StringParam = {
  type: 'string',
  pattern: /^[A-Za-z0-9_-]{1,2048}$/,
  label: { vi: 'Con trỏ trang', en: 'page cursor' },
};

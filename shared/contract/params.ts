import { ISO_DATE_PATTERN, UNIT_ID_PATTERN } from '../hierarchy.ts';
import type { Bilingual } from './i18n.ts';

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

export const EVIDENCE_ID: StringParam = {
  type: 'string',
  pattern: /^[A-Za-z0-9_-]{8,64}$/,
  label: { vi: 'Mã tài liệu kiểm chứng', en: 'evidence id' },
};

import { DISPLAY_STATUSES } from './statuses.ts';
import { DAY, UNIT_ID, type IntegerParam, type StringParam } from './params.ts';

/**
 * How the auditors' list of units may be ordered and narrowed: the query of GET /review/{year}/reports. The
 * server sorts and filters (shared/domain/completeness.ts); the page builds its links and headers from these.
 */
export const REVIEW_SORT_KEYS = ['name', 'code', 'level', 'parent', 'status', 'submittedAt'] as const;
export type ReviewSortKey = (typeof REVIEW_SORT_KEYS)[number];

export interface ReviewSort {
  readonly key: ReviewSortKey;
  readonly descending: boolean;
}

/** The list's order when none is asked for: by level, highest first, then by name. */
export const DEFAULT_REVIEW_SORT: ReviewSort = { key: 'level', descending: false };

/** `name` ascending, `-submittedAt` descending: the `sort` query parameter. */
export const sortParam = (s: ReviewSort): string => `${s.descending ? '-' : ''}${s.key}`;

export function parseSortParam(raw: string | null | undefined): ReviewSort | undefined {
  if (!raw) return undefined;
  const descending = raw.startsWith('-');
  const key = descending ? raw.slice(1) : raw;
  return (REVIEW_SORT_KEYS as readonly string[]).includes(key)
    ? { key: key as ReviewSortKey, descending }
    : undefined;
}

/** The name search's longest text. */
export const REVIEW_NAME_QUERY_MAX = 100;

const oneOf = (xs: readonly string[]) => `(?:${xs.join('|')})`;

/** The query of GET /review/{year}/reports, as the route row declares it (OpenAPI and the server read it). */
export const REVIEW_LIST_QUERY = {
  status: {
    type: 'string',
    pattern: new RegExp(`^${oneOf(DISPLAY_STATUSES)}(?:,${oneOf(DISPLAY_STATUSES)})*$`),
    label: { vi: 'Trạng thái, cách nhau bởi dấu phẩy', en: 'statuses, comma-separated' },
  },
  unit: {
    ...UNIT_ID,
    label: { vi: 'Đơn vị và các đơn vị trực thuộc', en: 'a unit and every unit below it' },
  },
  level: { type: 'string', pattern: /^[a-z0-9][a-z0-9-]{1,31}$/, label: { vi: 'Cấp', en: 'level' } },
  parent: {
    ...UNIT_ID,
    label: { vi: 'Đơn vị cấp trên trực tiếp', en: 'direct parent unit' },
  },
  name: {
    type: 'string',
    pattern: new RegExp(`^\\P{Cc}{1,${REVIEW_NAME_QUERY_MAX}}$`, 'u'),
    label: { vi: 'Tên hoặc mã đơn vị (không phân biệt dấu)', en: 'unit name or code (diacritics ignored)' },
  },
  submittedFrom: {
    ...DAY,
    label: {
      vi: 'Nộp từ ngày (YYYY-MM-DD, giờ Việt Nam)',
      en: 'submitted on or after (YYYY-MM-DD, Vietnam)',
    },
  },
  submittedTo: {
    ...DAY,
    label: {
      vi: 'Nộp đến ngày (YYYY-MM-DD, giờ Việt Nam)',
      en: 'submitted on or before (YYYY-MM-DD, Vietnam)',
    },
  },
  sort: {
    type: 'string',
    pattern: new RegExp(`^-?${oneOf(REVIEW_SORT_KEYS)}$`),
    label: { vi: 'Sắp xếp theo (dấu - để giảm dần)', en: 'sort by (a leading - for descending)' },
  },
  cursor: {
    type: 'string',
    pattern: /^[A-Za-z0-9_-]{1,1200}$/,
    label: { vi: 'Con trỏ trang sau', en: 'next page cursor' },
  },
  limit: {
    type: 'integer',
    minimum: 1,
    maximum: 200,
    label: { vi: 'Số đơn vị mỗi trang', en: 'units per page' },
    malformed: 'invalid_format',
  },
} as const satisfies Record<string, StringParam | IntegerParam>;

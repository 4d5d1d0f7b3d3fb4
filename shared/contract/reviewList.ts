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

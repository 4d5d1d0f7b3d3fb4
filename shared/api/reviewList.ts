import { bi } from '../contract/i18n.ts';
import { DISPLAY_STATUSES, type DisplayStatus } from '../contract/statuses.ts';
import { DEFAULT_REVIEW_SORT, parseSortParam, type ReviewSort } from '../contract/reviewList.ts';
import { routeById } from '../contract/routes.ts';
import type { SortKey } from '../domain/completeness.ts';
import { isIsoDate } from '../hierarchy.ts';
import type { PublicRequest } from '../http/types.ts';
import { queryParams } from './params.ts';
import { invalidInput } from './zodIssues.ts';

const route = routeById('listReviewReports');
const DEFAULT_LIMIT = 50;

/** A page's last key, as the cursor carries it (base64url JSON): [sorted value, name, unit id]. */
function decodeCursor(raw: string): SortKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  const ok =
    Array.isArray(key) &&
    key.length === 3 &&
    (key[0] === null || typeof key[0] === 'string' || Number.isFinite(key[0])) &&
    typeof key[1] === 'string' &&
    typeof key[2] === 'string';
  if (!ok) {
    throw invalidInput([
      {
        path: 'query.cursor',
        code: 'invalid_format',
        message: bi('Con trỏ trang không hợp lệ', 'Not a cursor this list gave'),
      },
    ]);
  }
  return key as unknown as SortKey;
}

const realDay = (name: string, day: string | undefined): string | undefined => {
  if (day === undefined || isIsoDate(day)) return day;
  throw invalidInput([
    { path: `query.${name}`, code: 'invalid_format', message: bi('Ngày không có thật', 'Not a real day') },
  ]);
};

/** The list's query, parsed from the route row's declaration (shared/contract/reviewList.ts). */
export function reviewListQuery(req: PublicRequest) {
  const q = queryParams(route, req.query) as Partial<Record<string, string>> & { limit?: number };
  const statuses = (q.status?.split(',') ?? []).filter((s): s is DisplayStatus =>
    (DISPLAY_STATUSES as readonly string[]).includes(s),
  );
  const name = q.name?.trim();
  const submittedFrom = realDay('submittedFrom', q.submittedFrom);
  const submittedTo = realDay('submittedTo', q.submittedTo);
  const sort: ReviewSort = parseSortParam(q.sort) ?? DEFAULT_REVIEW_SORT;
  return {
    statuses,
    ...(q.unit ? { within: q.unit } : {}),
    ...(q.level ? { level: q.level } : {}),
    ...(q.parent ? { parent: q.parent } : {}),
    ...(name ? { name } : {}),
    ...(submittedFrom ? { submittedFrom } : {}),
    ...(submittedTo ? { submittedTo } : {}),
    sort,
    cursor: q.cursor ? decodeCursor(q.cursor) : undefined,
    limit: q.limit ?? DEFAULT_LIMIT,
  };
}

export const encodeCursor = (key: SortKey | null): string | null =>
  key === null ? null : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

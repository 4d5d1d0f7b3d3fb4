import { array, coerce, enum as zEnum, object, string, tuple, union, null as zNull, number } from 'zod';
import { DISPLAY_STATUSES } from '../contract/statuses.ts';
import {
  DEFAULT_REVIEW_SORT,
  REVIEW_NAME_QUERY_MAX,
  REVIEW_SORT_KEYS,
  parseSortParam,
  type ReviewSort,
} from '../contract/reviewList.ts';
import type { SortKey } from '../domain/completeness.ts';
import { isIsoDate, UNIT_ID_PATTERN } from '../hierarchy.ts';
import type { PublicRequest } from '../http/types.ts';
import { parseWith } from './zodIssues.ts';

const SORTS = REVIEW_SORT_KEYS.flatMap((k) => [k, `-${k}`]) as [string, ...string[]];

/** A page's last key, as the cursor carries it (base64url JSON). */
const cursorKey = tuple([union([string().max(400), number(), zNull()]), string().max(400), string().max(64)]);

const day = string().refine(isIsoDate, { message: 'YYYY-MM-DD' });

const querySchema = object({
  status: string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : []))
    .pipe(array(zEnum(DISPLAY_STATUSES))),
  unit: string().regex(UNIT_ID_PATTERN).optional(),
  level: string().max(32).optional(),
  parent: string().regex(UNIT_ID_PATTERN).optional(),
  name: string().max(REVIEW_NAME_QUERY_MAX).optional(),
  submittedFrom: day.optional(),
  submittedTo: day.optional(),
  sort: zEnum(SORTS).optional(),
  cursor: string()
    .max(1200)
    .optional()
    .transform((c, ctx) => {
      if (!c) return undefined;
      try {
        return cursorKey.parse(JSON.parse(Buffer.from(c, 'base64url').toString('utf8'))) as SortKey;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'cursor' });
        return undefined;
      }
    }),
  limit: coerce.number().int().min(1).max(200).default(50),
}).strict();

export function reviewListQuery(req: PublicRequest) {
  const q = parseWith(querySchema, req.query, 'query');
  const sort: ReviewSort = parseSortParam(q.sort) ?? DEFAULT_REVIEW_SORT;
  return {
    statuses: q.status,
    ...(q.unit ? { within: q.unit } : {}),
    ...(q.level ? { level: q.level } : {}),
    ...(q.parent ? { parent: q.parent } : {}),
    ...(q.name?.trim() ? { name: q.name.trim() } : {}),
    ...(q.submittedFrom ? { submittedFrom: q.submittedFrom } : {}),
    ...(q.submittedTo ? { submittedTo: q.submittedTo } : {}),
    sort,
    cursor: q.cursor,
    limit: q.limit,
  };
}

export const encodeCursor = (key: SortKey | null): string | null =>
  key === null ? null : Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

import { array, coerce, enum as zEnum, object, string } from 'zod';
import { DISPLAY_STATUSES } from '../contract/statuses.ts';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import type { PublicRequest } from '../http/types.ts';
import { parseWith } from './zodIssues.ts';

const querySchema = object({
  status: string()
    .optional()
    .transform((s) => (s ? s.split(',').map((x) => x.trim()) : []))
    .pipe(array(zEnum(DISPLAY_STATUSES))),
  unit: string().regex(UNIT_ID_PATTERN).optional(),
  level: string().max(32).optional(),
  parent: string().regex(UNIT_ID_PATTERN).optional(),
  cursor: string()
    .max(200)
    .optional()
    .transform((c) => (c ? Buffer.from(c, 'base64url').toString('utf8') : undefined)),
  limit: coerce.number().int().min(1).max(200).default(50),
}).strict();

export function reviewListQuery(req: PublicRequest) {
  const q = parseWith(querySchema, req.query, 'query');
  return {
    statuses: q.status,
    ...(q.unit ? { within: q.unit } : {}),
    ...(q.level ? { level: q.level } : {}),
    ...(q.parent ? { parent: q.parent } : {}),
    cursor: q.cursor,
    limit: q.limit,
  };
}

export const encodeCursor = (unitId: string | null): string | null =>
  unitId === null ? null : Buffer.from(unitId, 'utf8').toString('base64url');

import { coerce, iso, object } from 'zod';
import type { IsoDate } from '../hierarchy.ts';
import { bi } from '../contract/i18n.ts';
import { REPORTING_YEARS } from '../contract/years.ts';
import type { PublicRequest } from '../http/types.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

const querySchema = object({
  asOf: iso.date().optional(),
  year: coerce.number().int().min(REPORTING_YEARS.min).max(REPORTING_YEARS.max).optional(),
}).strict();

/** `?asOf=YYYY-MM-DD` (the hierarchy of a day), `?year=YYYY` (of a reporting year), or neither (all of it). */
export function hierarchyQuery(req: PublicRequest): { asOf?: IsoDate; year?: number } {
  const q = parseWith(querySchema, req.query, 'query');
  if (q.asOf !== undefined && q.year !== undefined) {
    throw invalidInput([
      {
        path: 'query.year',
        code: 'conflict',
        message: bi('Chỉ dùng một trong hai: asOf hoặc year', 'Give asOf or year, not both'),
      },
    ]);
  }
  return {
    ...(q.asOf !== undefined ? { asOf: q.asOf } : {}),
    ...(q.year !== undefined ? { year: q.year } : {}),
  };
}

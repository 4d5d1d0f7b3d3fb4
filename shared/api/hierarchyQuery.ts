import { bi } from '../contract/i18n.ts';
import { routeById } from '../contract/routes.ts';
import { isIsoDate, type IsoDate } from '../hierarchy.ts';
import type { PublicRequest } from '../http/types.ts';
import { queryParams } from './params.ts';
import { invalidInput } from './zodIssues.ts';

const route = routeById('listUnits');

/** `?asOf=YYYY-MM-DD` (the hierarchy of a day), `?year=YYYY` (of a reporting year), or neither (all of it). */
export function hierarchyQuery(req: PublicRequest): { asOf?: IsoDate; year?: number } {
  const { asOf, year } = queryParams(route, req.query) as { asOf?: string; year?: number };
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw invalidInput([
      { path: 'query.asOf', code: 'invalid_format', message: bi('Ngày không có thật', 'Not a real day') },
    ]);
  }
  if (asOf !== undefined && year !== undefined) {
    throw invalidInput([
      {
        path: 'query.year',
        code: 'conflict',
        message: bi('Chỉ dùng một trong hai: asOf hoặc year', 'Give asOf or year, not both'),
      },
    ]);
  }
  return { ...(asOf !== undefined ? { asOf } : {}), ...(year !== undefined ? { year } : {}) };
}

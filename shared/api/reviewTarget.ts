import type { Catalog } from '../catalog/index.ts';
import type { Period } from '../domain/period.ts';
import { NotFoundError } from '../errors.ts';
import type { AuthedRequest } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { getPeriod } from '../store/periods.ts';
import { getUnit } from '../store/units.ts';
import { reportingYear, unitParam } from './params.ts';

/** The unit and year an auditor's request is about; an unknown unit is 404. */
export async function reviewTarget(
  req: AuthedRequest,
): Promise<{ year: number; unitId: string; catalog: Catalog; period: Period }> {
  const { year, catalog } = reportingYear(req);
  const unitId = unitParam(req);
  const [unit, period] = await Promise.all([getUnit(unitId), getPeriod(year)]);
  if (!unit) {
    throw new NotFoundError(bi(`Không có đơn vị "${unitId}".`, `There is no unit "${unitId}".`), {
      code: 'UNIT_NOT_FOUND',
    });
  }
  return { year, unitId, catalog, period };
}

import type { Catalog } from '../catalog/index.ts';
import type { Period } from '../domain/period.ts';
import { NotFoundError } from '../errors.ts';
import type { AuthedRequest } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { getPeriod } from '../store/periods.ts';
import { getUnit } from '../store/units.ts';
import { reportingYear } from './params.ts';
import { CODE } from '../contract/errors.ts';

/** The unit and year an auditor's request is about; an unknown unit is 404. */
export async function reviewTarget(
  req: AuthedRequest & { readonly path: { readonly year: number; readonly unitId: string } },
): Promise<{ year: number; unitId: string; catalog: Catalog; period: Period }> {
  const { year, catalog } = reportingYear(req);
  const { unitId } = req.path;
  const [unit, period] = await Promise.all([getUnit(unitId), getPeriod(year)]);
  if (!unit) {
    throw new NotFoundError(bi(`Không có đơn vị "${unitId}".`, `There is no unit "${unitId}".`), {
      code: CODE.UNIT_NOT_FOUND,
    });
  }
  return { year, unitId, catalog, period };
}

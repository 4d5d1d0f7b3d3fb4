import type { MiddlewareObj } from '@middy/core';
import { CODE } from '../contract/errors.ts';
import { bi } from '../contract/i18n.ts';
import { REPORTING_YEAR } from '../contract/params.ts';
import { hierarchyDayOf, inYearHierarchy } from '../domain/yearHierarchy.ts';
import { ForbiddenError } from '../errors.ts';
import { isValidOn, vietnamDay } from '../hierarchy.ts';
import { getPeriod } from '../store/periods.ts';
import { getUnitForToken } from '../store/units.ts';
import type { ApiContext } from './requestParts.ts';
import type { ApiEvent, ApiResponse } from './types.ts';

/**
 * An agency acts for the unit its token names, so that unit must exist and be valid today, and a request
 * about a reporting year must come from a unit of that year's hierarchy. Otherwise 403 before any handler
 * runs, on every route: nothing is read for it and nothing is written. A retired unit's users get new
 * accounts for the successor (docs/hierarchy.md).
 */
export function agencyUnit(): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    before: async (request) => {
      const caller = request.context.caller;
      if (caller?.role !== 'agency' || !caller.unitId) return;
      const unitId = caller.unitId;
      const unit = await getUnitForToken(unitId);
      if (!unit) {
        throw new ForbiddenError(
          bi(
            `Tài khoản gắn với đơn vị "${unitId}", nhưng không có đơn vị này trong danh mục.`,
            `The account is for the unit "${unitId}", which is not in the list of units.`,
          ),
          { code: CODE.UNIT_UNKNOWN },
        );
      }
      const today = vietnamDay(new Date());
      if (!isValidOn(unit, today)) {
        throw new ForbiddenError(
          unit.validTo !== undefined && unit.validTo < today
            ? bi(
                `Đơn vị "${unit.name.vi}" đã kết thúc hoạt động ngày ${unit.validTo}; hãy dùng tài khoản của đơn vị kế tục.`,
                `The unit "${unit.name.en}" ceased on ${unit.validTo}; use an account of its successor.`,
              )
            : bi(
                `Đơn vị "${unit.name.vi}" chỉ bắt đầu hoạt động từ ngày ${unit.validFrom}.`,
                `The unit "${unit.name.en}" only begins on ${unit.validFrom}.`,
              ),
          { code: CODE.UNIT_NOT_VALID },
        );
      }
      // A year the parameter rules refuse is the handler's 400, not this 403.
      const param = request.event.pathParameters?.year ?? '';
      const year = Number(param);
      const { minimum = -Infinity, maximum = Infinity } = REPORTING_YEAR;
      if (!/^\d{4}$/.test(param) || year < minimum || year > maximum) return;
      const day = hierarchyDayOf(await getPeriod(year));
      if (!inYearHierarchy(unit, day)) {
        throw new ForbiddenError(
          bi(
            `Đơn vị "${unit.name.vi}" không thuộc danh mục đơn vị của năm ${year} (ngày ${day}), nên không báo cáo năm đó.`,
            `The unit "${unit.name.en}" is not in the ${year} hierarchy (of ${day}), so it does not report for that year.`,
          ),
          { code: CODE.UNIT_NOT_IN_YEAR },
        );
      }
    },
  };
}

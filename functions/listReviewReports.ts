import { encodeCursor, reviewListQuery } from '#shared/api/reviewList';
import { reportingYear } from '#shared/api/params';
import { countStatuses, filterUnits, pageOf, unitStatuses } from '#shared/domain/completeness';
import { deadlineFor } from '#shared/domain/period';
import { hierarchyDayOf, inYearHierarchy } from '#shared/domain/yearHierarchy';
import { apiHandler } from '#shared/http/apiHandler';
import { getPeriod } from '#shared/store/periods';
import { yearSummaries } from '#shared/store/reports';
import { listUnits } from '#shared/store/units';

export const handler = apiHandler('listReviewReports', async (req) => {
  const { year } = reportingYear(req);
  const query = reviewListQuery(req);
  const [everUnits, summaries, period] = await Promise.all([
    listUnits(),
    yearSummaries(year),
    getPeriod(year),
  ]);
  // The year's own hierarchy: who is expected, and under which parent (domain/yearHierarchy.ts).
  const day = hierarchyDayOf(period);
  const units = everUnits.filter((u) => inYearHierarchy(u, day));
  const all = unitStatuses(units, summaries, (unitId) => deadlineFor(period, unitId), req.receivedAt);
  const inScope = filterUnits(all, units, { ...query, statuses: [] });
  const { items, nextCursor } = pageOf(filterUnits(inScope, units, query), query.cursor, query.limit);
  return {
    body: {
      year,
      deadline: period.deadline,
      counts: countStatuses(inScope),
      items,
      nextCursor: encodeCursor(nextCursor),
    },
  };
});

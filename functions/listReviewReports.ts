import { encodeCursor, reviewListQuery } from '#shared/api/reviewList';
import { reportingYear } from '#shared/api/params';
import { yearStatuses } from '#shared/api/yearStatuses';
import { compareSortKeys, countStatuses, filterUnits, pageOf, sortUnits } from '#shared/domain/completeness';
import { apiHandler } from '#shared/http/apiHandler';
import { getHierarchyHead } from '#shared/store/units';

export const handler = apiHandler('listReviewReports', async (req) => {
  const { year } = reportingYear(req);
  const query = reviewListQuery(req);
  const [{ period, units, statuses: all }, head] = await Promise.all([
    yearStatuses(year, req.receivedAt),
    getHierarchyHead(),
  ]);
  // The counts are the scope's (level, parent, unit); the status, name and date filters narrow the rows only.
  const inScope = filterUnits(all, units, {
    ...(query.within ? { within: query.within } : {}),
    ...(query.level ? { level: query.level } : {}),
    ...(query.parent ? { parent: query.parent } : {}),
  });
  const ranks = new Map(head.levels.map((l) => [l.id, l.rank]));
  const byId = new Map(units.map((u) => [u.id, u]));
  const sorted = sortUnits(filterUnits(inScope, units, query), query.sort, {
    levelRank: (id) => ranks.get(id) ?? Number.MAX_SAFE_INTEGER,
    nameOf: (id) => byId.get(id)?.name.vi,
  });
  const page = pageOf(
    sorted.map((s) => ({ ...s, unitId: s.row.unitId })),
    query.cursor,
    query.limit,
    (s) => s.key,
    compareSortKeys(query.sort),
  );
  const items = page.items.map((s) => s.row);
  const nextCursor = page.nextCursor;
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

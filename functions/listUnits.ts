import { hierarchyQuery } from '#shared/api/hierarchyQuery';
import { hierarchyDayOf } from '#shared/domain/yearHierarchy';
import { isValidOn, levelsOn } from '#shared/hierarchy';
import { apiHandler } from '#shared/http/apiHandler';
import { getPeriod } from '#shared/store/periods';
import { getHierarchyHead, listUnits } from '#shared/store/units';

/** The hierarchy through time, or as it was on a day (`asOf`) or in a reporting year (`year`). */
export const handler = apiHandler('listUnits', async (req) => {
  const query = hierarchyQuery(req);
  const [head, units] = await Promise.all([getHierarchyHead(), listUnits()]);
  const day = query.year !== undefined ? hierarchyDayOf(await getPeriod(query.year)) : query.asOf;
  if (day === undefined) return { body: { levels: head.levels, units } };
  return {
    body: {
      ...(query.year !== undefined ? { year: query.year } : {}),
      asOf: day,
      levels: levelsOn(head.levels, day),
      units: units.filter((u) => isValidOn(u, day)),
    },
  };
});

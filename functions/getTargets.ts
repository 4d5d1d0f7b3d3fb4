import { reportingYear } from '#shared/api/params';
import { currentTargetSet, targetSetView } from '#shared/api/targetSets';
import { apiHandler } from '#shared/http/apiHandler';

export const handler = apiHandler('getTargets', async (req) => {
  const { year, catalog } = reportingYear(req);
  return { body: targetSetView(await currentTargetSet(year, catalog)) };
});

import { reportingYear } from '#shared/api/params';
import { targetSetBody } from '#shared/contract/bodies';
import { changeTargetSet } from '#shared/api/targetSets';
import { parseWith } from '#shared/api/zodIssues';
import { apiHandler } from '#shared/http/apiHandler';

/** A new, audited version of the year's targets, weights and bands; the next rollup scores with it. */
export const handler = apiHandler('putTargets', async (req) => {
  const { year, catalog } = reportingYear(req);
  return changeTargetSet(req, year, catalog, parseWith(targetSetBody, req.body));
});

import { ownUnit, reportingYear } from '#shared/api/params';
import { revisionResult } from '#shared/api/versions';
import { apiHandler } from '#shared/http/apiHandler';

export const handler = apiHandler('getMyReportVersion', async (req) =>
  revisionResult(reportingYear(req).year, ownUnit(req), req.path.n, 'unit'),
);

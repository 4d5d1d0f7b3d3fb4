import { reportingYear } from '#shared/api/params';
import { revisionResult } from '#shared/api/versions';
import { apiHandler } from '#shared/http/apiHandler';

export const handler = apiHandler('getReviewReportVersion', async (req) =>
  revisionResult(reportingYear(req).year, req.path.unitId, req.path.n, 'reviewer'),
);

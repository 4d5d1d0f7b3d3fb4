import { reportingYear } from '#shared/api/params';
import { revisionsResult } from '#shared/api/versions';
import { apiHandler } from '#shared/http/apiHandler';

export const handler = apiHandler('listReviewReportVersions', async (req) =>
  revisionsResult(reportingYear(req).year, req.path.unitId),
);

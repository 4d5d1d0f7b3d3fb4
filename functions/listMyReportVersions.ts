import { ownUnit, reportingYear } from '#shared/api/params';
import { revisionsResult } from '#shared/api/versions';
import { apiHandler } from '#shared/http/apiHandler';

export const handler = apiHandler('listMyReportVersions', async (req) =>
  revisionsResult(reportingYear(req).year, ownUnit(req)),
);

import { ownUnit, reportingYear } from '#shared/api/params';
import { reportResult } from '#shared/api/reportView';
import { apiHandler } from '#shared/http/apiHandler';
import { getPeriod } from '#shared/store/periods';
import { getReport } from '#shared/store/reports';

export const handler = apiHandler('getMyReport', async (req) => {
  const { year, catalog } = reportingYear(req);
  const unitId = ownUnit(req);
  const [state, period] = await Promise.all([getReport(year, unitId), getPeriod(year)]);
  return reportResult(state, { year, unitId, catalog, period }, req.receivedAt, 'unit');
});

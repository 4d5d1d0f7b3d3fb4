import { reportResult } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { apiHandler } from '#shared/http/apiHandler';
import { getReport } from '#shared/store/reports';

export const handler = apiHandler('getReviewReport', async (req) => {
  const target = await reviewTarget(req);
  return reportResult(await getReport(target.year, target.unitId), target, req.receivedAt, 'reviewer');
});

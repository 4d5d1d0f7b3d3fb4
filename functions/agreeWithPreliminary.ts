import { ownUnit, reportingYear } from '#shared/api/params';
import { commandFor } from '#shared/api/reportView';
import { agreeWithPreliminary } from '#shared/domain/review';
import { apiHandler } from '#shared/http/apiHandler';
import { getPeriod } from '#shared/store/periods';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('agreeWithPreliminary', async (req) => {
  const { year, catalog } = reportingYear(req);
  const unitId = ownUnit(req);
  const period = await getPeriod(year);
  return changeReport(
    commandFor(req, { year, unitId, catalog, period }, { audit: 'review.agree' }),
    (state) => agreeWithPreliminary(state, req.identity, req.receivedAt),
  );
});

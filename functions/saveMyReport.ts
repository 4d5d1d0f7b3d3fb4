import { parseDraftValues } from '#shared/api/contracts';
import { ownUnit, reportingYear } from '#shared/api/params';
import { commandFor } from '#shared/api/reportView';
import { saveDraft } from '#shared/domain/report';
import { apiHandler } from '#shared/http/apiHandler';
import { getPeriod } from '#shared/store/periods';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('saveMyReport', async (req) => {
  const { year, catalog } = reportingYear(req);
  const values = parseDraftValues(catalog, req.body);
  const unitId = ownUnit(req);
  const period = await getPeriod(year);
  return changeReport(commandFor(req, { year, unitId, catalog, period }), (state) =>
    saveDraft(state, values, req.identity, req.receivedAt, period),
  );
});

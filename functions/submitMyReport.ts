import { validateSubmission } from '#shared/catalog/index';
import { ownUnit, reportingYear } from '#shared/api/params';
import { commandFor } from '#shared/api/reportView';
import { submit } from '#shared/domain/report';
import { apiHandler } from '#shared/http/apiHandler';
import { verifiedEvidenceFields } from '#shared/store/evidence';
import { getPeriod } from '#shared/store/periods';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('submitMyReport', async (req) => {
  const { year, catalog } = reportingYear(req);
  const unitId = ownUnit(req);
  const [period, evidenceFields] = await Promise.all([getPeriod(year), verifiedEvidenceFields(year, unitId)]);
  return changeReport(commandFor(req, { year, unitId, catalog, period }), (state) =>
    submit(
      state,
      req.identity,
      req.receivedAt,
      period,
      validateSubmission(catalog, state.values, { evidenceFields }),
    ),
  );
});

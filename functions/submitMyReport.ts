import { validateSubmission } from '#shared/catalog/index';
import { ownUnit, reportingYear } from '#shared/api/params';
import { parseSubmission } from '#shared/api/contracts';
import { commandFor } from '#shared/api/reportView';
import { submit } from '#shared/domain/report';
import { apiHandler } from '#shared/http/apiHandler';
import { backingOf, fieldsOf, stillVerified, verifiedEvidence } from '#shared/store/evidence';
import { getPeriod } from '#shared/store/periods';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('submitMyReport', async (req) => {
  const { year, catalog } = reportingYear(req);
  const unitId = ownUnit(req);
  const attestation = parseSubmission(req.body);
  const period = await getPeriod(year);
  // Read again on every attempt: the submission commits only if each file it relied on is still verified.
  let reliedOn: string[] = [];
  const command = {
    ...commandFor(req, { year, unitId, catalog, period }),
    alsoWrite: async () => reliedOn.map(stillVerified),
  };
  return changeReport(command, async (state) => {
    // A document the auditors rejected no longer backs anything, in this submission or a later one.
    const evidence = (await verifiedEvidence(year, unitId)).filter(
      (e) => state.documents?.[e.evidenceId]?.verdict !== 'rejected',
    );
    reliedOn = evidence.map((e) => e.evidenceId);
    return submit(
      state,
      req.identity,
      req.receivedAt,
      period,
      validateSubmission(catalog, state.values, { evidenceFields: fieldsOf(evidence) }),
      { attestation, evidenceByField: backingOf(evidence) },
    );
  });
});

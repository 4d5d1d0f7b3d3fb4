import { verifiedDocuments } from '#shared/api/evidenceAccess';
import { ownUnit, reportingYear } from '#shared/api/params';
import { commandFor } from '#shared/api/reportView';
import { parseObjections } from '#shared/api/reviewContracts';
import { objectToPreliminary } from '#shared/domain/review';
import { apiHandler } from '#shared/http/apiHandler';
import { stillVerified } from '#shared/store/evidence';
import { getPeriod } from '#shared/store/periods';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('objectToPreliminary', async (req) => {
  const { year, catalog } = reportingYear(req);
  const unitId = ownUnit(req);
  const objections = parseObjections(catalog, req.body);
  const sent = objections.flatMap((o) => o.evidenceIds);
  const [period] = await Promise.all([getPeriod(year), verifiedDocuments(year, unitId, sent)]);
  const command = commandFor(req, { year, unitId, catalog, period }, { audit: 'review.object' });
  // The documents sent must still be verified when the objection commits, as for a submission.
  const audit = command.alsoWrite;
  return changeReport(
    {
      ...command,
      alsoWrite: async (t) => [...((await audit?.(t)) ?? []), ...[...new Set(sent)].map(stillVerified)],
    },
    (state) => objectToPreliminary(state, objections, req.identity, req.receivedAt),
  );
});

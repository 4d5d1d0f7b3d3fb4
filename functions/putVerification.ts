import { parseVerification } from '#shared/api/contracts';
import { commandFor } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { recordVerification } from '#shared/domain/report';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('putVerification', async (req) => {
  const target = await reviewTarget(req);
  const entries = parseVerification(target.catalog, req.body);
  return changeReport(commandFor(req, target, { audit: 'review.verify' }), (state) =>
    recordVerification(state, entries, req.identity, req.receivedAt),
  );
});

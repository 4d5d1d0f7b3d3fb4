import { parseReturn } from '#shared/api/contracts';
import { commandFor } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { returnReport } from '#shared/domain/report';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('returnReport', async (req) => {
  const target = await reviewTarget(req);
  const comments = parseReturn(target.catalog, req.body);
  return changeReport(commandFor(req, target, { audit: 'review.return' }), (state) =>
    returnReport(state, comments, req.identity, req.receivedAt),
  );
});

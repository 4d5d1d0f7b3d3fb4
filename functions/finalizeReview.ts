import { commandFor } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { finalizeReview } from '#shared/domain/review';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('finalizeReview', async (req) => {
  const target = await reviewTarget(req);
  return changeReport(commandFor(req, target, { audit: 'review.finalize' }), (state) =>
    finalizeReview(state, req.identity, req.receivedAt),
  );
});

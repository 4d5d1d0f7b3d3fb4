import { commandFor } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { publishPreliminary } from '#shared/domain/review';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('publishPreliminary', async (req) => {
  const target = await reviewTarget(req);
  return changeReport(commandFor(req, target, { audit: 'review.publish_preliminary' }), (state) =>
    publishPreliminary(state, target.period, req.identity, req.receivedAt),
  );
});

import { reviewTarget } from '#shared/api/reviewTarget';
import { apiHandler } from '#shared/http/apiHandler';
import { listEvidence } from '#shared/store/evidence';

export const handler = apiHandler('listReviewEvidence', async (req) => {
  const { year, unitId } = await reviewTarget(req);
  return { body: { items: await listEvidence(year, unitId) } };
});

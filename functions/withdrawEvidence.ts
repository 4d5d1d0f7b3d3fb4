import { reachableEvidence } from '#shared/api/evidenceAccess';
import { apiHandler } from '#shared/http/apiHandler';
import { withdraw } from '#shared/store/evidenceFlow';

/** Withdrawn evidence stays on record, and its object stays in the versioned bucket. */
export const handler = apiHandler('withdrawEvidence', async (req) =>
  withdraw(await reachableEvidence(req, { reviewersToo: false }), req.claim, req.receivedAt),
);

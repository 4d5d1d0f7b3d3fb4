import { reachableEvidence } from '#shared/api/evidenceAccess';
import { evidenceLocked, evidenceNotLive } from '#shared/domain/evidence';
import { apiHandler } from '#shared/http/apiHandler';
import { withdrawnItems } from '#shared/store/evidence';
import { commitClaimed, type Refusals } from '#shared/store/idempotency';

const refusals: Refusals = {
  EVIDENCE_NOT_LIVE: evidenceNotLive(),
  REPORT_LOCKED: evidenceLocked('withdraw'),
};

/** Withdrawn evidence stays on record, and its object stays in the versioned bucket. */
export const handler = apiHandler('withdrawEvidence', async (req) => {
  const evidence = await reachableEvidence(req, { reviewersToo: false });
  const withdrawn = { ...evidence, status: 'withdrawn' as const, withdrawnAt: req.receivedAt.toISOString() };
  return commitClaimed(
    withdrawnItems(evidence, req.receivedAt),
    req.claim,
    { body: { evidence: withdrawn } },
    req.receivedAt,
    refusals,
  );
});

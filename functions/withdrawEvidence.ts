import { reachableEvidence } from '#shared/api/evidenceAccess';
import { ConflictError } from '#shared/errors';
import { apiHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';
import { withdrawnItems } from '#shared/store/evidence';
import { commitClaimed } from '#shared/store/idempotency';

const notLive = new ConflictError(
  bi('Tài liệu đã bị loại hoặc đã rút.', 'The evidence is already rejected or withdrawn.'),
  {
    code: 'EVIDENCE_NOT_LIVE',
  },
);
const locked = new ConflictError(
  bi(
    'Báo cáo đã nộp; không thể rút tài liệu.',
    'The report is submitted; evidence can no longer be withdrawn.',
  ),
  { code: 'REPORT_LOCKED' },
);

/** Withdrawn evidence stays on record, and its object stays in the versioned bucket. */
export const handler = apiHandler('withdrawEvidence', async (req) => {
  const evidence = await reachableEvidence(req, { reviewersToo: false });
  const withdrawn = { ...evidence, status: 'withdrawn' as const, withdrawnAt: req.receivedAt.toISOString() };
  return commitClaimed(
    withdrawnItems(evidence, req.receivedAt),
    req.claim,
    { body: { evidence: withdrawn } },
    req.receivedAt,
    (index) => [notLive, locked][index],
  );
});

import { reachableEvidence } from '#shared/api/evidenceAccess';
import { UnprocessableError } from '#shared/errors';
import { apiHandler } from '#shared/http/apiHandler';
import { settleUpload } from '#shared/store/evidenceFlow';
import { CODE, ISSUE } from '#shared/contract/errors';

export const handler = apiHandler('completeEvidence', async (req) => {
  const evidence = await settleUpload(await reachableEvidence(req, { reviewersToo: false }), req.receivedAt);
  if (evidence.status === 'rejected' && evidence.rejectedReason) {
    throw new UnprocessableError(evidence.rejectedReason, {
      code: CODE.EVIDENCE_REJECTED,
      issues: [{ path: 'file', code: ISSUE.evidenceRejected, message: evidence.rejectedReason }],
    });
  }
  return { body: { evidence } };
});

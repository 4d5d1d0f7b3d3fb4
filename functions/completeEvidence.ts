import { reachableEvidence } from '#shared/api/evidenceAccess';
import { UnprocessableError } from '#shared/errors';
import { apiHandler } from '#shared/http/apiHandler';
import { settleUpload } from '#shared/store/evidenceFlow';
import { completeMultipart } from '#shared/store/evidenceObjects';
import { CODE, ISSUE } from '#shared/contract/errors';

export const handler = apiHandler('completeEvidence', async (req) => {
  const item = await reachableEvidence(req, { reviewersToo: false });
  // A multipart upload is joined first; with a part still missing the object does not exist yet, and the
  // check below answers UPLOAD_MISSING, so the page resumes the upload.
  if (item.status === 'pending' && item.uploadId) await completeMultipart(item);
  const evidence = await settleUpload(item, req.receivedAt);
  if (evidence.status === 'rejected' && evidence.rejectedReason) {
    throw new UnprocessableError(evidence.rejectedReason, {
      code: CODE.EVIDENCE_REJECTED,
      issues: [{ path: 'file', code: ISSUE.evidenceRejected, message: evidence.rejectedReason }],
    });
  }
  return { body: { evidence } };
});

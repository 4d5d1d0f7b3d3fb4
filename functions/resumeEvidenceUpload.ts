import { reachableEvidence } from '#shared/api/evidenceAccess';
import { hasLapsed } from '#shared/contract/evidence';
import { uploadNotResumable } from '#shared/domain/evidence';
import { apiHandler } from '#shared/http/apiHandler';
import { presignUpload, storedParts } from '#shared/store/evidenceObjects';

/**
 * Where a declared file's upload stands, with fresh links for what is left: after a dropped connection, an
 * expired link or a reload, the page sends only the parts storage does not hold yet (or the one PUT again).
 */
export const handler = apiHandler('resumeEvidenceUpload', async (req) => {
  const evidence = await reachableEvidence(req, { reviewersToo: false });
  if (evidence.status !== 'pending') throw uploadNotResumable('settled');
  if (hasLapsed(evidence, req.receivedAt)) throw uploadNotResumable('lapsed');
  let done: number[] = [];
  if (evidence.uploadId) {
    const parts = await storedParts(evidence);
    // The upload is gone: joined already (complete it), or aborted by the bucket's lifecycle (declare again).
    if (!parts) throw uploadNotResumable('lapsed');
    done = parts.map((p) => p.partNumber);
  }
  return { body: { evidence, upload: await presignUpload(evidence, req.receivedAt, done) } };
});

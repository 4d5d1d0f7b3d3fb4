import { recordAction } from '#shared/api/audit';
import { reachableEvidence } from '#shared/api/evidenceAccess';
import { downloadName } from '#shared/domain/evidence';
import { ConflictError } from '#shared/errors';
import { apiHandler } from '#shared/http/apiHandler';
import { previewOf } from '#shared/contract/evidence';
import { bi } from '#shared/contract/i18n';
import { presignDownload } from '#shared/store/evidenceObjects';
import { CODE } from '#shared/contract/errors';

export const handler = apiHandler('downloadEvidence', async (req) => {
  const evidence = await reachableEvidence(req, { reviewersToo: true });
  if (evidence.status !== 'verified' && evidence.status !== 'withdrawn') {
    throw new ConflictError(
      bi(
        'Tệp chưa được kiểm tra xong nên chưa tải về được.',
        'The file has not been verified, so it cannot be fetched.',
      ),
      { code: CODE.EVIDENCE_NOT_VERIFIED },
    );
  }
  // On record before the link leaves the server: a fetch nobody logged cannot happen.
  await recordAction(req, 'evidence', {
    year: evidence.year,
    action: 'evidence.download',
    unitId: evidence.unitId,
    object: evidence.objectKey,
    evidenceId: evidence.evidenceId,
  });
  const link = await presignDownload(evidence, req.receivedAt);
  // An image is framed from its own link; a PDF is drawn from the checked bytes of the download.
  const view =
    previewOf(evidence.contentType) === 'image'
      ? { viewUrl: (await presignDownload(evidence, req.receivedAt, 'inline')).url }
      : {};
  return { body: { ...link, ...view, fileName: downloadName(evidence), sha256: evidence.sha256 } };
});

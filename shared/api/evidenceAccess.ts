import type { EvidenceItem } from '../domain/evidence.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { AuthedRequest } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { getEvidence } from '../store/evidence.ts';
import { pathParam } from './params.ts';

const EVIDENCE_ID = /^[A-Za-z0-9_-]{8,64}$/;

/**
 * The evidence a request names, if the caller may reach it: its own agency's, or any for auditors and admins
 * (when `reviewersToo`). Another agency's evidence is 403 and nothing happens.
 */
export async function reachableEvidence(
  req: AuthedRequest,
  opts: { reviewersToo: boolean },
): Promise<EvidenceItem> {
  const evidenceId = pathParam(req, 'evidenceId', EVIDENCE_ID, {
    vi: 'Mã tài liệu kiểm chứng',
    en: 'evidence id',
  });
  const item = await getEvidence(evidenceId);
  if (!item) {
    throw new NotFoundError(bi('Không có tài liệu kiểm chứng này.', 'There is no such evidence.'), {
      code: 'EVIDENCE_NOT_FOUND',
    });
  }
  const own = req.identity.role === 'agency' && req.identity.unitId === item.unitId;
  const reviewer = opts.reviewersToo && (req.identity.role === 'auditor' || req.identity.role === 'admin');
  if (!own && !reviewer) {
    throw new ForbiddenError(
      bi('Tài liệu này thuộc đơn vị khác.', 'This evidence belongs to another unit.'),
      { code: 'NOT_YOUR_EVIDENCE' },
    );
  }
  return item;
}

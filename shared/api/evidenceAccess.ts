import type { EvidenceItem } from '../domain/evidence.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.ts';
import type { AuthedRequest } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { getEvidence } from '../store/evidence.ts';
import { CODE } from '../contract/errors.ts';

/**
 * The evidence a request names, if the caller may reach it: its own agency's, or any for auditors and admins
 * (when `reviewersToo`). Another agency's evidence is 403 and nothing happens.
 */
export async function reachableEvidence(
  req: AuthedRequest & { readonly path: { readonly evidenceId: string } },
  opts: { reviewersToo: boolean },
): Promise<EvidenceItem> {
  const { evidenceId } = req.path;
  const item = await getEvidence(evidenceId);
  if (!item) {
    throw new NotFoundError(bi('Không có tài liệu kiểm chứng này.', 'There is no such evidence.'), {
      code: CODE.EVIDENCE_NOT_FOUND,
    });
  }
  const own = req.identity.role === 'agency' && req.identity.unitId === item.unitId;
  const reviewer = opts.reviewersToo && (req.identity.role === 'auditor' || req.identity.role === 'admin');
  if (!own && !reviewer) {
    throw new ForbiddenError(
      bi('Tài liệu này thuộc đơn vị khác.', 'This evidence belongs to another unit.'),
      { code: CODE.NOT_YOUR_EVIDENCE },
    );
  }
  return item;
}

/**
 * Verified documents of one report, by id: what an auditor judges and what an objection may bring. A file of
 * another report is 404 as if it did not exist; one not verified (pending, rejected on upload, withdrawn) 409.
 */
export async function verifiedDocuments(
  year: number,
  unitId: string,
  evidenceIds: readonly string[],
): Promise<EvidenceItem[]> {
  const items = await Promise.all([...new Set(evidenceIds)].map((id) => getEvidence(id)));
  return items.map((item) => {
    if (!item || item.year !== year || item.unitId !== unitId) {
      throw new NotFoundError(
        bi('Báo cáo không có tài liệu kiểm chứng này.', 'The report has no such evidence.'),
        { code: CODE.EVIDENCE_NOT_FOUND },
      );
    }
    if (item.status !== 'verified') {
      throw new ConflictError(
        bi(
          `Tài liệu "${item.fileName}" chưa được kiểm tra xong hoặc đã bị loại.`,
          `The file "${item.fileName}" is not verified (pending, rejected or withdrawn).`,
        ),
        { code: CODE.EVIDENCE_NOT_VERIFIED },
      );
    }
    return item;
  });
}

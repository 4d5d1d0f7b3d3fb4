import { verifiedDocuments } from '#shared/api/evidenceAccess';
import { commandFor } from '#shared/api/reportView';
import { reviewTarget } from '#shared/api/reviewTarget';
import { parseWith } from '#shared/api/zodIssues';
import { documentDecisionBody } from '#shared/contract/reviewBodies';
import { decideDocument } from '#shared/domain/review';
import { apiHandler } from '#shared/http/apiHandler';
import { changeReport } from '#shared/store/reportCommands';

export const handler = apiHandler('decideEvidence', async (req) => {
  const target = await reviewTarget(req);
  const { verdict, reason } = parseWith(documentDecisionBody, req.body);
  const [item] = await verifiedDocuments(target.year, target.unitId, [req.path.evidenceId]);
  const fields = item?.fields ?? [];
  return changeReport(
    commandFor(req, target, { audit: 'review.decide_document', evidenceId: req.path.evidenceId }),
    (state) =>
      decideDocument(
        state,
        req.path.evidenceId,
        { verdict, ...(reason ? { reason } : {}), fields },
        req.identity,
        req.receivedAt,
      ),
  );
});

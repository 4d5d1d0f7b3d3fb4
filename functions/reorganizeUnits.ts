import { adminAuditWrites, reorganizationAuditAction } from '#shared/api/audit';
import { reorganizationBody } from '#shared/contract/bodies';
import { parseWith } from '#shared/api/zodIssues';
import { checkedReorganization } from '#shared/api/reorganization';
import { apiHandler } from '#shared/http/apiHandler';
import { editHierarchy } from '#shared/store/hierarchyEdits';

export const handler = apiHandler('reorganizeUnits', async (req) => {
  const reorganization = parseWith(reorganizationBody, req.body);
  return editHierarchy(
    (snapshot) => ({ units: checkedReorganization(snapshot, reorganization) }),
    (planned, version) => ({ status: 201, body: { version, units: planned.units } }),
    {
      by: req.identity.sub,
      at: req.receivedAt,
      claim: req.claim,
      // The reorganization's entry on the audit log lands in its own transaction.
      audit: (planned, version) =>
        adminAuditWrites(req, [
          reorganizationAuditAction(req.receivedAt, reorganization, planned.units, version),
        ]),
    },
  );
});

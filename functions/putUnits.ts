import { adminAuditWrites, unitsAuditAction } from '#shared/api/audit';
import { unitsBody } from '#shared/contract/bodies';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { planUnitsEdit } from '#shared/domain/units';
import { apiHandler } from '#shared/http/apiHandler';
import { editHierarchy } from '#shared/store/hierarchyEdits';

export const handler = apiHandler('putUnits', async (req) => {
  const body = parseWith(unitsBody, req.body);
  return editHierarchy(
    (snapshot) => {
      const { issues, ...planned } = planUnitsEdit(snapshot, body);
      if (issues.length) throw invalidInput(issues);
      return planned;
    },
    (planned, version) => ({ body: { saved: planned.units.length, version } }),
    {
      by: req.identity.sub,
      at: req.receivedAt,
      claim: req.claim,
      // The edit's entry on the audit log lands in the edit's own transaction.
      audit: (planned, version) =>
        adminAuditWrites(req, [unitsAuditAction(req.receivedAt, planned, version)]),
    },
  );
});

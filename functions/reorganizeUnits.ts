import { adminAuditWrites, reorganizationAuditAction } from '#shared/api/audit';
import { reorganizationBody } from '#shared/contract/bodies';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { planReorganization, reorganizationPathOf } from '#shared/domain/reorganization';
import { hierarchyProblems, problemsAsIssues, withUnits } from '#shared/domain/units';
import { apiHandler } from '#shared/http/apiHandler';
import { editHierarchy } from '#shared/store/hierarchyEdits';

export const handler = apiHandler('reorganizeUnits', async (req) => {
  const reorganization = parseWith(reorganizationBody, req.body);
  return editHierarchy(
    (snapshot) => {
      const { writes, issues } = planReorganization(snapshot, reorganization);
      const problems = hierarchyProblems(withUnits(snapshot, writes), new Set(writes.map((u) => u.id)));
      issues.push(...problemsAsIssues(problems, reorganizationPathOf(reorganization), 'changes'));
      if (issues.length) throw invalidInput(issues);
      return { units: writes };
    },
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

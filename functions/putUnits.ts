import { unitsAuditAction, withAdminAudit } from '#shared/api/audit';
import { unitsBody } from '#shared/api/contracts';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { hierarchyProblems } from '#shared/domain/units';
import { apiHandler } from '#shared/http/apiHandler';
import { commitClaimed } from '#shared/store/idempotency';
import { listUnits, saveUnits } from '#shared/store/units';

export const handler = apiHandler('putUnits', async (req) => {
  const { units } = parseWith(unitsBody, req.body);
  const problems = hierarchyProblems(await listUnits(), units);
  if (problems.length) throw invalidInput(problems);
  await saveUnits(units);
  // A hierarchy is too large for one transaction; writing it twice is harmless, and the claim makes a retry
  // answer with the first result. Its audit entry lands with the claim.
  return withAdminAudit(req, [unitsAuditAction(req.receivedAt, units)], (auditWrites) =>
    commitClaimed(auditWrites, req.claim, { body: { saved: units.length } }, req.receivedAt),
  );
});

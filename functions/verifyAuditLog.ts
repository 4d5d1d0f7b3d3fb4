import { parseVerificationQuery } from '#shared/api/auditQuery';
import { reportAuditVerification } from '#shared/auditMetrics';
import { apiHandler } from '#shared/http/apiHandler';
import { verifyUnitAudit } from '#shared/store/auditVerify';

/** A unit's chains of the year, checked link by link and against the newest anchor; a failure raises the alarm. */
export const handler = apiHandler('verifyAuditLog', async (req) => {
  const { year, unit } = parseVerificationQuery(req.query);
  const result = await verifyUnitAudit(year, unit);
  reportAuditVerification(
    result.chains.length,
    result.chains.filter((c) => !c.verified).length + (result.forgedAnchor ? 1 : 0),
  );
  return { body: { year, unitId: unit, ...result } };
});

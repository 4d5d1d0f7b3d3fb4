import { reportAuditVerification } from '#shared/auditMetrics';
import { logger } from '#shared/http/logger';
import { anchorYear } from '#shared/store/auditVerify';

interface AnchorEvent {
  readonly year?: number;
  readonly reason?: 'daily' | 'rollup' | 'manual';
}

/** The years still written to: this one (Vietnam time), and the one before until its rollup month ends. */
function activeYears(now: Date): number[] {
  const local = new Date(now.getTime() + 7 * 3600_000);
  const year = local.getUTCFullYear();
  return local.getUTCMonth() <= 2 ? [year - 1, year] : [year];
}

/**
 * Anchors the audit log: every chain of the year checked against the previous anchor, then a MACed digest of
 * the heads written where only this job may write. Daily from the schedule; after every rollup for its year.
 */
export const handler = async (input: AnchorEvent = {}) => {
  const event = input ?? {};
  if (
    event.year !== undefined &&
    !(Number.isInteger(event.year) && event.year >= 2000 && event.year <= 2100)
  ) {
    throw new TypeError(`anchorAudit: year ${JSON.stringify(event.year)} is not a reporting year.`);
  }
  const now = new Date();
  const results = [];
  for (const year of event.year ? [event.year] : activeYears(now)) {
    const result = await anchorYear(year, event.reason ?? 'daily', now);
    reportAuditVerification(result.checked, result.failed);
    if (result.failed) logger.error('audit chains failed verification', { year, broken: result.broken });
    results.push({ year, ...result });
  }
  return results;
};

import { createHash, randomBytes } from 'node:crypto';
import { withAdminAudit } from '#shared/api/audit';
import { reportingYear } from '#shared/api/params';
import { planRound } from '#shared/api/reminderRound';
import { parseWith } from '#shared/api/zodIssues';
import { remindBody } from '#shared/contract/bodies';
import { MAX_REMINDER_UNITS } from '#shared/contract/reminders';
import { apiHandler } from '#shared/http/apiHandler';
import type { AuthedRequest } from '#shared/http/types';
import { commitClaimed } from '#shared/store/idempotency';
import { startJob } from '#shared/store/jobInvoker';

/** The round is named after the request's Idempotency-Key, so a retried or doubled click is one round. */
function roundOf(req: AuthedRequest): string {
  const id = req.claim
    ? createHash('sha256').update(`${req.claim.key.pk}`).digest('base64url').slice(0, 22)
    : randomBytes(16).toString('base64url');
  return `manual-${id}`;
}

/**
 * Reminds the units asked for (or every unit not yet submitted) now: the job sends, since a province's worth
 * of mail outlasts an HTTP request. It is started before the request is recorded: a round is claimed unit by
 * unit, so a start twice sends once, while a record without a start would promise mail that never goes.
 */
export const handler = apiHandler('remindUnits', async (req) => {
  const { year } = reportingYear(req);
  const { unitIds } = parseWith(remindBody, req.body ?? {});
  const round = roundOf(req);
  const { plan } = await planRound(
    year,
    { kind: 'manual', round, ...(unitIds ? { unitIds } : {}) },
    req.receivedAt,
  );
  if (plan.send.length) {
    await startJob('sendReminders', {
      year,
      round,
      requestedBy: req.identity.sub,
      ...(unitIds ? { unitIds } : {}),
    });
  }
  const body = {
    year,
    round,
    queued: plan.send.length,
    noAddress: plan.send.filter((t) => !t.to).length,
    // Bounded: "everyone not submitted", clicked twice, would list the whole province as reminded recently.
    skipped: plan.skipped.slice(0, MAX_REMINDER_UNITS),
    skippedTotal: plan.skipped.length,
  };
  return withAdminAudit(
    req,
    [
      {
        year,
        action: 'reminder.request',
        object: round,
        details: {
          asked: unitIds ? unitIds.slice(0, 100) : 'not_submitted',
          queued: body.queued,
          skipped: plan.skipped.length,
        },
      },
    ],
    (auditWrites) => commitClaimed(auditWrites, req.claim, { status: 202, body }, req.receivedAt),
  );
});

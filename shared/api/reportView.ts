import { computeIndicators, type Catalog } from '../catalog/index.ts';
import { deadlineFor, type Period } from '../domain/period.ts';
import type { ReportView } from '../contract/wire.ts';
import { canStillEdit, displayStatusOf, emptyReport, type ReportState } from '../domain/report.ts';
import type { ApiResult, AuthedRequest } from '../http/types.ts';
import { auditAppendItems } from '../store/audit.ts';
import type { ReportCommand } from '../store/reportCommands.ts';
import { receiptReference, valuesSha256 } from '../contract/receipt.ts';
import { etagOf, ifMatchVersion } from './params.ts';

/** The report as the API shows it: the state, its derived indicators and whether its unit can still edit it. */
export function reportBody(state: ReportState, catalog: Catalog, period: Period, now: Date): ReportView {
  return {
    year: state.year,
    unitId: state.unitId,
    status: displayStatusOf(state),
    version: state.version,
    values: state.values,
    indicators: computeIndicators(catalog, state.values),
    verification: state.verification,
    comments: state.comments,
    submissions: state.submissions,
    late: state.late,
    ...(state.firstSubmittedAt ? { firstSubmittedAt: state.firstSubmittedAt } : {}),
    ...(state.submittedAt ? { submittedAt: state.submittedAt } : {}),
    ...(state.acceptedAt ? { acceptedAt: state.acceptedAt } : {}),
    ...(state.updatedAt ? { updatedAt: state.updatedAt, updatedBy: state.updatedBy } : {}),
    deadline: deadlineFor(period, state.unitId).toISOString(),
    editable: canStillEdit(state, period, now),
    catalogVersion: catalog.version,
    // While submitted or accepted the values are the submitted ones, locked: the receipt can vouch for them.
    ...(state.submittedAt && (state.status === 'submitted' || state.status === 'accepted')
      ? { receipt: { reference: receiptReference(state), valuesSha256: valuesSha256(state.values) } }
      : {}),
  };
}

export function reportResult(
  state: ReportState | undefined,
  ctx: { year: number; unitId: string; catalog: Catalog; period: Period },
  now: Date,
): ApiResult {
  const shown = state ?? emptyReport(ctx.year, ctx.unitId);
  return {
    status: 200,
    body: reportBody(shown, ctx.catalog, ctx.period, now),
    headers: { etag: etagOf(shown.version) },
  };
}

/** The command every report-changing route issues: the caller's If-Match, idempotency claim and clock. */
export function commandFor(
  req: AuthedRequest,
  ctx: { year: number; unitId: string; catalog: Catalog; period: Period },
  opts: { audit?: string } = {},
): ReportCommand {
  const { audit } = opts;
  return {
    year: ctx.year,
    unitId: ctx.unitId,
    ifMatch: ifMatchVersion(req),
    claim: req.claim,
    now: req.receivedAt,
    render: (state) => reportResult(state, ctx, req.receivedAt),
    // Review actions go on the hash-chained audit log in the same transaction as the change itself.
    ...(audit
      ? {
          alsoWrite: (t) =>
            auditAppendItems({
              year: ctx.year,
              at: req.receivedAt.toISOString(),
              actor: { sub: req.identity.sub, role: req.identity.role },
              action: audit,
              unitId: ctx.unitId,
              sourceIp: req.sourceIp,
              ...(req.forwardedFor ? { forwardedFor: req.forwardedFor } : {}),
              details: { version: t.next.version, status: t.next.status },
            }),
        }
      : {}),
  };
}

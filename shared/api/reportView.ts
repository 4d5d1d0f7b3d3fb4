import { computeIndicators, type Catalog } from '../catalog/index.ts';
import { deadlineFor, type Period } from '../domain/period.ts';
import type { ReportView } from '../contract/wire.ts';
import {
  asSeenByUnit,
  canStillEdit,
  displayStatusOf,
  emptyReport,
  type ReportState,
} from '../domain/report.ts';
import type { ApiResult, AuthedRequest } from '../http/types.ts';
import type { ReportCommand } from '../store/reportCommands.ts';
import { receiptReference, valuesSha256 } from '../contract/receipt.ts';
import { reviewAuditWrites } from './audit.ts';
import { etagOf } from '../contract/params.ts';
import { ifMatchVersion } from './params.ts';

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

/** Who is looking: the report's own unit sees it as asSeenByUnit says; auditors and admins see all of it. */
export type Viewer = 'unit' | 'reviewer';
export const viewerOf = (req: AuthedRequest): Viewer =>
  req.identity.role === 'agency' ? 'unit' : 'reviewer';

export function reportResult(
  state: ReportState | undefined,
  ctx: { year: number; unitId: string; catalog: Catalog; period: Period },
  now: Date,
  viewer: Viewer,
): ApiResult {
  const whole = state ?? emptyReport(ctx.year, ctx.unitId);
  const shown = viewer === 'unit' ? asSeenByUnit(whole) : whole;
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
    render: (state) => reportResult(state, ctx, req.receivedAt, viewerOf(req)),
    // Review actions go on the hash-chained audit log in the same transaction as the change itself.
    ...(audit
      ? {
          alsoWrite: (t) =>
            reviewAuditWrites(req, {
              year: ctx.year,
              action: audit,
              unitId: ctx.unitId,
              details: { version: t.next.version, status: t.next.status },
            }),
        }
      : {}),
  };
}

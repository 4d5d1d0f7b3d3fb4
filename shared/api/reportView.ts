import type { AuditAction } from '../contract/auditActions.ts';
import { computeIndicators, type Catalog } from '../catalog/index.ts';
import { deadlineFor, type Period } from '../domain/period.ts';
import type { ReportView } from '../contract/wire.ts';
import {
  asSeenByUnit,
  canStillEdit,
  displayStatusOf,
  emptyReport,
  isCounted,
  type ReportState,
} from '../domain/report.ts';
import { officialFigures } from '../domain/officialValues.ts';
import { unsupportedFields } from '../domain/review.ts';
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
    status: displayStatusOf(state, now),
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
    ...(state.attestation ? { attestation: state.attestation } : {}),
    ...(state.documents ? { documents: state.documents } : {}),
    ...(state.preliminary ? { preliminary: state.preliminary } : {}),
    ...(state.objections && Object.keys(state.objections).length ? { objections: state.objections } : {}),
    ...(isCounted(state) ? { official: officialFigures(state, now).values } : {}),
    ...unsupported(catalog, state),
    deadline: deadlineFor(period, state.unitId).toISOString(),
    editable: canStillEdit(state, period, now),
    catalogVersion: catalog.version,
    // While submitted and under review or accepted the values are the submitted ones, locked: the receipt
    // can vouch for them.
    ...(state.submittedAt && isCounted(state) ? { receipt: receiptOf(state) } : {}),
  };
}

/** The receipt names the submission's own version; a report submitted before that was kept names its current one. */
function receiptOf(state: ReportState) {
  const version = state.submittedVersion ?? state.version;
  return {
    reference: receiptReference({ ...state, version }),
    version,
    valuesSha256: valuesSha256(state.values),
  };
}

/** Judged on the state as shown, so the unit learns of a rejection only once it may see the decision. */
function unsupported(catalog: Catalog, state: ReportState): { unsupported?: string[] } {
  if (!state.documents) return {};
  const fields = unsupportedFields(catalog, state, officialFigures(state).values);
  return fields.length ? { unsupported: fields } : {};
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
  opts: { audit?: AuditAction; evidenceId?: string } = {},
): ReportCommand {
  const { audit, evidenceId } = opts;
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
              ...(evidenceId ? { evidenceId } : {}),
              details: { version: t.next.version, status: t.next.status },
            }),
        }
      : {}),
  };
}

import type { FieldValue, ReportValues } from '../catalog/index.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import type { ReportState } from './report.ts';

/*
 * What makes a figure official. Where the auditors recorded a verified value on the report's current
 * submission, that value is the official one (the provincial appraisal's rule, and the DTI's); elsewhere the
 * self-reported value is. A verification recorded on an earlier submission (before a return and resubmission)
 * checked figures the unit has since replaced, so it no longer counts.
 */

/** Accepted: the auditors signed off. Under review: they recorded checks on this submission, not yet accepted. */
export const VERIFICATION_STATES = ['accepted', 'under_review', 'self_reported'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export const VERIFICATION_LABELS: Readonly<Record<VerificationState, Bilingual>> = {
  accepted: bi('Đã xác minh (đã chấp nhận)', 'Verified (accepted)'),
  under_review: bi('Đang thẩm định', 'Under review'),
  self_reported: bi('Chỉ có số liệu tự báo cáo', 'Self-reported only'),
};

export interface VerifiedFigure {
  readonly reported: FieldValue;
  readonly verified: FieldValue;
  /** self-reported − verified, for numbers; null otherwise. */
  readonly gap: number | null;
}

export interface OfficialFigures {
  readonly values: ReportValues;
  readonly selfReported: ReportValues;
  readonly state: VerificationState;
  /** Fields with a verified value on the current submission, in field code order. */
  readonly verified: Readonly<Record<string, VerifiedFigure>>;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function officialFigures(report: ReportState): OfficialFigures {
  const since = report.submittedAt ?? '';
  const current = Object.entries(report.verification)
    .filter(([, v]) => v.at >= since)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const verified: Record<string, VerifiedFigure> = {};
  for (const [field, v] of current) {
    if (v.value === undefined) continue;
    const reported = report.values[field] ?? null;
    const value = v.value ?? null;
    verified[field] = {
      reported,
      verified: value,
      gap: isNumber(reported) && isNumber(value) ? reported - value : null,
    };
  }
  const overlay = Object.entries(verified);
  const values = overlay.length
    ? { ...report.values, ...Object.fromEntries(overlay.map(([f, v]) => [f, v.verified])) }
    : report.values;
  const state: VerificationState =
    report.status === 'accepted' ? 'accepted' : current.length ? 'under_review' : 'self_reported';
  return { values, selfReported: report.values, state, verified };
}

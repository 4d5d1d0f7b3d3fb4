import type { FieldValue, ReportValues } from '../catalog/index.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { isFinal, type ReportState } from './report.ts';
import { upheldValues } from './review.ts';

/*
 * What makes a figure official. Where the auditors recorded a verified value on the report's current
 * submission, or upheld the unit's objection with a value, that value is the official one (the provincial appraisal's rule, and the DTI's); elsewhere the
 * self-reported value is. A verification recorded on an earlier submission (before a return and resubmission)
 * checked figures the unit has since replaced, so it no longer counts.
 */

/**
 * Accepted: final (the auditors signed off, or the unit let the objection window pass). Preliminary: published
 * to the unit, which may still object or whose objections await answers. Under review: the auditors recorded
 * checks on this submission, nothing published yet.
 */
export const VERIFICATION_STATES = ['accepted', 'preliminary', 'under_review', 'self_reported'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export const VERIFICATION_LABELS: Readonly<Record<VerificationState, Bilingual>> = {
  accepted: bi('Đã xác minh (đã chấp nhận)', 'Verified (accepted)'),
  preliminary: bi('Kết quả sơ bộ, chưa chính thức', 'Preliminary result, not yet final'),
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

/** `now` tells a preliminary result whose window has closed (final) from one the unit may still object to. */
export function officialFigures(report: ReportState, now?: Date): OfficialFigures {
  const since = report.submittedAt ?? '';
  // An upheld objection's value is official from the answer on; finalizing copies it into the verification.
  const current = Object.entries({ ...report.verification, ...upheldValues(report) })
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
  let state: VerificationState = current.length ? 'under_review' : 'self_reported';
  if (report.status === 'preliminary' || report.status === 'objected') state = 'preliminary';
  if (report.status === 'accepted' || (now && isFinal(report, now))) state = 'accepted';
  return { values, selfReported: report.values, state, verified };
}

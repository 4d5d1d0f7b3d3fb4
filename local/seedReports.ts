import {
  catalogFor,
  exampleValues,
  validateSubmission,
  type Catalog,
  type ReportValues,
} from '#shared/catalog/index';
import { defaultPeriod } from '#shared/domain/period';
import {
  acceptReport,
  emptyReport,
  saveDraft,
  submit,
  type Actor,
  type ReportState,
} from '#shared/domain/report';
import { expectedToReport, hierarchyDayOf } from '#shared/domain/yearHierarchy';
import type { Unit } from '#shared/hierarchy';

/*
 * Demo history for a fresh local store: the 2024 and 2025 reports of most units expected in each year (2024
 * by the three-tier units, 2025 by their successors: the year's hierarchy decides, domain/yearHierarchy.ts),
 * submitted within the period and some accepted, and 2026 drafts of some, so the auditors' list, the revision
 * history and `npm run rollup -- --year 2025` have something to show. They are written through the same pure
 * transitions as the API, at past dates. They carry no evidence files: this is demonstration data, and it
 * says so in the README. Sở Nội vụ never reports, and xã Hừa Ngài did not report 2024, so xã Pa Ham (its
 * successor) shows "not comparable" in 2025.
 */
const SKIPPED = new Set(['so-noi-vu', 'xa-hua-ngai']);
const HISTORY_YEARS = [2024, 2025];
/** The year agencies are filling in now: drafts of some units only, the others start from an empty form. */
const OPEN_YEAR = 2026;
const OPEN_YEAR_DRAFTS = new Set(['so-khcn-2025', 'so-y-te', 'xa-muong-ang', 'phuong-dien-bien-phu']);
const auditor: Actor = { sub: 'auditor-doan-kiem-tra', role: 'auditor' };

/** Deterministic variation per unit and year, within every cross-field rule of the example report. */
function valuesFor(catalog: Catalog, unit: Unit, index: number): ReportValues {
  const v = { ...exampleValues(catalog) } as Record<string, number | boolean | string | null>;
  const f = 0.55 + ((index * 37 + catalog.year) % 40) / 100;
  const scale = (code: string, k = f) => {
    if (typeof v[code] === 'number') v[code] = Math.max(0, Math.floor((v[code] as number) * k));
  };
  if (unit.level === 'commune') {
    for (const code of [
      'staff_total',
      'computers_in_use',
      'staff_with_computer',
      'staff_internet',
      'staff_trained_basic',
    ])
      scale(code, 0.2);
    for (const code of ['computers_old', 'computers_internet', 'staff_official_mailbox']) scale(code, 0.15);
    scale('internet_bandwidth_mbps', 0.1);
    scale('staff_email_regular', 0.08 * f);
    scale('staff_foreign_mail', 0.3);
  } else {
    scale('staff_email_regular', Math.min(1, f + 0.1));
    scale('docs_sent_electronic');
    scale('docs_received_electronic');
    scale('dossiers_online', f * f);
  }
  return v;
}

export function seedReportStates(
  units: readonly Unit[],
): { state: ReportState; revisions: ReturnType<typeof submit>[] }[] {
  const out: { state: ReportState; revisions: ReturnType<typeof submit>[] }[] = [];
  for (const year of [...HISTORY_YEARS, OPEN_YEAR]) {
    const catalog = catalogFor(year) as Catalog;
    const period = defaultPeriod(year);
    const day = hierarchyDayOf(period);
    units
      .filter((u) => expectedToReport(u, day) && !SKIPPED.has(u.id))
      .forEach((unit, index) => {
        if (year === OPEN_YEAR) {
          if (!OPEN_YEAR_DRAFTS.has(unit.id)) return;
          const draft = saveDraft(
            emptyReport(year, unit.id),
            valuesFor(catalog, unit, index),
            { sub: `agency-${unit.id}`, role: 'agency' },
            new Date(`${year}-11-${10 + (index % 10)}T09:00:00+07:00`),
            period,
          )!;
          out.push({ state: draft.next, revisions: [draft] });
          return;
        }
        const agency: Actor = { sub: `agency-${unit.id}`, role: 'agency' };
        const values = valuesFor(catalog, unit, index);
        const saved = saveDraft(
          emptyReport(year, unit.id),
          values,
          agency,
          new Date(`${year + 1}-01-10T09:00:00+07:00`),
          period,
        )!;
        const evidenceFields = new Set(catalog.fields.map((f) => f.code));
        const problems = validateSubmission(catalog, values, { evidenceFields });
        if (problems.length) throw new Error(`demo report for ${unit.id} is invalid: ${problems[0]?.path}`);
        const submitted = submit(
          saved.next,
          agency,
          new Date(`${year + 1}-01-${20 + (index % 10)}T10:00:00+07:00`),
          period,
          [],
        );
        const revisions = [saved, submitted];
        if (year === 2024 || index % 2 === 0) {
          revisions.push(
            acceptReport(
              submitted.next,
              'Đạt yêu cầu / Accepted',
              auditor,
              new Date(`${year + 1}-03-01T10:00:00+07:00`),
            ),
          );
        }
        out.push({ state: (revisions[revisions.length - 1] as { next: ReportState }).next, revisions });
      });
  }
  return out;
}

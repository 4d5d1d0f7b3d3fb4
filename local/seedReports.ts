import {
  catalogFor,
  exampleValues,
  validateSubmission,
  type Catalog,
  type FieldValue,
  type ReportValues,
} from '#shared/catalog/index';
import { defaultPeriod } from '#shared/domain/period';
import {
  acceptReport,
  emptyReport,
  recordVerification,
  saveDraft,
  submit,
  type Actor,
  type ReportState,
  type Transition,
} from '#shared/domain/report';
import { expectedToReport, hierarchyDayOf } from '#shared/domain/yearHierarchy';
import type { Unit } from '#shared/hierarchy';

/*
 * Demo history for a fresh local store: the 2024 and 2025 reports of most units expected in each year (2024
 * by the three-tier units, 2025 by their successors: the year's hierarchy decides, domain/yearHierarchy.ts),
 * and 2026 drafts of some, so the auditors' list, the revision history and `npm run rollup -- --year 2025`
 * have something to show. They are written through the same pure transitions as the API, at past dates, and
 * carry no evidence files: this is demonstration data, and the README says so. Sở Nội vụ never reports, and
 * xã Hừa Ngài did not report 2024, so xã Pa Ham (its successor) shows "not comparable" in 2025.
 *
 * The figures resemble the seed article: nearly every provincial and district officer has a computer and over
 * 80% of them use official email regularly; at communes about 30% do. Each unit has its own size and its own
 * year-to-year drift, the Department of Health's electronic documents jump enough in 2025 to be flagged as an
 * outlier, the merged Department of Science and Technology received no dossiers in 2025 (its one-stop
 * indicators do not apply), and the inspection team corrected the merged Department of Finance's 2025 figures
 * on site (50 → 42 staff using email, 59 → 55 computers) before accepting it, and checked phường Điện Biên
 * Phủ's without accepting it yet.
 */
const SKIPPED = new Set(['so-noi-vu', 'xa-hua-ngai']);
const HISTORY_YEARS = [2024, 2025];
/** The year agencies are filling in now: drafts of some units only, the others start from an empty form. */
const OPEN_YEAR = 2026;
const OPEN_YEAR_DRAFTS = new Set(['so-khcn-2025', 'so-y-te', 'xa-muong-ang', 'phuong-dien-bien-phu']);
const auditor: Actor = { sub: 'auditor-doan-kiem-tra', role: 'auditor' };
/** Who vouches for the seeded submissions; a demo name, as every seeded account is. */
const SEED_HEAD = { headName: 'Lò Văn Minh', headTitle: 'Thủ trưởng cơ quan' } as const;

/** A deterministic stream of numbers in [0, 1) for a key (FNV-1a, then mulberry32). */
function random(key: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (r: () => number, lo: number, hi: number) => lo + (hi - lo) * r();
const share = (n: number, s: number) => Math.max(0, Math.min(n, Math.round(n * s)));

/** A unit's figures for a year: its size stays (with a little drift), its shares move a few points a year. */
function valuesFor(catalog: Catalog, unit: Unit): ReportValues {
  const size = random(unit.id);
  const year = random(`${unit.id}:${catalog.year}`);
  const drift = (lo: number, hi: number, spread = 0.04) =>
    Math.min(hi, Math.max(lo, between(size, lo, hi) + between(year, -spread, spread)));
  const commune = unit.level === 'commune';
  const v: Record<string, FieldValue> = { ...exampleValues(catalog) };

  const staff = Math.round(
    commune ? between(size, 18, 30) : between(size, 55, 190) * between(year, 0.97, 1.03),
  );
  const computers = Math.round(staff * (commune ? drift(0.7, 0.9) : drift(1.0, 1.15)));
  v.staff_total = staff;
  v.computers_in_use = computers;
  v.computers_old = share(computers, drift(0.08, 0.35));
  v.computers_internet = share(computers, drift(commune ? 0.7 : 0.9, 1));
  v.internet_bandwidth_mbps = Math.round(commune ? between(size, 20, 60) : between(size, 150, 500));
  v.staff_with_computer = share(staff, commune ? drift(0.72, 0.9) : drift(0.96, 1, 0.01));
  const mailbox = share(staff, commune ? drift(0.45, 0.6) : drift(0.93, 1, 0.02));
  v.staff_official_mailbox = mailbox;
  v.staff_email_regular = Math.min(mailbox, share(staff, commune ? drift(0.26, 0.34) : drift(0.82, 0.93)));
  v.staff_foreign_mail = share(staff, commune ? drift(0.15, 0.3) : drift(0.03, 0.12));
  v.staff_internet = share(staff, commune ? drift(0.7, 0.85) : drift(0.95, 1, 0.02));
  v.staff_trained_basic = share(staff, commune ? drift(0.6, 0.8) : drift(0.85, 0.98));
  v.it_staff = commune ? 1 : Math.max(1, Math.round(between(size, 1, 4)));
  v.it_staff_college = Math.min(v.it_staff, Math.round((v.it_staff as number) * between(size, 0.5, 1)));

  for (const [total, electronic, lo, hi] of [
    ['docs_sent_total', 'docs_sent_electronic', 0.6, 0.92],
    ['docs_received_total', 'docs_received_electronic', 0.65, 0.95],
  ] as const) {
    const n = Math.round(commune ? between(size, 300, 900) : between(size, 1500, 6000));
    v[total] = n;
    v[electronic] = share(n, drift(lo, hi));
  }
  const procedures = Math.round(commune ? between(size, 30, 60) : between(size, 50, 120));
  v.procedures_total = procedures;
  v.procedures_partial_online = share(procedures, drift(0.2, 0.35));
  v.procedures_full_online = share(procedures, drift(0.25, 0.45));
  const dossiers = Math.round(commune ? between(size, 200, 800) : between(size, 800, 4000));
  v.dossiers_total = dossiers;
  v.dossiers_online = share(dossiers, drift(commune ? 0.15 : 0.3, commune ? 0.35 : 0.6));
  v.onestop_handled = share(dossiers, drift(0.85, 0.97));
  v.onestop_on_time = share(v.onestop_handled as number, drift(0.88, 0.995, 0.01));
  v.budget_total = Math.round(commune ? between(size, 3000, 8000) : between(size, 12000, 40000));
  v.it_spend_state = Math.round((v.budget_total as number) * drift(0.004, 0.02, 0.002));
  v.antivirus_coverage_pct = Math.round(drift(commune ? 60 : 80, 100, 5));
  v.security_incidents = Math.max(
    1,
    Math.round(between(size, 1, commune ? 2 : 4) * between(year, 0.8, 1.25)),
  );

  // Yes/no answers differ too: communes more often lack a firewall, the specialised network or a security rule.
  const no = (chance: number) => size() < chance;
  v.specialised_network = !no(commune ? 0.6 : 0.1);
  v.firewall_in_place = !no(commune ? 0.7 : 0.15);
  v.backup_in_place = !no(commune ? 0.5 : 0.2);
  for (const [rule, chance] of [
    ['security', commune ? 0.7 : 0.25],
    ['email', commune ? 0.5 : 0.15],
  ] as const) {
    if (!no(chance)) continue;
    Object.assign(v, {
      [`rule_${rule}_issued`]: false,
      [`rule_${rule}_doc_number`]: null,
      [`rule_${rule}_doc_date`]: null,
    });
  }

  if (unit.id === 'so-y-te' && catalog.year === 2024) {
    v.docs_sent_electronic = share(v.docs_sent_total as number, 0.35);
    v.docs_received_electronic = share(v.docs_received_total as number, 0.4);
  }
  if (unit.id === 'so-khcn-2025' && catalog.year === 2025) {
    Object.assign(v, { dossiers_total: 0, dossiers_online: 0, onestop_handled: 0, onestop_on_time: 0 });
  }
  if (unit.id === 'so-tai-chinh-2025' && catalog.year === 2025) {
    Object.assign(v, {
      staff_total: 60,
      staff_with_computer: 59,
      staff_official_mailbox: 58,
      staff_email_regular: 50,
      staff_foreign_mail: 3,
      staff_internet: 60,
      staff_trained_basic: 55,
      computers_in_use: 59,
      computers_old: 9,
      computers_internet: 55,
      it_staff: 2,
      it_staff_college: 2,
    });
  }
  return v;
}

/** What the inspection team recorded on site for 2025, from what the unit reported; then whether it accepted. */
const VERIFIED_2025: Readonly<
  Record<string, { fields: (v: ReportValues) => Record<string, number>; comment: string; accept: boolean }>
> = {
  'so-tai-chinh-2025': {
    fields: () => ({ staff_email_regular: 42, computers_in_use: 55 }),
    comment: 'Đếm lại tại chỗ / Recounted on site',
    accept: true,
  },
  'phuong-dien-bien-phu': {
    fields: (v) => ({ staff_email_regular: Math.round((v.staff_email_regular as number) * 0.9) }),
    comment: 'Đối chiếu danh sách hộp thư / Checked against the mailbox list',
    accept: false,
  },
};

export function seedReportStates(units: readonly Unit[]): { state: ReportState; revisions: Transition[] }[] {
  const out: { state: ReportState; revisions: Transition[] }[] = [];
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
            valuesFor(catalog, unit),
            { sub: `agency-${unit.id}`, role: 'agency' },
            new Date(`${year}-11-${10 + (index % 10)}T09:00:00+07:00`),
            period,
          ) as Transition;
          out.push({ state: draft.next, revisions: [draft] });
          return;
        }
        const agency: Actor = { sub: `agency-${unit.id}`, role: 'agency' };
        const values = valuesFor(catalog, unit);
        const evidenceFields = new Set(catalog.fields.map((f) => f.code));
        const problems = validateSubmission(catalog, values, { evidenceFields });
        if (problems.length) throw new Error(`demo report for ${unit.id} is invalid: ${problems[0]?.path}`);
        const saved = saveDraft(
          emptyReport(year, unit.id),
          values,
          agency,
          new Date(`${year + 1}-01-10T09:00:00+07:00`),
          period,
        ) as Transition;
        const submitted = submit(
          saved.next,
          agency,
          new Date(`${year + 1}-01-${20 + (index % 10)}T10:00:00+07:00`),
          period,
          [],
          { attestation: SEED_HEAD, evidenceByField: {} },
        );
        const revisions: Transition[] = [saved, submitted];
        const last = () => (revisions[revisions.length - 1] as Transition).next;
        const check = year === 2025 ? VERIFIED_2025[unit.id] : undefined;
        if (check) {
          const fields = Object.fromEntries(
            Object.entries(check.fields(values)).map(([f, value]) => [f, { value, comment: check.comment }]),
          );
          revisions.push(
            recordVerification(last(), fields, auditor, new Date(`${year + 1}-02-20T09:00:00+07:00`)),
          );
        }
        if (check ? check.accept : year === 2024 || index % 2 === 0) {
          revisions.push(
            acceptReport(
              last(),
              'Đạt yêu cầu / Accepted',
              auditor,
              new Date(`${year + 1}-03-01T10:00:00+07:00`),
            ),
          );
        }
        out.push({ state: last(), revisions });
      });
  }
  return out;
}

import { beforeAll, describe, expect, it } from 'vitest';
import { catalogFor, exampleValues, type Catalog, type FieldValue } from '#shared/catalog/index';
import type { ReportState } from '#shared/domain/report';
import type { Unit } from '#shared/hierarchy';
import { rollupYear } from '#shared/rollup/rollupYear';
import { timelessLevels } from '../../fixtures/hierarchies.ts';
import { memoryRollupStore, reportOf } from './memoryPorts.ts';
import { recompute } from './recompute.ts';

/*
 * Independent recomputation: every number the 2026 rollup publishes in its JSON, recomputed from the raw
 * reports by recompute.ts, which shares only the catalog's data with the rollup code. The fixture has 16
 * units and every case that changes a published figure: verified values on an accepted report and on one
 * under review, a verification left over from before a return (which must not count), not-applicable
 * indicators, a late report, units that did not report (draft, returned, not started), a report of a unit
 * the hierarchy no longer has, and a previous year (2025) that was never rolled up.
 */
const YEAR = 2026;
const c2026 = catalogFor(YEAR) as Catalog;
const c2025 = catalogFor(YEAR - 1) as Catalog;

const unit = (
  id: string,
  level: Unit['level'],
  parentId?: string,
  reports = true,
  more: Partial<Unit> = {},
): Unit => ({
  id,
  code: id.toUpperCase(),
  name: { vi: `Đơn vị ${id}`, en: `Unit ${id}` },
  level,
  ...(parentId ? { parentId } : {}),
  reports,
  validFrom: '2000-01-01',
  ...more,
});
const UNTIL_2025 = { validTo: '2025-12-31' };

const units: Unit[] = [
  unit('tinh', 'province', undefined, false),
  ...['so-1', 'so-2', 'so-3', 'so-4', 'so-5'].map((id) => unit(id, 'province', 'tinh')),
  ...['huyen-1', 'huyen-2', 'huyen-3'].map((id) => unit(id, 'district', 'tinh')),
  ...['xa-1', 'xa-2'].map((id) => unit(id, 'commune', 'huyen-1')),
  ...['xa-3', 'xa-4'].map((id) => unit(id, 'commune', 'huyen-3')),
  unit('xa-5', 'commune', 'huyen-3'),
  unit('xa-6', 'commune', 'huyen-2'),
  // Merged on 1 January 2026: xa-7 is compared with xa-cu-a and xa-cu-b's 2025 reports combined.
  unit('xa-cu-a', 'commune', 'huyen-2', true, UNTIL_2025),
  unit('xa-cu-b', 'commune', 'huyen-2', true, UNTIL_2025),
  unit('xa-7', 'commune', 'huyen-2', true, {
    validFrom: '2026-01-01',
    predecessors: [
      { unitId: 'xa-cu-a', change: 'merge' },
      { unitId: 'xa-cu-b', change: 'merge' },
    ],
  }),
];

/** The example report with each unit's own numbers: sizes and shares that differ unit to unit. */
function valuesOf(k: number, year: number, patch: Record<string, FieldValue> = {}) {
  const v: Record<string, FieldValue> = { ...exampleValues(c2026) };
  const staff = 40 + 13 * k + (year % 7);
  Object.assign(v, {
    staff_total: staff,
    computers_in_use: staff + (k % 4),
    computers_old: 3 + k,
    computers_internet: staff - 2,
    staff_with_computer: staff - (k % 3),
    staff_official_mailbox: staff - 1,
    staff_email_regular: Math.round(staff * (0.5 + ((k * 7 + year) % 45) / 100)),
    staff_foreign_mail: k % 5,
    staff_internet: staff,
    staff_trained_basic: staff - 3,
    antivirus_coverage_pct: 60 + ((k * 11) % 41),
    security_incidents: k % 3,
    internet_bandwidth_mbps: 50 + 10 * k,
    docs_sent_electronic: 1000 + 50 * k,
    dossiers_total: 1000 + 100 * k,
    dossiers_online: 300 + 40 * k,
    it_staff: 1 + (k % 3),
    it_staff_college: k % 2,
    firewall_in_place: k % 3 !== 0,
    rule_security_issued: k % 4 !== 1,
  });
  return { ...v, ...patch };
}

const at = (day: string) => `${day}T03:00:00.000Z`;
const verify = (value: FieldValue, day: string) => ({ value, by: 'auditor-1', at: at(day) });
const decided = (verdict: 'accepted' | 'rejected', fields: string[], day: string) => ({
  verdict,
  fields,
  ...(verdict === 'rejected' ? { reason: 'Không đúng văn bản' } : {}),
  by: 'auditor-1',
  at: at(day),
});
const RUN_AT = new Date('2027-02-01T00:30:00+07:00');
/** Published on `day`, the window closing `closes` (the run is on 1 February 2027). */
const preliminary = (day: string, closes: string) => ({
  round: 1,
  publishedAt: at(day),
  publishedBy: 'auditor-1',
  objectionDeadline: at(closes),
});

const reports: ReportState[] = [
  // 2025: never rolled up. xa-4 did not report that year; a unit since removed did.
  ...units
    .filter((u) => u.reports && u.id !== 'xa-4' && u.id !== 'xa-7')
    .map((u, k) =>
      reportOf(
        YEAR - 1,
        u.id,
        valuesOf(k, YEAR - 1),
        u.id === 'so-2'
          ? {
              status: 'accepted',
              verification: { staff_total: verify(200, '2026-02-10') },
              submittedAt: at('2026-01-20'),
            }
          : {},
      ),
    ),
  reportOf(YEAR - 1, 'xa-cu', valuesOf(20, YEAR - 1)),
  // huyen-3 changes a lot from 2025: its electronic documents jump.
  // 2026:
  reportOf(YEAR, 'so-1', valuesOf(1, YEAR), {
    status: 'accepted',
    submittedAt: at('2027-01-20'),
    acceptedAt: at('2027-03-01'),
    verification: {
      staff_email_regular: verify(20, '2027-02-15'),
      computers_in_use: verify(50, '2027-02-15'),
    },
  }),
  reportOf(YEAR, 'so-2', valuesOf(2, YEAR), {
    submittedAt: at('2027-01-21'),
    verification: {
      staff_email_regular: verify(30, '2027-02-16'),
      lan_available: verify(false, '2027-02-16'),
      staff_total: { comment: 'Chưa khớp biên chế', by: 'auditor-1', at: at('2027-02-16') },
    },
  }),
  reportOf(YEAR, 'so-3', valuesOf(3, YEAR, { dossiers_total: 0, dossiers_online: 0 }), { late: true }),
  reportOf(YEAR, 'so-4', valuesOf(4, YEAR), { status: 'draft', submissions: 0, submittedAt: undefined }),
  reportOf(YEAR, 'so-5', valuesOf(5, YEAR), { status: 'returned' }),
  // Returned once with a verification, then resubmitted: that check was of figures since replaced.
  reportOf(YEAR, 'huyen-1', valuesOf(6, YEAR), {
    submissions: 2,
    submittedAt: at('2027-02-20'),
    verification: { staff_email_regular: verify(1, '2027-02-01') },
  }),
  // The budget decision rejected: the IT spending share earns no points (the catalog's noPoints); the security
  // rule's decision rejected too, which only flags.
  reportOf(
    YEAR,
    'huyen-3',
    valuesOf(8, YEAR, { docs_sent_electronic: 2400, docs_received_electronic: 5200 }),
    {
      evidenceByField: { budget_total: ['ev-budget'], rule_security_issued: ['ev-rule'] },
      documents: {
        'ev-budget': decided('rejected', ['budget_total'], '2027-01-25'),
        'ev-rule': decided('rejected', ['rule_security_issued'], '2027-01-25'),
      },
    },
  ),
  // Preliminary, the unit may still object on the day of the run.
  reportOf(YEAR, 'xa-1', valuesOf(9, YEAR), {
    status: 'preliminary',
    verification: { staff_internet: verify(30, '2027-01-25') },
    preliminary: preliminary('2027-01-26', '2027-02-02'),
  }),
  // One of two documents behind the budget rejected: the other still backs it.
  reportOf(
    YEAR,
    'xa-2',
    valuesOf(10, YEAR, { staff_total: 20, staff_email_regular: 6, staff_official_mailbox: 10 }),
    {
      evidenceByField: { budget_total: ['ev-a', 'ev-b'] },
      documents: {
        'ev-a': decided('rejected', ['budget_total'], '2027-01-25'),
        'ev-b': decided('accepted', ['budget_total'], '2027-01-25'),
      },
    },
  ),
  reportOf(YEAR, 'xa-3', valuesOf(11, YEAR), { late: true }),
  reportOf(YEAR, 'xa-4', valuesOf(12, YEAR)),
  // Objected; one objection upheld (its value is a verified one), the other not yet answered.
  reportOf(YEAR, 'xa-5', valuesOf(13, YEAR, { it_staff: 0, it_staff_college: 0 }), {
    status: 'objected',
    preliminary: preliminary('2027-01-22', '2027-01-29'),
    verification: { staff_trained_basic: verify(40, '2027-01-21') },
    objections: {
      staff_trained_basic: {
        explanation: 'Đã có chứng chỉ bổ sung',
        evidenceIds: [],
        by: 'agency-xa-5',
        at: at('2027-01-24'),
        answer: {
          verdict: 'upheld',
          value: 10,
          reason: 'Đủ chứng chỉ',
          by: 'auditor-1',
          at: at('2027-01-27'),
        },
      },
      staff_internet: {
        explanation: 'Số liệu đúng',
        evidenceIds: [],
        by: 'agency-xa-5',
        at: at('2027-01-24'),
      },
    },
  }),
  // Preliminary and the window closed with no objection: final by rule, before anyone recorded it.
  reportOf(YEAR, 'xa-6', valuesOf(14, YEAR), {
    status: 'preliminary',
    verification: { computers_old: verify(40, '2027-01-20') },
    preliminary: preliminary('2027-01-21', '2027-01-28'),
  }),
  reportOf(YEAR, 'xa-7', valuesOf(16, YEAR)),
  reportOf(YEAR, 'xa-gone', valuesOf(15, YEAR)),
];

async function published() {
  const store = memoryRollupStore({ units, levels: timelessLevels, reports });
  await rollupYear({
    year: YEAR,
    catalog: c2026,
    previousCatalog: c2025,
    runId: 'independent',
    requestedBy: 'test',
    now: () => RUN_AT,
    sources: store.sources,
    sinks: store.sinks(YEAR),
  });
  return JSON.parse(store.published(YEAR, 'json') as string);
}

/** Numbers as the JSON writes them (4 decimals), everything else as it is. */
const rounded = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' ? Math.round(x * 10_000) / 10_000 || 0 : x)),
  );

describe('independent recomputation of the 2026 rollup from the raw reports', () => {
  let rollup: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const expected = recompute(c2026, c2025, YEAR, timelessLevels, units, reports, RUN_AT);
  beforeAll(async () => {
    rollup = await published();
  });

  it('the fixture has the cases that change published figures', () => {
    expect(units.length).toBeGreaterThanOrEqual(14);
    const byId = (id: string) => rollup.units.find((u: { unitId: string }) => u.unitId === id);
    expect(byId('so-1').verification).toBe('accepted');
    expect(byId('so-2').verification).toBe('under_review');
    // The two-round review: still open to objection, objected, and lapsed into final.
    expect(byId('xa-1').verification).toBe('preliminary');
    expect(byId('xa-5').verification).toBe('preliminary');
    expect(byId('xa-6')).toMatchObject({ status: 'accepted', verification: 'accepted' });
    // A rejected budget decision takes the spending share's points; a rejected rule decision only flags.
    expect(byId('huyen-3').evidence.unsupported).toEqual(['budget_total', 'rule_security_issued']);
    expect(byId('huyen-3').evidence.effects).toEqual([
      { indicator: 'it_spend_share_pct', effect: 'noPoints' },
    ]);
    expect(byId('huyen-3').indicators.it_spend_share_pct.value).toBeGreaterThan(0);
    expect(byId('xa-2').evidence).toBeUndefined();
    expect(byId('huyen-1').verification).toBe('self_reported');
    expect(byId('so-3').score.notApplicable).toEqual(['dossiers_online_pct', 'onestop_on_time_pct']);
    expect(byId('xa-5').indicators.it_staff_college_pct.notApplicable).toBe(true);
    expect(byId('so-3').status).toBe('late');
    expect(['so-4', 'so-5', 'huyen-2'].map((id) => byId(id).status)).toEqual([
      'draft',
      'returned',
      'not_started',
    ]);
    expect(byId('huyen-3').outliers.map((o: { indicator: string }) => o.indicator)).toContain(
      'docs_electronic_pct',
    );
    // 2025 was never rolled up, yet every unit that reported then has its change.
    expect(byId('xa-1').previous.email_regular_pct).not.toBeNull();
    expect(byId('xa-4').previous).toBeUndefined();
    // The merged unit: its predecessors' 2025 reports combined; they are not in 2026's hierarchy.
    expect(byId('xa-7').comparedWith).toMatchObject({
      basis: 'predecessors',
      predecessors: ['xa-cu-a', 'xa-cu-b'],
    });
    expect(byId('xa-7').previous.email_regular_pct).not.toBeNull();
    expect(byId('xa-cu-a')).toBeUndefined();
  });

  it('every unit row: status, official figures, self-reported figures and gaps, score, change, targets, outliers, answers', () => {
    const strip = (u: Record<string, unknown>) => {
      const { code: _c, name: _n, outliers, comparedWith, ...rest } = u;
      const c = comparedWith as { basis: string; predecessors?: string[] } | undefined;
      return {
        ...rest,
        ...(c
          ? { comparedWith: { basis: c.basis, ...(c.predecessors ? { predecessors: c.predecessors } : {}) } }
          : {}),
        ...(outliers ? { outliers: (outliers as { indicator: string }[]).map((o) => o.indicator) } : {}),
      };
    };
    const mine = expected.rows.map(({ lastYear: _l, selfReportedFigures: _s, ...r }) => r);
    expect(rollup.units.map(strip)).toEqual(rounded(mine));
  });

  it('every group: completeness, verification counts, official and self-reported values, targets, change, yes/no shares', () => {
    const got = Object.fromEntries(
      rollup.groups.map(
        (g: {
          key: string;
          completeness: unknown;
          verification: unknown;
          indicators: unknown;
          answers: unknown;
        }) => [
          g.key,
          {
            completeness: g.completeness,
            verification: g.verification,
            indicators: g.indicators,
            answers: g.answers,
          },
        ],
      ),
    );
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected.groups).sort());
    expect(got).toEqual(rounded(expected.groups));
  });

  it('the ranking within each level, the distributions, the verification summary, the missing units and the orphans', () => {
    expect(
      rollup.ranking.map((l: { level: string; units: { unitId: string; rank: number }[] }) => ({
        level: l.level,
        units: l.units.map((u) => ({ unitId: u.unitId, rank: u.rank })),
      })),
    ).toEqual(expected.ranking);
    expect(rollup.distributions).toEqual(rounded(expected.distributions));
    expect({ unitsVerified: rollup.verification.unitsVerified, fields: rollup.verification.fields }).toEqual(
      rounded(expected.verification),
    );
    expect(rollup.verification.states).toEqual(expected.groups.overall?.verification);
    expect(rollup.completeness).toEqual({
      ...(expected.groups.overall?.completeness as object),
      missingUnits: expected.missingUnits,
    });
    expect([rollup.orphanReports, rollup.previousOrphanReports]).toEqual([
      expected.orphanReports,
      expected.previousOrphanReports,
    ]);
  });

  it('every ranking entry’s numbers are the unit row’s', () => {
    for (const level of rollup.ranking)
      for (const e of level.units) {
        const row = rollup.units.find((u: { unitId: string }) => u.unitId === e.unitId);
        expect({
          points: e.points,
          applicableMax: e.applicableMax,
          share: e.share,
          score: e.score,
          band: e.band,
          level: e.level,
        }).toEqual({
          points: row.score.points,
          applicableMax: row.score.applicableMax,
          share: row.score.share,
          score: row.score.score,
          band: row.score.band,
          level: row.level,
        });
      }
  });
});

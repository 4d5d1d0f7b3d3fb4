import { describe, expect, it } from 'vitest';
import {
  aggregateIndicator,
  computeIndicators,
  ratio,
  type IndicatorValue,
  type ReportValues,
} from '#shared/catalog/index';
import { c2025, indicatorOf } from './helpers.ts';

/** Hand-computed: inputs, and numerator / denominator / value worked out on paper. */
const cases: ReadonlyArray<{
  code: string;
  values: ReportValues;
  expected: [numerator: number, denominator: number, value: number];
  noData: ReportValues;
}> = [
  {
    code: 'computers_per_staff',
    values: { computers_in_use: 45, staff_total: 30 },
    expected: [45, 30, 1.5],
    noData: { computers_in_use: 45, staff_total: 0 },
  },
  {
    code: 'worn_computers_pct',
    values: { computers_old: 9, computers_in_use: 36 },
    expected: [9, 36, 25],
    noData: { computers_old: 0, computers_in_use: 0 },
  },
  {
    code: 'broadband_computers_pct',
    values: { computers_internet: 27, computers_in_use: 36 },
    expected: [27, 36, 75],
    noData: { computers_internet: 0, computers_in_use: 0 },
  },
  {
    code: 'bandwidth_per_staff_kbps',
    values: { internet_bandwidth_mbps: 50, staff_total: 40 },
    expected: [50, 40, 1250],
    noData: { internet_bandwidth_mbps: 50, staff_total: 0 },
  },
  {
    code: 'docs_electronic_pct',
    values: {
      docs_sent_electronic: 300,
      docs_received_electronic: 500,
      docs_sent_total: 400,
      docs_received_total: 600,
    },
    expected: [800, 1000, 80],
    noData: {
      docs_sent_electronic: 0,
      docs_received_electronic: 0,
      docs_sent_total: 0,
      docs_received_total: 0,
    },
  },
  {
    code: 'procedures_full_online_pct',
    values: { procedures_full_online: 12, procedures_total: 48 },
    expected: [12, 48, 25],
    noData: { procedures_full_online: 0, procedures_total: 0 },
  },
  {
    code: 'procedures_online_pct',
    values: { procedures_partial_online: 6, procedures_full_online: 12, procedures_total: 48 },
    expected: [18, 48, 37.5],
    noData: { procedures_partial_online: 0, procedures_full_online: 0, procedures_total: 0 },
  },
  {
    code: 'dossiers_online_pct',
    values: { dossiers_online: 250, dossiers_total: 1000 },
    expected: [250, 1000, 25],
    noData: { dossiers_online: 0, dossiers_total: 0 },
  },
  {
    code: 'onestop_on_time_pct',
    values: { onestop_on_time: 190, onestop_handled: 200 },
    expected: [190, 200, 95],
    noData: { onestop_on_time: 0, onestop_handled: 0 },
  },
  {
    code: 'staff_computer_pct',
    values: { staff_with_computer: 45, staff_total: 50 },
    expected: [45, 50, 90],
    noData: { staff_with_computer: 0, staff_total: 0 },
  },
  {
    code: 'official_mailbox_pct',
    values: { staff_official_mailbox: 40, staff_total: 50 },
    expected: [40, 50, 80],
    noData: { staff_official_mailbox: 40, staff_total: 0 },
  },
  {
    code: 'email_regular_pct',
    values: { staff_email_regular: 15, staff_total: 50 },
    expected: [15, 50, 30],
    noData: { staff_email_regular: 0, staff_total: 0 },
  },
  {
    code: 'foreign_mail_pct',
    values: { staff_foreign_mail: 5, staff_total: 50 },
    expected: [5, 50, 10],
    noData: { staff_foreign_mail: 5, staff_total: 0 },
  },
  {
    code: 'internet_access_pct',
    values: { staff_internet: 48, staff_total: 50 },
    expected: [48, 50, 96],
    noData: { staff_internet: 0, staff_total: 0 },
  },
  {
    code: 'it_spend_share_pct',
    values: { it_spend_state: 120, budget_total: 8000 },
    expected: [120, 8000, 1.5],
    noData: { it_spend_state: 0, budget_total: 0 },
  },
  {
    code: 'antivirus_coverage_pct',
    // 85% of 60 computers: 51 computers with antivirus, out of 60.
    values: { antivirus_coverage_pct: 85, computers_in_use: 60 },
    expected: [51, 60, 85],
    noData: { antivirus_coverage_pct: 85, computers_in_use: 0 },
  },
  {
    code: 'incidents_per_100_computers',
    values: { security_incidents: 3, computers_in_use: 60 },
    expected: [3, 60, 5],
    noData: { security_incidents: 3, computers_in_use: 0 },
  },
  {
    code: 'staff_trained_pct',
    values: { staff_trained_basic: 42, staff_total: 50 },
    expected: [42, 50, 84],
    noData: { staff_trained_basic: 0, staff_total: 0 },
  },
  {
    code: 'it_staff_pct',
    values: { it_staff: 2, staff_total: 80 },
    expected: [2, 80, 2.5],
    noData: { it_staff: 0, staff_total: 0 },
  },
  {
    code: 'it_staff_college_pct',
    values: { it_staff_college: 1, it_staff: 4 },
    expected: [1, 4, 25],
    noData: { it_staff_college: 0, it_staff: 0 },
  },
];

describe('not applicable, as the catalog defines it per indicator', () => {
  it('no dossiers received: the one-stop and online-dossier indicators do not apply', () => {
    const got = computeIndicators(c2025, {
      dossiers_total: 0,
      dossiers_online: 0,
      onestop_handled: 5,
      onestop_on_time: 5,
    });
    expect(got.dossiers_online_pct).toEqual({
      numerator: null,
      denominator: null,
      value: null,
      notApplicable: true,
    });
    expect(got.onestop_on_time_pct?.notApplicable).toBe(true);
  });

  it('no one-stop system while dossiers came in is no data (it scores 0), not "not applicable"', () => {
    const got = computeIndicators(c2025, {
      dossiers_total: 40,
      onestop_in_use: false,
      onestop_handled: null,
    });
    expect(got.onestop_on_time_pct).toEqual({ numerator: null, denominator: null, value: null });
  });

  it('no IT staff: the share of them with a degree does not apply', () => {
    expect(
      computeIndicators(c2025, { it_staff: 0, it_staff_college: 0 }).it_staff_college_pct?.notApplicable,
    ).toBe(true);
  });
});

describe('computeIndicators: every formula on hand-computed cases', () => {
  it('covers every indicator of the catalog', () => {
    expect(cases.map((c) => c.code).sort()).toEqual(c2025.indicators.map((i) => i.code).sort());
  });

  it.each(cases)('$code', ({ code, values, expected: [n, d, v] }) => {
    const got = computeIndicators(c2025, values)[code];
    expect(got?.numerator).toBeCloseTo(n, 10);
    expect(got?.denominator).toBeCloseTo(d, 10);
    expect(got?.value).toBeCloseTo(v, 10);
  });

  it.each(cases)(
    '$code: zero or missing denominator is no data (null), never 0, NaN or Infinity',
    ({ code, noData }) => {
      const got = computeIndicators(c2025, noData)[code];
      expect(got?.value).toBeNull();
    },
  );

  it('a missing numerator is no data too, even with a denominator', () => {
    const got = computeIndicators(c2025, { staff_total: 50 });
    expect(got.email_regular_pct).toEqual({ numerator: null, denominator: 50, value: null });
  });

  it('an empty report yields null for every indicator', () => {
    for (const v of Object.values(computeIndicators(c2025, {}))) expect(v.value).toBeNull();
  });

  it('ignores values of the wrong type instead of coercing them', () => {
    const got = computeIndicators(c2025, { staff_email_regular: '15', staff_total: 50 });
    expect(got.email_regular_pct?.value).toBeNull();
  });

  it('ratio() guards every way to a non-finite result', () => {
    expect(ratio(1, 0, 100)).toBeNull();
    expect(ratio(0, 0, 100)).toBeNull();
    expect(ratio(null, 5, 100)).toBeNull();
    expect(ratio(5, null, 100)).toBeNull();
    expect(ratio(Number.MAX_VALUE, Number.MIN_VALUE, 100)).toBeNull();
    expect(ratio(0, 5, 100)).toBe(0);
  });
});

describe('aggregateIndicator', () => {
  const emailPct = indicatorOf(c2025, 'email_regular_pct');
  // A small commune (9 of 10 use email) and a large department (10 of 100).
  const small: IndicatorValue = { numerator: 9, denominator: 10, value: 90 };
  const large: IndicatorValue = { numerator: 10, denominator: 100, value: 10 };

  it('ratioOfSums: Σ numerators / Σ denominators, not the mean of the percentages', () => {
    const group = aggregateIndicator(emailPct, [small, large]);
    expect(group.numerator).toBe(19);
    expect(group.denominator).toBe(110);
    expect(group.value).toBeCloseTo((19 / 110) * 100, 10); // 17.27%
    expect(group.value).not.toBeCloseTo(50, 0); // the mean of 90% and 10%
  });

  it('a share units report is weighted by its base: Σ computers with antivirus / Σ computers', () => {
    const antivirus = indicatorOf(c2025, 'antivirus_coverage_pct');
    // 100% of 10 computers and 60% of 90: 64 of 100 computers, not the plain mean of 80%.
    const reports: ReportValues[] = [
      { antivirus_coverage_pct: 100, computers_in_use: 10 },
      { antivirus_coverage_pct: 60, computers_in_use: 90 },
      {},
    ];
    const parts = reports.map((v) => computeIndicators(c2025, v).antivirus_coverage_pct as IndicatorValue);
    expect(aggregateIndicator(antivirus, parts)).toEqual({ numerator: 64, denominator: 100, value: 64 });
  });

  it('leaves out units with no data instead of counting them as 0', () => {
    const none: IndicatorValue = { numerator: null, denominator: null, value: null };
    const zeroDen: IndicatorValue = { numerator: 0, denominator: 0, value: null };
    const group = aggregateIndicator(emailPct, [small, none, zeroDen]);
    expect(group).toEqual({ numerator: 9, denominator: 10, value: 90 });
  });

  it('a group with no data at all is null', () => {
    const none: IndicatorValue = { numerator: null, denominator: null, value: null };
    expect(aggregateIndicator(emailPct, []).value).toBeNull();
    expect(aggregateIndicator(emailPct, [none, none]).value).toBeNull();
  });

  it('ratio-of-sums composes: aggregating sub-group results equals aggregating the units', () => {
    const units: IndicatorValue[] = [small, large, { numerator: 30, denominator: 40, value: 75 }];
    const all = aggregateIndicator(emailPct, units);
    const nested = aggregateIndicator(emailPct, [
      aggregateIndicator(emailPct, units.slice(0, 2)),
      aggregateIndicator(emailPct, units.slice(2)),
    ]);
    expect(nested).toEqual(all);
  });

  it('uses the indicator’s multiplier on the group', () => {
    const perStaff = indicatorOf(c2025, 'bandwidth_per_staff_kbps');
    const group = aggregateIndicator(perStaff, [
      { numerator: 100, denominator: 50, value: 2000 },
      { numerator: 20, denominator: 30, value: 666.67 },
    ]);
    expect(group.value).toBeCloseTo((120 / 80) * 1000, 10);
  });
});

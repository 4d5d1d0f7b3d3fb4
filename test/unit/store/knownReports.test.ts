import { describe, expect, it } from 'vitest';
import { emptyReport, type ReportState } from '#shared/domain/report';
import { KNOWN_REPORTS_CAPACITY, knownReport, rememberReport } from '#shared/store/knownReports';

const at = (unitId: string, version: number): ReportState => ({
  ...emptyReport(2025, unitId),
  version,
  updatedAt: `2025-03-0${Math.min(version, 9)}T00:00:00.000Z`,
});

describe('known report states', () => {
  it('version 0 is the report that does not exist yet, known without anything remembered', () => {
    expect(knownReport(2025, 'never-seen', 0)).toEqual(emptyReport(2025, 'never-seen'));
    expect(knownReport(2025, 'never-seen', 1)).toBeUndefined();
  });

  it('answers only for the version remembered, and keeps the newest of a report', () => {
    rememberReport(at('kr-a', 2));
    expect(knownReport(2025, 'kr-a', 2)).toEqual(at('kr-a', 2));
    expect(knownReport(2025, 'kr-a', 1)).toBeUndefined();
    rememberReport(at('kr-a', 3));
    rememberReport(at('kr-a', 2));
    expect(knownReport(2025, 'kr-a', 2)).toBeUndefined();
    expect(knownReport(2025, 'kr-a', 3)).toEqual(at('kr-a', 3));
    expect(knownReport(2026, 'kr-a', 3)).toBeUndefined();
  });

  it('forgets the least recently used report past its capacity, never one just used', () => {
    const fill = (prefix: string, n: number) => {
      for (let i = 0; i < n; i++) rememberReport(at(`${prefix}-${i}`, 1));
    };
    fill('kr-before', KNOWN_REPORTS_CAPACITY);
    rememberReport(at('kr-old', 1));
    rememberReport(at('kr-used', 1));
    expect(knownReport(2025, 'kr-used', 1)).toBeDefined();
    fill('kr-after', KNOWN_REPORTS_CAPACITY - 2);
    expect(knownReport(2025, 'kr-before-1', 1)).toBeUndefined();
    rememberReport(at('kr-last', 1));
    expect(knownReport(2025, 'kr-used', 1)).toBeDefined();
    expect(knownReport(2025, 'kr-old', 1)).toBeUndefined();
    expect(knownReport(2025, 'kr-last', 1)).toBeDefined();
  });
});

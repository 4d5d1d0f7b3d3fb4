import { unitStatuses, type UnitStatus } from '../domain/completeness.ts';
import { deadlineFor, type Period } from '../domain/period.ts';
import { hierarchyDayOf, inYearHierarchy } from '../domain/yearHierarchy.ts';
import type { Unit } from '../hierarchy.ts';
import { getPeriod } from '../store/periods.ts';
import { yearSummaries } from '../store/reports.ts';
import { listUnits } from '../store/units.ts';

/**
 * The year's units as its own hierarchy has them (domain/yearHierarchy.ts) and where each one's report stands:
 * who is expected, under which parent, and who has not submitted. The review list and the reminders read it.
 */
export async function yearStatuses(
  year: number,
  now: Date,
): Promise<{ period: Period; units: Unit[]; statuses: UnitStatus[] }> {
  const [everUnits, summaries, period] = await Promise.all([
    listUnits(),
    yearSummaries(year),
    getPeriod(year),
  ]);
  const day = hierarchyDayOf(period);
  const units = everUnits.filter((u) => inYearHierarchy(u, day));
  const statuses = unitStatuses(units, summaries, (unitId) => deadlineFor(period, unitId), now);
  return { period, units, statuses };
}

import { emptyReport, type ReportState } from '../domain/report.ts';

/*
 * Report states this process has read or committed, so that a save naming the version it edited (If-Match)
 * needs no read first. That is sound because a version names one state for good: each transition writes its
 * revision under attribute_not_exists in the same transaction as the current item, conditioned on the version
 * it came from. The commit built on a known state is still conditioned on that state being current, so a state
 * that is no longer current costs a refused transaction, never a wrong write. Version 0 is the report that does
 * not exist yet, known without any read.
 */
export const KNOWN_REPORTS_CAPACITY = 1000;
const known = new Map<string, ReportState>();

const slot = (year: number, unitId: string) => `${year}#${unitId}`;

/** The state at `version`, if this process knows it; the least recently used are forgotten first. */
export function knownReport(year: number, unitId: string, version: number): ReportState | undefined {
  if (version === 0) return emptyReport(year, unitId);
  const state = known.get(slot(year, unitId));
  if (!state || state.version !== version) return undefined;
  known.delete(slot(year, unitId));
  known.set(slot(year, unitId), state);
  return state;
}

export function rememberReport(state: ReportState): void {
  if (state.version === 0) return;
  const at = slot(state.year, state.unitId);
  const held = known.get(at);
  if (held && held.version > state.version) return;
  known.delete(at);
  known.set(at, state);
  if (known.size > KNOWN_REPORTS_CAPACITY) known.delete(known.keys().next().value as string);
}

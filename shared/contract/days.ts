/*
 * Calendar days as yyyy-mm-dd, for the hierarchy's validity (shared/hierarchy.ts) and for the web, which may
 * import only the contract: one home for the arithmetic both need.
 */

function shiftDay(day: string, by: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + by);
  return d.toISOString().slice(0, 10);
}
export const dayBefore = (day: string): string => shiftDay(day, -1);
export const dayAfter = (day: string): string => shiftDay(day, 1);

/** The calendar day in Vietnam (UTC+7 all year) at an instant. */
export const vietnamDay = (at: Date): string =>
  new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

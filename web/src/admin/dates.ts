/*
 * The province keeps Vietnam's time (UTC+7, no daylight saving): a date-time typed by an admin is read there,
 * whatever the browser's own zone, and sent with its offset.
 */
const OFFSET = '+07:00';
const OFFSET_MS = 7 * 3600_000;

/** An ISO instant as the value of an `<input type=datetime-local>`, in Vietnam's time. */
export function toLocalInput(iso: string): string {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : new Date(t + OFFSET_MS).toISOString().slice(0, 16);
}

/** A datetime-local value, read in Vietnam's time, as an ISO instant with its offset. */
export function fromLocalInput(value: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00${OFFSET}` : undefined;
}

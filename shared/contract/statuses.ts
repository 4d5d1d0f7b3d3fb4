/**
 * The statuses a report shows, in the order a list presents them. A module of its own, with no imports, so the
 * web pages can use it without carrying the domain's dependencies.
 */
export const DISPLAY_STATUSES = [
  'not_started',
  'draft',
  'submitted',
  'late',
  'returned',
  'accepted',
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

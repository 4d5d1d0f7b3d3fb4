/**
 * The statuses of a report and its evidence. A module of its own, with no imports, so the web pages can use it
 * without carrying the domain's dependencies.
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'returned', 'accepted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** The statuses a report shows, in the order a list presents them. */
export const DISPLAY_STATUSES = [
  'not_started',
  'draft',
  'submitted',
  'late',
  'returned',
  'accepted',
] as const;
export type DisplayStatus = (typeof DISPLAY_STATUSES)[number];

export const REVISION_ACTIONS = ['save', 'submit', 'verify', 'return', 'accept'] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

export const EVIDENCE_STATUSES = ['pending', 'verified', 'rejected', 'withdrawn'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];

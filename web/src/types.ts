/*
 * The API's JSON shapes, from the contract (type-only imports: nothing of shared/ reaches the bundle through
 * this file).
 */
export type { ResponseOf } from '#shared/contract/api';
export type { PublicCatalog } from '#shared/contract/catalog';
export type { Role } from '#shared/contract/roles';
export type { DisplayStatus, EvidenceStatus } from '#shared/contract/statuses';
export type {
  EvidenceDocument,
  EvidenceItem,
  Me,
  ReviewComment,
  ReviewList,
  ReviewListItem,
  Revision,
  RevisionSummary,
  StatusCounts,
  Unit,
  UnitRef,
  PeriodView,
  AuditLog,
  Rollup,
  UploadTicket,
  VerifiedField,
  ReportView as Report,
} from '#shared/contract/wire';

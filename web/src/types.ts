/*
 * The API's JSON shapes, from the contract (type-only imports: nothing of shared/ reaches the bundle through
 * this file).
 */
import type { Level } from '#shared/contract/wire';

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
  Level,
  PeriodView,
  AuditLog,
  AuditVerification,
  Rollup,
  RollupRuns,
  UploadTicket,
  VerifiedField,
  ReportView as Report,
} from '#shared/contract/wire';

/** A level as a page shows it: its id (for targets) and its name. */
export type LevelRef = Pick<Level, 'id' | 'name'>;

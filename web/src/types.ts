/*
 * The API's JSON shapes, taken from the code that produces them (type-only imports: nothing of shared/ reaches
 * the bundle through this file).
 */
import type { reportBody } from '#shared/api/reportView';
import type { StatusCounts, UnitStatus } from '#shared/domain/completeness';
import type { EvidenceItem as StoredEvidence } from '#shared/domain/evidence';
import type { Revision as StoredRevision } from '#shared/domain/report';
import type { Unit as HierarchyUnit } from '#shared/hierarchy';
import type { UploadTicket as Ticket } from '#shared/store/evidenceObjects';
import type { RevisionSummary as StoredSummary } from '#shared/store/reports';
import type { Role } from '#shared/contract/roles';

export type { DisplayStatus, ReviewComment, VerifiedField } from '#shared/domain/report';
export type { EvidenceStatus } from '#shared/contract/evidence';
export type { Role };
export type { StatusCounts };

export type Report = ReturnType<typeof reportBody>;
export type EvidenceItem = Omit<StoredEvidence, 'objectKey' | 'uploadedBy'>;
export type EvidenceDocument = StoredEvidence['document'];
export type UploadTicket = Ticket;
export type ReviewListItem = UnitStatus;
export type Unit = HierarchyUnit;
export type UnitRef = Omit<HierarchyUnit, 'reports'>;
export type RevisionSummary = StoredSummary;
export type Revision = StoredRevision & { readonly previousVersion: number | null };

export interface Me {
  readonly sub: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly unit?: UnitRef;
}

export interface ReviewList {
  readonly year: number;
  readonly deadline: string;
  readonly counts: StatusCounts;
  readonly items: readonly ReviewListItem[];
  readonly nextCursor: string | null;
}

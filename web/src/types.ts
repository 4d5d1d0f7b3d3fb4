import type { Bilingual } from '#shared/i18n';
import type { FieldValue, IndicatorValue } from '#shared/catalog/types';

/* The API's JSON shapes, as the route handlers and test/integration show them. */

export type DisplayStatus = 'not_started' | 'draft' | 'submitted' | 'late' | 'returned' | 'accepted';
export type Role = 'agency' | 'auditor' | 'admin';

export interface UnitRef {
  readonly id: string;
  readonly code: string;
  readonly name: Bilingual;
  readonly level: string;
  readonly parentId?: string;
}

export interface Me {
  readonly sub: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly unit?: UnitRef;
}

export interface ReviewComment {
  readonly field?: string;
  readonly text: string;
  readonly by: string;
  readonly at: string;
  readonly round: number;
}

export interface VerifiedField {
  readonly value?: FieldValue;
  readonly comment?: string;
  readonly by: string;
  readonly at: string;
}

export interface Report {
  readonly year: number;
  readonly unitId: string;
  readonly status: DisplayStatus;
  readonly version: number;
  readonly values: Record<string, FieldValue>;
  readonly indicators: Record<string, IndicatorValue>;
  readonly verification: Record<string, VerifiedField>;
  readonly comments: readonly ReviewComment[];
  readonly submissions: number;
  readonly late: boolean;
  readonly firstSubmittedAt?: string;
  readonly submittedAt?: string;
  readonly acceptedAt?: string;
  readonly updatedAt?: string;
  readonly deadline: string;
  readonly editable: boolean;
  readonly catalogVersion: string;
}

export type EvidenceStatus = 'pending' | 'verified' | 'rejected' | 'withdrawn';

export interface EvidenceDocument {
  readonly number?: string;
  readonly title: string;
  readonly issuedOn?: string;
  readonly summary?: string;
}

export interface EvidenceItem {
  readonly evidenceId: string;
  readonly year: number;
  readonly unitId: string;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  /** Base64 of the SHA-256 digest. */
  readonly sha256: string;
  readonly fields: readonly string[];
  readonly document: EvidenceDocument;
  readonly status: EvidenceStatus;
  readonly rejectedReason?: Bilingual;
  readonly createdAt: string;
  readonly verifiedAt?: string;
}

export interface UploadTicket {
  readonly url: string;
  readonly method: 'PUT';
  readonly headers: Record<string, string>;
  readonly expiresAt: string;
}

export interface ReviewListItem {
  readonly unitId: string;
  readonly code: string;
  readonly name: Bilingual;
  readonly level: string;
  readonly parentId?: string;
  readonly status: DisplayStatus;
  readonly late: boolean;
  readonly overdue: boolean;
  readonly version: number;
  readonly submittedAt?: string;
}

export type StatusCounts = Record<DisplayStatus, number> & { expected: number; overdue: number };

export interface ReviewList {
  readonly year: number;
  readonly deadline: string;
  readonly counts: StatusCounts;
  readonly items: readonly ReviewListItem[];
  readonly nextCursor: string | null;
}

export interface Unit extends UnitRef {
  readonly reports: boolean;
}

export interface RevisionSummary {
  readonly version: number;
  readonly action: 'save' | 'submit' | 'verify' | 'return' | 'accept';
  readonly status: string;
  readonly at: string;
  readonly by: { readonly sub: string; readonly role: Role };
}

export interface Revision extends RevisionSummary {
  readonly values: Record<string, FieldValue>;
  readonly diff: readonly { field: string; from?: FieldValue; to?: FieldValue }[];
  readonly comments?: readonly ReviewComment[];
  readonly verification?: Record<string, VerifiedField>;
  readonly previousVersion: number | null;
}

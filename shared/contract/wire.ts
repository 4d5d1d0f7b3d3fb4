import {
  array,
  boolean,
  enum as zEnum,
  int,
  literal,
  looseObject,
  null as zNull,
  number,
  object,
  record,
  string,
  union,
  unknown as zUnknown,
  type output,
  type ZodType,
} from 'zod';
import { CHANGE_KINDS } from '../hierarchy.ts';
import { catalogSourceSchema } from './catalog.ts';
import { COMMENT_VISIBILITIES } from './comments.ts';
import { EVIDENCE_PURPOSES, EVIDENCE_TYPES, type EvidenceContentType } from './evidence.ts';
import { REMINDER_SKIPS, REMINDER_STATUSES } from './reminders.ts';
import { ROLES } from './roles.ts';
import {
  DISPLAY_STATUSES,
  DOCUMENT_VERDICTS,
  EVIDENCE_STATUSES,
  OBJECTION_VERDICTS,
  REPORT_STATUSES,
  REVISION_ACTIONS,
} from './statuses.ts';

/*
 * The JSON the API answers with, as schemas: the OpenAPI document states them, the integration suite checks
 * every real answer against them, and the types below (what the browser reads) are inferred from them. Objects
 * are closed, so a field the server starts sending shows up here first.
 *
 * Run-time code imports this module only to describe or check answers; handlers and the browser import its
 * types alone, so none of zod reaches their bundles through it.
 */
const list = <T extends ZodType>(item: T) => array(item).readonly();
const bilingual = object({ vi: string(), en: string() }).readonly();
const fieldValue = union([number(), boolean(), string(), zNull()]);
const reportValues = record(string(), fieldValue).readonly();
const contentTypes = Object.keys(EVIDENCE_TYPES) as [EvidenceContentType, ...EvidenceContentType[]];

const actor = object({ sub: string(), role: zEnum(ROLES) }).readonly();

/** Absent on comments made before visibilities existed: those were all for the unit. */
const visibility = zEnum(COMMENT_VISIBILITIES);

export const reviewCommentSchema = object({
  field: string().optional(),
  text: string(),
  visibility: visibility.optional(),
  by: string(),
  at: string(),
  round: int(),
}).readonly();

export const verifiedFieldSchema = object({
  value: fieldValue.optional(),
  comment: string().optional(),
  /** Of the comment; absent means internal. */
  visibility: visibility.optional(),
  by: string(),
  at: string(),
}).readonly();

/** The head of the agency who vouched for the submission, as the receipt shows them. */
export const attestationSchema = object({
  headName: string(),
  headTitle: string(),
  by: string(),
  at: string(),
}).readonly();

export const documentDecisionSchema = object({
  verdict: zEnum(DOCUMENT_VERDICTS),
  reason: string().optional(),
  fields: list(string()),
  by: string(),
  at: string(),
}).readonly();

export const objectionSchema = object({
  explanation: string(),
  evidenceIds: list(string()),
  by: string(),
  at: string(),
  /** Shown to the unit once the review is final (or the report returned). */
  answer: object({
    verdict: zEnum(OBJECTION_VERDICTS),
    value: fieldValue.optional(),
    reason: string(),
    by: string(),
    at: string(),
  })
    .readonly()
    .optional(),
}).readonly();

export const preliminarySchema = object({
  round: int(),
  publishedAt: string(),
  publishedBy: string(),
  objectionDeadline: string(),
}).readonly();

const indicatorValue = object({
  numerator: number().nullable(),
  denominator: number().nullable(),
  value: number().nullable(),
  /** The catalog's notApplicableWhen holds: no value, and no points either way. */
  notApplicable: literal(true).optional(),
}).readonly();

/** A report as the API shows it: its state, derived indicators and whether its unit can still change it. */
export const reportViewSchema = object({
  year: int(),
  unitId: string(),
  status: zEnum(DISPLAY_STATUSES),
  version: int(),
  values: reportValues,
  indicators: record(string(), indicatorValue).readonly(),
  verification: record(string(), verifiedFieldSchema).readonly(),
  comments: list(reviewCommentSchema),
  submissions: int(),
  late: boolean(),
  firstSubmittedAt: string().optional(),
  submittedAt: string().optional(),
  acceptedAt: string().optional(),
  updatedAt: string().optional(),
  updatedBy: string().optional(),
  attestation: attestationSchema.optional(),
  /** The auditors' decision on each document, by evidence id (for the unit: once published). */
  documents: record(string(), documentDecisionSchema).readonly().optional(),
  preliminary: preliminarySchema.optional(),
  /** The unit's objections by field; answers reach the unit when the review is final. */
  objections: record(string(), objectionSchema).readonly().optional(),
  /**
   * Once submitted: the official values (domain/officialValues.ts), verified or upheld where the auditors
   * recorded one on this submission, self-reported elsewhere; for the unit, as far as it may see the review.
   */
  official: reportValues.optional(),
  /** Fields whose every backing document the auditors rejected: their evidence requirement no longer holds. */
  unsupported: list(string()).optional(),
  /** The unit's own deadline (a lock exception moves it). */
  deadline: string(),
  /** Whether the unit can still change the report now: its status allows it and its deadline has not passed. */
  editable: boolean(),
  catalogVersion: string(),
  /**
   * While submitted or accepted: the submission's reference, the version it created (the review's steps add
   * versions after it) and the SHA-256 of its values (contract/receipt.ts).
   */
  receipt: object({ reference: string(), version: int(), valuesSha256: string().regex(/^[0-9a-f]{64}$/) })
    .readonly()
    .optional(),
}).readonly();

const valueChange = object({
  field: string(),
  from: fieldValue.optional(),
  to: fieldValue.optional(),
}).readonly();

export const revisionSummarySchema = object({
  version: int(),
  action: zEnum(REVISION_ACTIONS),
  status: zEnum(REPORT_STATUSES),
  at: string(),
  by: actor,
}).readonly();

export const revisionSchema = object({
  year: int(),
  unitId: string(),
  version: int(),
  action: zEnum(REVISION_ACTIONS),
  status: zEnum(REPORT_STATUSES),
  at: string(),
  by: actor,
  values: reportValues,
  diff: list(valueChange),
  comments: list(reviewCommentSchema).optional(),
  verification: record(string(), verifiedFieldSchema).readonly().optional(),
  documents: record(string(), documentDecisionSchema).readonly().optional(),
  objections: record(string(), objectionSchema).readonly().optional(),
  attestation: attestationSchema.optional(),
  previousVersion: int().nullable(),
}).readonly();

export const revisionListSchema = object({
  year: int(),
  unitId: string(),
  versions: list(revisionSummarySchema),
}).readonly();

export const evidenceItemSchema = object({
  evidenceId: string(),
  year: int(),
  unitId: string(),
  status: zEnum(EVIDENCE_STATUSES),
  fileName: string(),
  contentType: zEnum(contentTypes),
  size: int(),
  sha256: string(),
  fields: list(string()),
  document: object({
    number: string().optional(),
    title: string(),
    issuedOn: string().optional(),
    summary: string().optional(),
  }).readonly(),
  objectKey: string(),
  uploadedBy: string(),
  createdAt: string(),
  verifiedAt: string().optional(),
  /** The stored version that was verified, where the bucket keeps versions. */
  versionId: string().optional(),
  /** The report's evidence slot the file holds. */
  slot: int().optional(),
  /** While pending: when the declaration lapses and its slot is free again. */
  pendingUntil: string().optional(),
  rejectedAt: string().optional(),
  rejectedReason: bilingual.optional(),
  withdrawnAt: string().optional(),
  /** A file over EVIDENCE_PART_BYTES: each part's SHA-256, and the multipart upload it goes up in. */
  parts: list(string()).optional(),
  uploadId: string().optional(),
  /** `official_report`: the signed official report, which backs no field. */
  purpose: zEnum(EVIDENCE_PURPOSES).optional(),
  /** A verified PDF: whether it carries a digital signature dictionary (the certificate chain is not validated). */
  signed: boolean().optional(),
}).readonly();

const signedRequest = {
  url: string(),
  /** Exactly these headers must be sent; the signature covers them (and the Content-Length). */
  headers: record(string(), string()).readonly(),
};
/**
 * How to send the bytes: one presigned PUT, or for a file over EVIDENCE_PART_BYTES a PUT per part of a
 * multipart upload. `parts` lists only what is still to send: after a dropped connection or a reload, GET
 * /evidence/{id}/upload answers the parts storage does not hold yet, with fresh links.
 */
export const uploadTicketSchema = union([
  object({ method: literal('PUT'), ...signedRequest, expiresAt: string() }).readonly(),
  object({
    method: literal('MULTIPART'),
    uploadId: string(),
    partBytes: int(),
    parts: list(object({ partNumber: int(), ...signedRequest }).readonly()),
    /** Parts storage already holds, with the declared checksum. */
    done: list(int()),
    expiresAt: string(),
  }).readonly(),
]);

export const evidenceDeclaredSchema = object({
  evidence: evidenceItemSchema,
  upload: uploadTicketSchema,
}).readonly();
export const evidenceOneSchema = object({ evidence: evidenceItemSchema }).readonly();
export const evidenceListSchema = object({ items: list(evidenceItemSchema) }).readonly();

export const downloadLinkSchema = object({
  url: string(),
  /** For an image (EVIDENCE_TYPES' `preview`): the same bytes, served inline, for a sandboxed frame. */
  viewUrl: string().optional(),
  expiresAt: string(),
  fileName: string(),
  sha256: string(),
}).readonly();

const unitName = bilingual;
/** A unit through time (shared/hierarchy.ts): its days, where it came from, the documents that made it. */
export const unitSchema = object({
  id: string(),
  code: string(),
  name: unitName,
  level: string(),
  parentId: string().optional(),
  reports: boolean(),
  validFrom: string(),
  validTo: string().optional(),
  predecessors: list(object({ unitId: string(), change: zEnum(CHANGE_KINDS) }).readonly()).optional(),
  establishedBy: string().optional(),
  endedBy: string().optional(),
  contactEmail: string().optional(),
}).readonly();
const levelSchema = object({
  id: string(),
  name: bilingual,
  rank: int(),
  validFrom: string(),
  validTo: string().optional(),
  establishedBy: string().optional(),
  endedBy: string().optional(),
}).readonly();
const unitRef = object({
  id: string(),
  code: string(),
  name: unitName,
  level: string(),
  /** The level's name, for the form's "target at your level". */
  levelName: bilingual.optional(),
  parentId: string().optional(),
  validFrom: string(),
  validTo: string().optional(),
}).readonly();

export const meSchema = object({
  sub: string(),
  role: zEnum(ROLES),
  unitId: string().optional(),
  unit: unitRef.optional(),
}).readonly();

/** The hierarchy through time, or of one day (`asOf`, and `year` when asked by reporting year). */
export const unitListSchema = object({
  year: int().optional(),
  asOf: string().optional(),
  levels: list(levelSchema),
  units: list(unitSchema),
}).readonly();
/** The hierarchy's version after the edit. */
export const unitsSavedSchema = object({ saved: int(), version: int() }).readonly();
/** Every unit the reorganization ended or created, as stored. */
export const reorganizedSchema = object({ version: int(), units: list(unitSchema) }).readonly();

export const reviewListItemSchema = object({
  unitId: string(),
  code: string(),
  name: unitName,
  level: string(),
  parentId: string().optional(),
  status: zEnum(DISPLAY_STATUSES),
  version: int(),
  late: boolean(),
  /** Deadline passed and nothing submitted. */
  overdue: boolean(),
  submittedAt: string().optional(),
  updatedAt: string().optional(),
}).readonly();

export const statusCountsSchema = object({
  ...Object.fromEntries(DISPLAY_STATUSES.map((s) => [s, int()])),
  expected: int(),
  overdue: int(),
} as Record<(typeof DISPLAY_STATUSES)[number] | 'expected' | 'overdue', ReturnType<typeof int>>).readonly();

export const reviewListSchema = object({
  year: int(),
  deadline: string(),
  counts: statusCountsSchema,
  items: list(reviewListItemSchema),
  nextCursor: string().nullable(),
}).readonly();

export const periodViewSchema = object({
  year: int(),
  opensAt: string(),
  deadline: string(),
  lockExceptions: list(object({ unitId: string(), until: string(), reason: string() }).readonly()),
  hierarchyAsOf: string().optional(),
  reminderDaysBefore: int().optional(),
  objectionWindowDays: int().optional(),
  /** True when nobody set the period and Circular 06/2013's defaults apply. */
  isDefault: boolean(),
}).readonly();

/** One entry of the audit log: its chain (`unit#stream#lane`), its place in it and the hashes that bind it. */
export const auditEntrySchema = object({
  chain: string(),
  seq: int(),
  prevHash: string(),
  hash: string(),
  year: int(),
  at: string(),
  actor: object({ sub: string(), role: string() }).readonly(),
  action: string(),
  unitId: string(),
  object: string().optional(),
  evidenceId: string().optional(),
  sourceIp: string(),
  forwardedFor: string().optional(),
  details: record(string(), zUnknown()).readonly().optional(),
}).readonly();

/** A page of the log in time order; `next` is the cursor of the page after it. */
export const auditLogSchema = object({
  year: int(),
  entries: list(auditEntrySchema),
  next: string().optional(),
}).readonly();

/** A unit's chains of a year, each checked link by link and against the newest anchor. */
export const auditVerificationSchema = object({
  year: int(),
  unitId: string(),
  verified: boolean(),
  anchor: object({ at: string(), reason: zEnum(['daily', 'rollup', 'manual']) })
    .readonly()
    .nullable(),
  forgedAnchor: literal(true).optional(),
  chains: list(
    object({
      chain: string(),
      verified: boolean(),
      brokenAt: int().optional(),
      count: int(),
      anchoredSeq: int(),
      problem: zEnum(['link', 'head', 'anchor', 'truncated']).optional(),
    }).readonly(),
  ),
}).readonly();

const rollupStatus = zEnum(['running', 'succeeded', 'failed']);
/** POST /reminders/{year}: the round asked for, and what it will do as things stand now. */
export const remindersQueuedSchema = object({
  year: int(),
  round: string(),
  queued: int(),
  noAddress: int(),
  /** The first units left out, and why (at most MAX_REMINDER_UNITS); `skippedTotal` counts them all. */
  skipped: list(object({ unitId: string(), reason: zEnum(REMINDER_SKIPS) }).readonly()),
  skippedTotal: int(),
}).readonly();

/** GET /reminders/{year}: the outbox, newest first. */
export const reminderListSchema = object({
  year: int(),
  items: list(
    object({
      year: int(),
      unitId: string(),
      round: string(),
      kind: zEnum(['scheduled', 'manual']),
      status: zEnum(REMINDER_STATUSES),
      to: string().optional(),
      subject: string(),
      text: string(),
      deadline: string(),
      requestedBy: string(),
      createdAt: string(),
      sentAt: string().optional(),
      messageId: string().optional(),
      error: string().optional(),
    }).readonly(),
  ),
  next: string().optional(),
}).readonly();

export const rollupStartedSchema = object({
  year: int(),
  runId: string(),
  status: literal('running'),
}).readonly();
const rollupRun = {
  year: int(),
  status: rollupStatus,
  runId: string(),
  requestedBy: string(),
  startedAt: string(),
  finishedAt: string().optional(),
  error: string().optional(),
  counts: record(string(), number()).readonly().optional(),
  catalogVersion: string().optional(),
  targetSet: string().optional(),
};
export const rollupSchema = object({
  ...rollupRun,
  links: record(string(), string()).readonly().optional(),
}).readonly();
/** GET /rollups/{year}/runs: every run as it last stood, newest first (none before the first run). */
export const rollupRunsSchema = object({
  year: int(),
  runs: list(object(rollupRun).readonly()),
}).readonly();

const sourced = object({ value: number(), source: string() }).readonly();

/** GET and PUT /targets/{year}: a year's targets, weights and bands, each with its source, and the set's name. */
export const targetSetViewSchema = object({
  name: string(),
  isDefault: boolean(),
  year: int(),
  version: int(),
  sources: list(catalogSourceSchema),
  indicators: record(
    string(),
    object({ targets: record(string(), sourced).readonly(), maxPoints: sourced.optional() }).readonly(),
  ).readonly(),
  bands: list(object({ id: string(), minShare: number(), source: string() }).readonly()),
  setBy: string().optional(),
  setAt: string().optional(),
}).readonly();

/** Ascending; a year not listed has no catalog, so nothing need ask for it. */
export const catalogYearsSchema = object({ years: list(int()).readonly() }).readonly();

/** The anonymous check: the API answers, and nothing more is looked at. */
export const liveSchema = object({ status: literal('ok') }).readonly();

export const healthSchema = object({
  status: zEnum(['ok', 'degraded']),
  checks: record(string(), zEnum(['ok', 'down'])).readonly(),
  down: list(string()).optional(),
}).readonly();

/** The OpenAPI document itself: only its frame is promised here. */
export const openApiSchema = looseObject({
  openapi: string(),
  info: looseObject({ title: string(), version: string() }),
  paths: record(string(), zUnknown()),
});

export type ReportView = output<typeof reportViewSchema>;
export type ReviewComment = output<typeof reviewCommentSchema>;
export type VerifiedField = output<typeof verifiedFieldSchema>;
export type DocumentDecision = output<typeof documentDecisionSchema>;
export type Objection = output<typeof objectionSchema>;
export type Revision = output<typeof revisionSchema>;
export type RevisionSummary = output<typeof revisionSummarySchema>;
export type EvidenceItem = output<typeof evidenceItemSchema>;
export type EvidenceDocument = EvidenceItem['document'];
export type UploadTicket = output<typeof uploadTicketSchema>;
export type Me = output<typeof meSchema>;
export type Unit = output<typeof unitSchema>;
export type UnitRef = output<typeof unitRef>;
export type Level = output<typeof levelSchema>;
export type ReviewList = output<typeof reviewListSchema>;
export type ReviewListItem = output<typeof reviewListItemSchema>;
export type StatusCounts = output<typeof statusCountsSchema>;
export type PeriodView = output<typeof periodViewSchema>;
export type TargetSetView = output<typeof targetSetViewSchema>;
export type DownloadLink = output<typeof downloadLinkSchema>;
export type AuditEntry = output<typeof auditEntrySchema>;
export type AuditLog = output<typeof auditLogSchema>;
export type AuditVerification = output<typeof auditVerificationSchema>;
export type Rollup = output<typeof rollupSchema>;
export type RollupRuns = output<typeof rollupRunsSchema>;
export type ReminderList = output<typeof reminderListSchema>;
export type RemindersQueued = output<typeof remindersQueuedSchema>;

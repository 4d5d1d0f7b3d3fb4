import type { core, input, output } from 'zod';
import { periodSchema, remindBody, reorganizationBody, targetSetBody, unitsBody } from './bodies.ts';
import { acceptBody, returnBody, saveReportBody, submitBody, verificationBody } from './reportBodies.ts';
import { documentDecisionBody, objectionAnswerBody, objectionBody } from './reviewBodies.ts';
import { publicCatalogSchema, type PublicCatalog } from './catalog.ts';
import { declarationSchema, EVIDENCE_MAX_BYTES } from './evidence.ts';
import type { RouteId } from './routes.ts';
import {
  auditLogSchema,
  catalogYearsSchema,
  auditVerificationSchema,
  downloadLinkSchema,
  evidenceDeclaredSchema,
  evidenceListSchema,
  evidenceOneSchema,
  healthSchema,
  liveSchema,
  meSchema,
  openApiSchema,
  periodViewSchema,
  reportViewSchema,
  reviewListSchema,
  revisionListSchema,
  revisionSchema,
  reminderListSchema,
  remindersQueuedSchema,
  rollupRunsSchema,
  rollupSchema,
  rollupStartedSchema,
  targetSetViewSchema,
  reorganizedSchema,
  unitListSchema,
  unitsSavedSchema,
} from './wire.ts';

type ZodType = core.$ZodType;

/**
 * The rest of each route row: the body it takes and the answer it gives on success. Kept beside the table
 * rather than in it because every Lambda bundle carries the table, and none should carry these schemas.
 */
export interface RouteContract {
  /** The success status and the answer's schema. */
  readonly status: 200 | 201 | 202;
  readonly response: ZodType;
  /** Other statuses that answer with a body of their own rather than an error. */
  readonly alsoAnswers?: Readonly<Partial<Record<number, ZodType>>>;
  readonly body?: ZodType;
  /** A body the route also accepts absent. */
  readonly bodyOptional?: true;
}

const ok = <R extends ZodType>(response: R) => ({ status: 200, response }) as const;

export const contracts = {
  getHealth: ok(liveSchema),
  getDeepHealth: { ...ok(healthSchema), alsoAnswers: { 503: healthSchema } },
  getMe: ok(meSchema),
  listCatalogYears: ok(catalogYearsSchema),
  getCatalog: ok(publicCatalogSchema),
  getOpenApi: ok(openApiSchema),
  getMyReport: ok(reportViewSchema),
  saveMyReport: { ...ok(reportViewSchema), body: saveReportBody },
  submitMyReport: { ...ok(reportViewSchema), body: submitBody },
  listMyReportVersions: ok(revisionListSchema),
  getMyReportVersion: ok(revisionSchema),
  listReviewReports: ok(reviewListSchema),
  getReviewReport: ok(reportViewSchema),
  listReviewReportVersions: ok(revisionListSchema),
  getReviewReportVersion: ok(revisionSchema),
  putVerification: { ...ok(reportViewSchema), body: verificationBody },
  acceptReport: { ...ok(reportViewSchema), body: acceptBody, bodyOptional: true },
  returnReport: { ...ok(reportViewSchema), body: returnBody },
  decideEvidence: { ...ok(reportViewSchema), body: documentDecisionBody },
  publishPreliminary: ok(reportViewSchema),
  answerObjection: { ...ok(reportViewSchema), body: objectionAnswerBody },
  finalizeReview: ok(reportViewSchema),
  agreeWithPreliminary: ok(reportViewSchema),
  objectToPreliminary: { ...ok(reportViewSchema), body: objectionBody },
  getPeriod: ok(periodViewSchema),
  putPeriod: { ...ok(periodViewSchema), body: periodSchema },
  getTargets: ok(targetSetViewSchema),
  putTargets: { ...ok(targetSetViewSchema), body: targetSetBody },
  listUnits: ok(unitListSchema),
  putUnits: { ...ok(unitsSavedSchema), body: unitsBody },
  reorganizeUnits: { status: 201, response: reorganizedSchema, body: reorganizationBody },
  previewReorganization: { ...ok(reorganizedSchema), body: reorganizationBody },
  declareEvidence: {
    status: 201,
    response: evidenceDeclaredSchema,
    body: declarationSchema(EVIDENCE_MAX_BYTES),
  },
  completeEvidence: ok(evidenceOneSchema),
  resumeEvidenceUpload: ok(evidenceDeclaredSchema),
  listMyEvidence: ok(evidenceListSchema),
  listReviewEvidence: ok(evidenceListSchema),
  downloadEvidence: ok(downloadLinkSchema),
  withdrawEvidence: ok(evidenceOneSchema),
  getAuditLog: ok(auditLogSchema),
  verifyAuditLog: ok(auditVerificationSchema),
  startRollup: { status: 202, response: rollupStartedSchema },
  getRollup: ok(rollupSchema),
  listRollupRuns: ok(rollupRunsSchema),
  remindUnits: { status: 202, response: remindersQueuedSchema, body: remindBody, bodyOptional: true },
  listReminders: ok(reminderListSchema),
} as const satisfies Record<RouteId, RouteContract>;

type Contracts = typeof contracts;
/** What a route answers with on success; the catalog's is its builder's own type, finer than its schema's. */
export type ResponseOf<Id extends RouteId> = Id extends 'getCatalog'
  ? PublicCatalog
  : output<Contracts[Id]['response']>;
/** What a route takes as its body; `undefined` for a route that takes none. */
export type BodyOf<Id extends RouteId> = Contracts[Id] extends { readonly body: infer B extends ZodType }
  ? Contracts[Id] extends { readonly bodyOptional: true }
    ? input<B> | undefined
    : input<B>
  : undefined;

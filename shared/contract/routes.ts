import { CODE, type ErrorCode } from './errors.ts';
import type { Bilingual } from './i18n.ts';
import {
  AUDIT_ACTION,
  AUDIT_ACTOR,
  AUDIT_PAGE_LIMIT,
  AUDIT_SCOPE,
  CATALOG_YEAR,
  DAY,
  EVIDENCE_ID,
  FIELD_CODE,
  INSTANT,
  PAGE_CURSOR,
  REPORTING_YEAR,
  UNIT_ID,
  VERSION,
  type ParamSchema,
  type ParamValues,
} from './params.ts';
import { ROLES, type Role } from './roles.ts';
import { REVIEW_LIST_QUERY } from './reviewList.ts';

/**
 * The route table: the single source for the CDK stack (one function and one API route per row), the local
 * HTTP adapter, the server's parameter parsing, the browser's client and the OpenAPI document. Adding a route
 * is one row here, its body and answer in api.ts, plus its handler module.
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** What a route's function may touch; the stack turns this into least-privilege grants. */
export interface RouteAccess {
  readonly table?: 'read' | 'readwrite';
  /**
   * `list`: the bucket only (the health check); `upload`: presigned PUTs, and a large file's multipart upload
   * started; `resume`: an upload's stored parts listed and the rest presigned; `settle`: read an upload and
   * hide a rejected one; `complete`: settle, and join a multipart upload first; `read`: the verified version,
   * for presigned downloads. No mode deletes a stored version.
   */
  readonly evidence?: 'list' | 'upload' | 'resume' | 'settle' | 'complete' | 'read';
  readonly reports?: 'list' | 'read' | 'readwrite';
  /**
   * The audit log: `append` may add entries (never delete one); `verify` reads the anchors and checks MACs;
   * `anchor` also writes anchors and makes MACs, which only the anchoring job may do.
   * @default - the audit log's partitions are closed to the function's writes
   */
  readonly audit?: 'append' | 'verify' | 'anchor';
  /** Jobs (shared/jobs.ts) the function may start asynchronously. */
  readonly invokes?: readonly string[];
  /** `send`: mail from the deployment's sender identity through SES (the reminders). */
  readonly mail?: 'send';
}

export interface Route {
  /** Also the OpenAPI operationId. */
  readonly id: string;
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/reports/{year}`. */
  readonly path: string;
  /** Module under functions/, without extension; it exports `handler`. */
  readonly handler: string;
  /** `public` routes get no authorizer; otherwise the roles allowed. */
  readonly auth: 'public' | readonly Role[];
  readonly access: RouteAccess;
  readonly summary: Bilingual;
  /** One entry per `{name}` of the path, in path order; the server parses them in that order. */
  readonly params: Readonly<Record<string, ParamSchema>>;
  /** Query parameters the route reads; any other is refused. */
  readonly query?: Readonly<Record<string, { readonly schema: ParamSchema; readonly required: boolean }>>;
  /** Codes the route answers with beyond those every route of its kind can (see errorCodesOf). */
  readonly errors: readonly ErrorCode[];
  /**
   * A GET whose answer carries an ETag (a digest of the body; http/conditionalGet.ts) and that answers 304,
   * with no body, to a matching If-None-Match: what the agency's form loads on every visit.
   */
  readonly conditional?: true;
}

const ANY_ROLE = ROLES;
const AGENCY = ['agency'] as const;
const AUDITOR = ['auditor'] as const;
const ADMIN = ['admin'] as const;
const REVIEWERS = ['auditor', 'admin'] as const;

const YEAR = { year: REPORTING_YEAR } as const;
const UNIT = { year: REPORTING_YEAR, unitId: UNIT_ID } as const;
const EVIDENCE = { evidenceId: EVIDENCE_ID } as const;
/** What any change to a report can meet: a stale or malformed If-Match, a lost race, a state that forbids it. */
const REPORT_CHANGE = [
  CODE.PRECONDITION_FAILED,
  CODE.VERSION_MISMATCH,
  CODE.CONCURRENT_UPDATE,
  CODE.REPORT_LOCKED,
  CODE.INVALID_STATE,
] as const;
const AGENCY_CHANGE = [...REPORT_CHANGE, CODE.PERIOD_NOT_OPEN, CODE.DEADLINE_PASSED] as const;
/** A review action also meets the report's bounds on the auditors' comments. */
const REVIEW_CHANGE = [CODE.UNIT_NOT_FOUND, ...REPORT_CHANGE, CODE.COMMENT_LIMIT_REACHED] as const;
const REACH_EVIDENCE = [CODE.EVIDENCE_NOT_FOUND, CODE.NOT_YOUR_EVIDENCE] as const;

export const routes = [
  {
    id: 'getHealth',
    method: 'GET',
    path: '/health',
    handler: 'getHealth',
    auth: 'public',
    // Anonymous, so it touches no storage: nobody can spend the table's or the buckets' budget through it.
    access: {},
    summary: { vi: 'Hệ thống đang chạy', en: 'The API is up' },
    params: {},
    errors: [],
  },
  {
    id: 'getDeepHealth',
    method: 'GET',
    path: '/health/deep',
    handler: 'getDeepHealth',
    auth: ADMIN,
    access: { table: 'read', evidence: 'list', reports: 'list' },
    summary: { vi: 'Kiểm tra kết nối tới kho dữ liệu', en: 'Check that storage is reachable' },
    params: {},
    errors: [],
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/me',
    handler: 'getMe',
    auth: ANY_ROLE,
    access: { table: 'read' },
    summary: { vi: 'Thông tin người dùng đăng nhập và đơn vị', en: 'The signed-in identity and its unit' },
    params: {},
    errors: [],
    conditional: true,
  },
  {
    id: 'listCatalogYears',
    method: 'GET',
    path: '/catalog',
    handler: 'listCatalogYears',
    auth: 'public',
    access: {},
    summary: { vi: 'Các năm đã có danh mục chỉ tiêu', en: 'The years that have an indicator catalog' },
    params: {},
    errors: [],
  },
  {
    id: 'getCatalog',
    method: 'GET',
    path: '/catalog/{year}',
    handler: 'getCatalog',
    auth: 'public',
    access: {},
    summary: {
      vi: 'Danh mục chỉ tiêu và biểu mẫu báo cáo của một năm',
      en: 'The indicator catalog and report form of a year',
    },
    params: { year: CATALOG_YEAR },
    errors: [CODE.NOT_FOUND],
    conditional: true,
  },
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'getOpenApi',
    auth: 'public',
    access: {},
    summary: { vi: 'Tài liệu OpenAPI 3.1 của API', en: 'The OpenAPI 3.1 document' },
    params: {},
    errors: [],
  },
  {
    id: 'getMyReport',
    method: 'GET',
    path: '/reports/{year}',
    handler: 'getMyReport',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Báo cáo năm của đơn vị mình', en: "The caller's unit's report for the year" },
    params: YEAR,
    errors: [],
    conditional: true,
  },
  {
    id: 'saveMyReport',
    method: 'PUT',
    path: '/reports/{year}',
    handler: 'saveMyReport',
    auth: AGENCY,
    access: { table: 'readwrite' },
    summary: { vi: 'Lưu bản nháp báo cáo', en: 'Save the draft report' },
    params: YEAR,
    errors: AGENCY_CHANGE,
  },
  {
    id: 'submitMyReport',
    method: 'POST',
    path: '/reports/{year}/submit',
    handler: 'submitMyReport',
    auth: AGENCY,
    access: { table: 'readwrite' },
    summary: { vi: 'Nộp báo cáo', en: 'Submit the report' },
    params: YEAR,
    errors: [...AGENCY_CHANGE, CODE.SUBMISSION_INVALID],
  },
  {
    id: 'listMyReportVersions',
    method: 'GET',
    path: '/reports/{year}/versions',
    handler: 'listMyReportVersions',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Lịch sử các phiên bản báo cáo', en: 'Every revision of the report' },
    params: YEAR,
    errors: [],
  },
  {
    id: 'getMyReportVersion',
    method: 'GET',
    path: '/reports/{year}/versions/{n}',
    handler: 'getMyReportVersion',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Một phiên bản và thay đổi so với bản trước', en: 'One revision and its diff' },
    params: { ...YEAR, n: VERSION },
    errors: [CODE.VERSION_NOT_FOUND],
  },
  {
    id: 'listReviewReports',
    method: 'GET',
    path: '/review/{year}/reports',
    handler: 'listReviewReports',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: {
      vi: 'Danh sách đơn vị và trạng thái báo cáo',
      en: 'Every expected unit with its report status',
    },
    params: YEAR,
    query: Object.fromEntries(
      Object.entries(REVIEW_LIST_QUERY).map(([name, schema]) => [name, { schema, required: false }]),
    ),
    errors: [],
  },
  {
    id: 'getReviewReport',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}',
    handler: 'getReviewReport',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Báo cáo của một đơn vị', en: "A unit's report" },
    params: UNIT,
    errors: [CODE.UNIT_NOT_FOUND],
  },
  {
    id: 'listReviewReportVersions',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}/versions',
    handler: 'listReviewReportVersions',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Lịch sử phiên bản báo cáo của đơn vị', en: "Every revision of a unit's report" },
    params: UNIT,
    errors: [],
  },
  {
    id: 'getReviewReportVersion',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}/versions/{n}',
    handler: 'getReviewReportVersion',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Một phiên bản báo cáo của đơn vị', en: "One revision of a unit's report" },
    params: { ...UNIT, n: VERSION },
    errors: [CODE.VERSION_NOT_FOUND],
  },
  {
    id: 'putVerification',
    method: 'PUT',
    path: '/review/{year}/reports/{unitId}/verification',
    handler: 'putVerification',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Ghi kết quả xác minh theo từng chỉ tiêu', en: 'Record verified values and comments' },
    params: UNIT,
    errors: REVIEW_CHANGE,
  },
  {
    id: 'acceptReport',
    method: 'POST',
    path: '/review/{year}/reports/{unitId}/accept',
    handler: 'acceptReport',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Chấp nhận báo cáo', en: 'Accept the report' },
    params: UNIT,
    errors: REVIEW_CHANGE,
  },
  {
    id: 'returnReport',
    method: 'POST',
    path: '/review/{year}/reports/{unitId}/return',
    handler: 'returnReport',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Trả lại báo cáo kèm nhận xét', en: 'Return the report with comments' },
    params: UNIT,
    errors: REVIEW_CHANGE,
  },
  {
    id: 'decideEvidence',
    method: 'PUT',
    path: '/review/{year}/reports/{unitId}/evidence/{evidenceId}/decision',
    handler: 'decideEvidence',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: {
      vi: 'Chấp nhận hoặc không chấp nhận một tài liệu kiểm chứng',
      en: 'Accept or reject one evidence document',
    },
    params: { ...UNIT, ...EVIDENCE },
    errors: [...REVIEW_CHANGE, CODE.EVIDENCE_NOT_FOUND, CODE.EVIDENCE_NOT_VERIFIED],
  },
  {
    id: 'publishPreliminary',
    method: 'POST',
    path: '/review/{year}/reports/{unitId}/preliminary',
    handler: 'publishPreliminary',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: {
      vi: 'Công bố kết quả thẩm định sơ bộ cho đơn vị',
      en: 'Publish the preliminary result to the unit',
    },
    params: UNIT,
    errors: REVIEW_CHANGE,
  },
  {
    id: 'answerObjection',
    method: 'PUT',
    path: '/review/{year}/reports/{unitId}/objections/{field}',
    handler: 'answerObjection',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Trả lời nội dung giải trình của đơn vị', en: "Answer one of the unit's objections" },
    params: { ...UNIT, field: FIELD_CODE },
    errors: [...REVIEW_CHANGE, CODE.OBJECTION_NOT_FOUND],
  },
  {
    id: 'finalizeReview',
    method: 'POST',
    path: '/review/{year}/reports/{unitId}/finalize',
    handler: 'finalizeReview',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Chốt kết quả thẩm định chính thức', en: 'Finalize the review' },
    params: UNIT,
    errors: [...REVIEW_CHANGE, CODE.OBJECTION_WINDOW_OPEN, CODE.OBJECTION_UNANSWERED],
  },
  {
    id: 'agreeWithPreliminary',
    method: 'POST',
    path: '/reports/{year}/agree',
    handler: 'agreeWithPreliminary',
    auth: AGENCY,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Đồng ý với kết quả sơ bộ', en: 'Agree with the preliminary result' },
    params: YEAR,
    errors: [...REPORT_CHANGE, CODE.OBJECTION_WINDOW_CLOSED],
  },
  {
    id: 'objectToPreliminary',
    method: 'POST',
    path: '/reports/{year}/objections',
    handler: 'objectToPreliminary',
    auth: AGENCY,
    access: { table: 'readwrite', audit: 'append' },
    summary: {
      vi: 'Giải trình kết quả sơ bộ theo từng chỉ tiêu',
      en: 'Object to the preliminary result, field by field',
    },
    params: YEAR,
    errors: [
      ...REPORT_CHANGE,
      CODE.OBJECTION_WINDOW_CLOSED,
      CODE.COMMENT_LIMIT_REACHED,
      CODE.EVIDENCE_NOT_FOUND,
      CODE.EVIDENCE_NOT_VERIFIED,
    ],
  },
  {
    id: 'getPeriod',
    method: 'GET',
    path: '/periods/{year}',
    handler: 'getPeriod',
    auth: ANY_ROLE,
    access: { table: 'read' },
    summary: {
      vi: 'Kỳ báo cáo: ngày mở, hạn nộp, gia hạn',
      en: 'The reporting period: opening, deadline, exceptions',
    },
    params: YEAR,
    errors: [],
  },
  {
    id: 'putPeriod',
    method: 'PUT',
    path: '/periods/{year}',
    handler: 'putPeriod',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Đặt kỳ báo cáo', en: 'Set the reporting period' },
    params: YEAR,
    errors: [],
  },
  {
    id: 'getTargets',
    method: 'GET',
    path: '/targets/{year}',
    handler: 'getTargets',
    // Everyone's: the agency's form judges its figures against the same targets the rollup will.
    auth: ANY_ROLE,
    access: { table: 'read' },
    summary: {
      vi: 'Bộ mục tiêu, trọng số điểm và thang xếp loại của một năm, kèm nguồn',
      en: 'A year’s targets, point weights and bands, with their sources',
    },
    params: YEAR,
    errors: [],
    conditional: true,
  },
  {
    id: 'putTargets',
    method: 'PUT',
    path: '/targets/{year}',
    handler: 'putTargets',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append' },
    summary: {
      vi: 'Đặt mục tiêu, trọng số điểm và thang xếp loại của một năm (có phiên bản, ghi nhật ký)',
      en: 'Set a year’s targets, point weights and bands (versioned, audited)',
    },
    params: YEAR,
    errors: [CODE.CONCURRENT_UPDATE, CODE.PRECONDITION_FAILED, CODE.VERSION_MISMATCH],
  },
  {
    id: 'listUnits',
    method: 'GET',
    path: '/units',
    handler: 'listUnits',
    auth: REVIEWERS,
    access: { table: 'read' },
    query: {
      asOf: { schema: DAY, required: false },
      year: { schema: REPORTING_YEAR, required: false },
    },
    summary: { vi: 'Danh sách đơn vị theo cấp', en: 'The unit hierarchy' },
    params: {},
    errors: [],
  },
  {
    id: 'putUnits',
    method: 'PUT',
    path: '/units',
    handler: 'putUnits',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append' },
    summary: {
      vi: 'Thêm đơn vị hoặc sửa hồ sơ đơn vị, cấp',
      en: 'Add units, or correct the record of units and levels',
    },
    params: {},
    errors: [CODE.HIERARCHY_CHANGED],
  },
  {
    id: 'reorganizeUnits',
    method: 'POST',
    path: '/units/reorganizations',
    handler: 'reorganizeUnits',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append' },
    summary: {
      vi: 'Sắp xếp đơn vị từ một ngày: thành lập, hợp nhất, chia tách, đổi tên, giải thể',
      en: 'Reorganize units from a date: establish, merge, split, rename, retire',
    },
    params: {},
    errors: [CODE.HIERARCHY_CHANGED],
  },
  {
    id: 'previewReorganization',
    method: 'POST',
    path: '/units/reorganizations/preview',
    handler: 'previewReorganization',
    auth: ADMIN,
    // Reads only: what the reorganization would write, checked against the hierarchy as it stands.
    access: { table: 'read' },
    summary: {
      vi: 'Xem trước một lần sắp xếp đơn vị: đơn vị nào kết thúc, đơn vị nào được lập, không ghi gì',
      en: 'Preview a reorganization: which units it ends and creates, writing nothing',
    },
    params: {},
    errors: [],
  },
  {
    id: 'declareEvidence',
    method: 'POST',
    path: '/reports/{year}/evidence',
    handler: 'declareEvidence',
    auth: AGENCY,
    access: { table: 'readwrite', evidence: 'upload' },
    summary: {
      vi: 'Khai báo tệp kiểm chứng và nhận URL tải lên',
      en: 'Declare an evidence file and get an upload URL',
    },
    params: YEAR,
    errors: [CODE.TOO_MANY_FILES, CODE.DUPLICATE_EVIDENCE, CODE.REPORT_LOCKED],
  },
  {
    id: 'completeEvidence',
    method: 'POST',
    path: '/evidence/{evidenceId}/complete',
    handler: 'completeEvidence',
    auth: AGENCY,
    access: { table: 'readwrite', evidence: 'complete' },
    summary: { vi: 'Kiểm tra tệp đã tải lên', en: 'Verify the uploaded file' },
    params: EVIDENCE,
    errors: [...REACH_EVIDENCE, CODE.UPLOAD_MISSING, CODE.EVIDENCE_REJECTED],
  },
  {
    id: 'resumeEvidenceUpload',
    method: 'GET',
    path: '/evidence/{evidenceId}/upload',
    handler: 'resumeEvidenceUpload',
    auth: AGENCY,
    access: { table: 'read', evidence: 'resume' },
    summary: {
      vi: 'Tiếp tục tải lên: các phần còn thiếu và liên kết mới',
      en: 'Resume an upload: the parts still missing, with fresh links',
    },
    params: EVIDENCE,
    errors: [...REACH_EVIDENCE, CODE.EVIDENCE_NOT_LIVE],
  },
  {
    id: 'listMyEvidence',
    method: 'GET',
    path: '/reports/{year}/evidence',
    handler: 'listMyEvidence',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Tài liệu kiểm chứng của đơn vị', en: "The caller's evidence files" },
    params: YEAR,
    errors: [],
    conditional: true,
  },
  {
    id: 'listReviewEvidence',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}/evidence',
    handler: 'listReviewEvidence',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Tài liệu kiểm chứng của một đơn vị', en: "A unit's evidence files" },
    params: UNIT,
    errors: [CODE.UNIT_NOT_FOUND],
  },
  {
    id: 'downloadEvidence',
    method: 'GET',
    path: '/evidence/{evidenceId}/download',
    handler: 'downloadEvidence',
    auth: ANY_ROLE,
    access: { table: 'readwrite', evidence: 'read', audit: 'append' },
    summary: { vi: 'Liên kết tải tệp (5 phút), có ghi nhật ký', en: 'A 5-minute download link, logged' },
    params: EVIDENCE,
    errors: [...REACH_EVIDENCE, CODE.EVIDENCE_NOT_VERIFIED],
  },
  {
    id: 'withdrawEvidence',
    method: 'DELETE',
    path: '/evidence/{evidenceId}',
    handler: 'withdrawEvidence',
    auth: AGENCY,
    access: { table: 'readwrite' },
    summary: {
      vi: 'Rút tài liệu kiểm chứng (khi còn là bản nháp)',
      en: 'Withdraw evidence while the report is a draft',
    },
    params: EVIDENCE,
    errors: [...REACH_EVIDENCE, CODE.EVIDENCE_NOT_LIVE, CODE.REPORT_LOCKED],
  },
  {
    id: 'getAuditLog',
    method: 'GET',
    path: '/audit',
    handler: 'getAuditLog',
    auth: ADMIN,
    access: { table: 'read' },
    summary: {
      vi: 'Nhật ký kiểm tra, theo trang, lọc theo đơn vị, thao tác, người thực hiện và thời gian',
      en: 'The audit log, a page at a time, by unit, action, actor and time',
    },
    params: {},
    query: {
      year: { schema: REPORTING_YEAR, required: true },
      unit: { schema: AUDIT_SCOPE, required: false },
      action: { schema: AUDIT_ACTION, required: false },
      actor: { schema: AUDIT_ACTOR, required: false },
      from: { schema: INSTANT, required: false },
      to: { schema: INSTANT, required: false },
      limit: { schema: AUDIT_PAGE_LIMIT, required: false },
      cursor: { schema: PAGE_CURSOR, required: false },
    },
    errors: [],
  },
  {
    id: 'verifyAuditLog',
    method: 'GET',
    path: '/audit/verification',
    handler: 'verifyAuditLog',
    auth: ADMIN,
    access: { table: 'read', audit: 'verify' },
    summary: {
      vi: 'Kiểm tra chuỗi băm nhật ký của một đơn vị với các mốc neo',
      en: "Check a unit's audit chains against the anchors",
    },
    params: {},
    query: {
      year: { schema: REPORTING_YEAR, required: true },
      unit: { schema: AUDIT_SCOPE, required: true },
    },
    errors: [],
  },
  {
    id: 'startRollup',
    method: 'POST',
    path: '/rollups/{year}',
    handler: 'startRollup',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append', invokes: ['rollupYear'] },
    summary: { vi: 'Chạy tổng hợp năm ngay', en: "Run the year's rollup now" },
    params: YEAR,
    errors: [CODE.ROLLUP_RUNNING],
  },
  {
    id: 'remindUnits',
    method: 'POST',
    path: '/reminders/{year}',
    handler: 'remindUnits',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append', invokes: ['sendReminders'] },
    summary: {
      vi: 'Gửi thư nhắc nộp báo cáo tới các đơn vị chưa nộp',
      en: 'Remind the units that have not submitted',
    },
    params: YEAR,
    errors: [],
  },
  {
    id: 'listReminders',
    method: 'GET',
    path: '/reminders/{year}',
    handler: 'listReminders',
    auth: ADMIN,
    access: { table: 'read' },
    summary: { vi: 'Hộp thư nhắc đã gửi của năm', en: "The year's reminder outbox" },
    params: YEAR,
    query: {
      limit: { schema: AUDIT_PAGE_LIMIT, required: false },
      cursor: { schema: PAGE_CURSOR, required: false },
    },
    errors: [],
  },
  {
    id: 'getRollup',
    method: 'GET',
    path: '/rollups/{year}',
    handler: 'getRollup',
    auth: REVIEWERS,
    access: { table: 'read', reports: 'read' },
    summary: { vi: 'Kết quả tổng hợp năm và liên kết tải tệp', en: "The year's rollup and download links" },
    params: YEAR,
    errors: [CODE.NO_ROLLUP],
  },
  {
    id: 'listRollupRuns',
    method: 'GET',
    path: '/rollups/{year}/runs',
    handler: 'listRollupRuns',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: {
      vi: 'Các lượt tổng hợp của năm, mới nhất trước: ai chạy, khi nào, kết quả',
      en: "The year's rollup runs, newest first: who ran each, when, and how it ended",
    },
    params: YEAR,
    errors: [],
  },
] as const satisfies readonly Route[];

/** Served by the local stack alone (sign-in without Cognito): never in the route table, never deployed. */
export const DEV_PATHS = { users: '/dev/users', token: '/dev/token' } as const;
export type DevPath = (typeof DEV_PATHS)[keyof typeof DEV_PATHS];
/** Where the local stack mounts its OpenID Connect provider (Cognito's hosted UI stands in for it in AWS). */
export const LOCAL_OIDC_MOUNT = '/oidc';

export type RouteId = (typeof routes)[number]['id'];
export type RouteOf<Id extends RouteId> = Extract<(typeof routes)[number], { id: Id }>;
/** The parsed path parameters of a route: `{ year: number; unitId: string }`. */
export type PathOf<Id extends RouteId> = ParamValues<RouteOf<Id>['params']>;

/** Every code a route can answer with: its own, and those its kind (signed in, writing, with input) brings. */
export function errorCodesOf(route: Route): ErrorCode[] {
  const codes = new Set<ErrorCode>([
    // Any request may carry a body: too large, not JSON, or malformed JSON.
    CODE.BAD_REQUEST,
    CODE.PAYLOAD_TOO_LARGE,
    CODE.UNSUPPORTED_MEDIA_TYPE,
    CODE.INTERNAL,
    CODE.SERVICE_UNAVAILABLE,
    // Deployed, a request that did not come through the site's CloudFront (shared/http/originCheck.ts).
    CODE.NOT_THROUGH_SITE,
  ]);
  const params = Object.values(route.params);
  if (params.length || route.query || route.method !== 'GET') codes.add(CODE.VALIDATION_FAILED);
  // A reporting year in the path must have a catalog.
  if (params.includes(REPORTING_YEAR)) codes.add(CODE.NO_REPORTING_PERIOD);
  if (route.auth !== 'public') {
    codes.add(CODE.UNAUTHORIZED);
    codes.add(CODE.FORBIDDEN);
    if (route.method !== 'GET') codes.add(CODE.IDEMPOTENCY_KEY_REUSED);
  }
  // A write that would take an item past DynamoDB's 400 KB is refused by name (store/transact.ts).
  if (route.access.table === 'readwrite' && route.method !== 'GET') codes.add(CODE.ITEM_TOO_LARGE);
  // An agency's token must name a unit of today's hierarchy, and of the year's (shared/http/agencyUnit.ts).
  if (route.auth !== 'public' && (route.auth as readonly string[]).includes('agency')) {
    codes.add(CODE.UNIT_UNKNOWN);
    codes.add(CODE.UNIT_NOT_VALID);
    if (params.includes(REPORTING_YEAR)) codes.add(CODE.UNIT_NOT_IN_YEAR);
  }
  for (const code of route.errors) codes.add(code);
  return [...codes];
}

/** The concrete path of a route, its parameters filled in and encoded. */
export function pathFor<Id extends RouteId>(id: Id, params: PathOf<Id>): string {
  const values = params as Readonly<Record<string, string | number>>;
  return routeById(id).path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${id} needs the path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

export function routeById(id: RouteId): Route {
  const route = routes.find((r) => r.id === id);
  if (!route) throw new Error(`Unknown route id ${id}`);
  return route;
}

export const isPublic = (route: Route): boolean => route.auth === 'public';

/** Matches a concrete path against a route's template; returns its path parameters, or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        // A malformed escape matches no route: 404, as API Gateway answers.
        return undefined;
      }
    } else if (w !== g) return undefined;
  }
  return params;
}

import type { Bilingual } from './i18n.ts';
import { ROLES, type Role } from './roles.ts';

/**
 * The route table: the single source for the CDK stack (one function and one API route per row), the local
 * HTTP adapter and the OpenAPI document. Adding a route is one row here plus its handler module.
 */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** What a route's function may touch; the stack turns this into least-privilege grants. */
export interface RouteAccess {
  readonly table?: 'read' | 'readwrite';
  readonly evidence?: 'read' | 'readwrite';
  readonly reports?: 'read' | 'readwrite';
  /**
   * The audit log: `append` may add entries (never delete one); `verify` reads the anchors and checks MACs;
   * `anchor` also writes anchors and makes MACs, which only the anchoring job may do.
   * @default - the audit log's partitions are closed to the function's writes
   */
  readonly audit?: 'append' | 'verify' | 'anchor';
  /** Jobs (shared/jobs.ts) the function may start asynchronously. */
  readonly invokes?: readonly string[];
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
}

const ANY_ROLE = ROLES;
const AGENCY = ['agency'] as const;
const AUDITOR = ['auditor'] as const;
const ADMIN = ['admin'] as const;
const REVIEWERS = ['auditor', 'admin'] as const;

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
  },
  {
    id: 'getDeepHealth',
    method: 'GET',
    path: '/health/deep',
    handler: 'getDeepHealth',
    auth: ADMIN,
    access: { table: 'read', evidence: 'read', reports: 'read' },
    summary: { vi: 'Kiểm tra kết nối tới kho dữ liệu', en: 'Check that storage is reachable' },
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/me',
    handler: 'getMe',
    auth: ANY_ROLE,
    access: { table: 'read' },
    summary: { vi: 'Thông tin người dùng đăng nhập và đơn vị', en: 'The signed-in identity and its unit' },
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
  },
  {
    id: 'getOpenApi',
    method: 'GET',
    path: '/openapi.json',
    handler: 'getOpenApi',
    auth: 'public',
    access: {},
    summary: { vi: 'Tài liệu OpenAPI 3.1 của API', en: 'The OpenAPI 3.1 document' },
  },
  {
    id: 'getMyReport',
    method: 'GET',
    path: '/reports/{year}',
    handler: 'getMyReport',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Báo cáo năm của đơn vị mình', en: "The caller's unit's report for the year" },
  },
  {
    id: 'saveMyReport',
    method: 'PUT',
    path: '/reports/{year}',
    handler: 'saveMyReport',
    auth: AGENCY,
    access: { table: 'readwrite' },
    summary: { vi: 'Lưu bản nháp báo cáo', en: 'Save the draft report' },
  },
  {
    id: 'submitMyReport',
    method: 'POST',
    path: '/reports/{year}/submit',
    handler: 'submitMyReport',
    auth: AGENCY,
    access: { table: 'readwrite' },
    summary: { vi: 'Nộp báo cáo', en: 'Submit the report' },
  },
  {
    id: 'listMyReportVersions',
    method: 'GET',
    path: '/reports/{year}/versions',
    handler: 'listMyReportVersions',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Lịch sử các phiên bản báo cáo', en: 'Every revision of the report' },
  },
  {
    id: 'getMyReportVersion',
    method: 'GET',
    path: '/reports/{year}/versions/{n}',
    handler: 'getMyReportVersion',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Một phiên bản và thay đổi so với bản trước', en: 'One revision and its diff' },
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
  },
  {
    id: 'getReviewReport',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}',
    handler: 'getReviewReport',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Báo cáo của một đơn vị', en: "A unit's report" },
  },
  {
    id: 'listReviewReportVersions',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}/versions',
    handler: 'listReviewReportVersions',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Lịch sử phiên bản báo cáo của đơn vị', en: "Every revision of a unit's report" },
  },
  {
    id: 'getReviewReportVersion',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}/versions/{n}',
    handler: 'getReviewReportVersion',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Một phiên bản báo cáo của đơn vị', en: "One revision of a unit's report" },
  },
  {
    id: 'putVerification',
    method: 'PUT',
    path: '/review/{year}/reports/{unitId}/verification',
    handler: 'putVerification',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Ghi kết quả xác minh theo từng chỉ tiêu', en: 'Record verified values and comments' },
  },
  {
    id: 'acceptReport',
    method: 'POST',
    path: '/review/{year}/reports/{unitId}/accept',
    handler: 'acceptReport',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Chấp nhận báo cáo', en: 'Accept the report' },
  },
  {
    id: 'returnReport',
    method: 'POST',
    path: '/review/{year}/reports/{unitId}/return',
    handler: 'returnReport',
    auth: AUDITOR,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Trả lại báo cáo kèm nhận xét', en: 'Return the report with comments' },
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
  },
  {
    id: 'putPeriod',
    method: 'PUT',
    path: '/periods/{year}',
    handler: 'putPeriod',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Đặt kỳ báo cáo', en: 'Set the reporting period' },
  },
  {
    id: 'listUnits',
    method: 'GET',
    path: '/units',
    handler: 'listUnits',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Danh sách đơn vị theo cấp', en: 'The unit hierarchy' },
  },
  {
    id: 'putUnits',
    method: 'PUT',
    path: '/units',
    handler: 'putUnits',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append' },
    summary: { vi: 'Thêm hoặc sửa đơn vị', en: 'Add or change units' },
  },
  {
    id: 'declareEvidence',
    method: 'POST',
    path: '/reports/{year}/evidence',
    handler: 'declareEvidence',
    auth: AGENCY,
    access: { table: 'readwrite', evidence: 'readwrite' },
    summary: {
      vi: 'Khai báo tệp kiểm chứng và nhận URL tải lên',
      en: 'Declare an evidence file and get an upload URL',
    },
  },
  {
    id: 'completeEvidence',
    method: 'POST',
    path: '/evidence/{evidenceId}/complete',
    handler: 'completeEvidence',
    auth: AGENCY,
    access: { table: 'readwrite', evidence: 'readwrite' },
    summary: { vi: 'Kiểm tra tệp đã tải lên', en: 'Verify the uploaded file' },
  },
  {
    id: 'listMyEvidence',
    method: 'GET',
    path: '/reports/{year}/evidence',
    handler: 'listMyEvidence',
    auth: AGENCY,
    access: { table: 'read' },
    summary: { vi: 'Tài liệu kiểm chứng của đơn vị', en: "The caller's evidence files" },
  },
  {
    id: 'listReviewEvidence',
    method: 'GET',
    path: '/review/{year}/reports/{unitId}/evidence',
    handler: 'listReviewEvidence',
    auth: REVIEWERS,
    access: { table: 'read' },
    summary: { vi: 'Tài liệu kiểm chứng của một đơn vị', en: "A unit's evidence files" },
  },
  {
    id: 'downloadEvidence',
    method: 'GET',
    path: '/evidence/{evidenceId}/download',
    handler: 'downloadEvidence',
    auth: ANY_ROLE,
    access: { table: 'readwrite', evidence: 'read', audit: 'append' },
    summary: { vi: 'Liên kết tải tệp (5 phút), có ghi nhật ký', en: 'A 5-minute download link, logged' },
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
  },
  {
    id: 'startRollup',
    method: 'POST',
    path: '/rollups/{year}',
    handler: 'startRollup',
    auth: ADMIN,
    access: { table: 'readwrite', audit: 'append', invokes: ['rollupYear'] },
    summary: { vi: 'Chạy tổng hợp năm ngay', en: "Run the year's rollup now" },
  },
  {
    id: 'getRollup',
    method: 'GET',
    path: '/rollups/{year}',
    handler: 'getRollup',
    auth: REVIEWERS,
    access: { table: 'read', reports: 'read' },
    summary: { vi: 'Kết quả tổng hợp năm và liên kết tải tệp', en: "The year's rollup and download links" },
  },
] as const satisfies readonly Route[];

export type RouteId = (typeof routes)[number]['id'];

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

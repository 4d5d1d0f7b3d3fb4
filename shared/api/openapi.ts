import { registry, toJSONSchema, type core } from 'zod';
import { catalogYears, catalogFor, type Catalog } from '../catalog/index.ts';
import { contracts, type RouteContract } from '../contract/api.ts';
import { publicCatalogSchema } from '../contract/catalog.ts';
import { ERROR_STATUS, type ErrorCode } from '../contract/errors.ts';
import type { ParamSchema } from '../contract/params.ts';
import { errorCodesOf, routes, type Route } from '../contract/routes.ts';
import * as wire from '../contract/wire.ts';
import { requestContracts } from './requestContracts.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'Dữ liệu không hợp lệ / Invalid input',
  401: 'Chưa đăng nhập / Not signed in',
  403: 'Không có quyền / Forbidden',
  404: 'Không tìm thấy / Not found',
  409: 'Trạng thái không cho phép / Conflicts with the current state',
  412: 'Phiên bản đã cũ / Stale If-Match version',
  413: 'Nội dung quá lớn / Body too large',
  415: 'Cần JSON / JSON required',
  304: 'Bản đang có vẫn dùng được / Not modified: the copy named by If-None-Match is current',
  422: 'Không xử lý được / Unprocessable (incomplete submission, reused Idempotency-Key)',
  500: 'Lỗi hệ thống, chưa ghi gì / Internal error; nothing was written',
  503: 'Tạm thời không phục vụ / Temporarily unavailable; retry',
};
const SUCCESS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Đã tạo / Created',
  202: 'Đã nhận, đang chạy / Accepted; running',
};

/** The answers' schemas, by the name the document gives them; what they share becomes a component too. */
const NAMED: Record<string, core.$ZodType> = {
  ReportView: wire.reportViewSchema,
  ReviewComment: wire.reviewCommentSchema,
  VerifiedField: wire.verifiedFieldSchema,
  Revision: wire.revisionSchema,
  RevisionSummary: wire.revisionSummarySchema,
  RevisionList: wire.revisionListSchema,
  EvidenceItem: wire.evidenceItemSchema,
  UploadTicket: wire.uploadTicketSchema,
  EvidenceDeclared: wire.evidenceDeclaredSchema,
  EvidenceOne: wire.evidenceOneSchema,
  EvidenceList: wire.evidenceListSchema,
  DownloadLink: wire.downloadLinkSchema,
  Me: wire.meSchema,
  Unit: wire.unitSchema,
  UnitList: wire.unitListSchema,
  UnitsSaved: wire.unitsSavedSchema,
  Reorganized: wire.reorganizedSchema,
  ReviewListItem: wire.reviewListItemSchema,
  StatusCounts: wire.statusCountsSchema,
  ReviewList: wire.reviewListSchema,
  Period: wire.periodViewSchema,
  TargetSet: wire.targetSetViewSchema,
  AuditEntry: wire.auditEntrySchema,
  AuditLog: wire.auditLogSchema,
  AuditVerification: wire.auditVerificationSchema,
  RollupStarted: wire.rollupStartedSchema,
  Rollup: wire.rollupSchema,
  RollupRuns: wire.rollupRunsSchema,
  RemindersQueued: wire.remindersQueuedSchema,
  ReminderList: wire.reminderListSchema,
  Live: wire.liveSchema,
  Health: wire.healthSchema,
  CatalogYears: wire.catalogYearsSchema,
  OpenApiDocument: wire.openApiSchema,
  PublicCatalog: publicCatalogSchema,
};
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const nameOf = new Map([...Object.entries(NAMED)].map(([name, schema]) => [schema, name]));

function answerSchemas(): Record<string, object> {
  const reg = registry<{ id: string }>();
  for (const [id, schema] of Object.entries(NAMED)) reg.add(schema, { id });
  const { schemas } = toJSONSchema(reg, { io: 'output', uri: (id) => ref(id).$ref });
  // Each is embedded in the document: its own $schema and $id would make it a separate resource.
  return Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _s, $id: _i, ...schema }]) => [id, schema]),
  );
}

const bilingual = {
  type: 'object',
  required: ['vi', 'en'],
  properties: { vi: { type: 'string' }, en: { type: 'string' } },
};

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        message: bilingual,
        issues: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'code', 'message'],
            properties: { path: { type: 'string' }, code: { type: 'string' }, message: bilingual },
          },
        },
      },
    },
    requestId: { type: 'string' },
  },
};

/** What API Gateway itself answers with when it refuses a request (no token, body over its limit). */
const gatewayErrorSchema = {
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string', examples: ['Unauthorized'] } },
};
const GATEWAY_STATUSES = new Set([401, 413]);

function paramSchema(schema: ParamSchema): object {
  if (schema.type === 'string') return { type: 'string', pattern: schema.pattern.source };
  return {
    type: 'integer',
    ...(schema.minimum !== undefined ? { minimum: schema.minimum } : {}),
    ...(schema.maximum !== undefined ? { maximum: schema.maximum } : {}),
  };
}

function parameters(route: Route) {
  const path = Object.entries(route.params).map(([name, schema]) => ({
    name,
    in: 'path',
    required: true,
    description: `${schema.label.vi} / ${schema.label.en}`,
    schema: paramSchema(schema),
  }));
  const query = Object.entries(route.query ?? {}).map(([name, { schema, required }]) => ({
    name,
    in: 'query',
    required,
    description: `${schema.label.vi} / ${schema.label.en}`,
    schema: paramSchema(schema),
  }));
  const writes = route.method !== 'GET' && route.auth !== 'public';
  const headers = writes
    ? [
        {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', minLength: 8, maxLength: 128 },
        },
        // Only where it is read: a route that honours If-Match is one that can answer VERSION_MISMATCH.
        ...(errorCodesOf(route).includes('VERSION_MISMATCH')
          ? [
              {
                name: 'If-Match',
                in: 'header',
                required: false,
                schema: { type: 'string', examples: ['"v3"'] },
              },
            ]
          : []),
      ]
    : [];
  if (route.conditional)
    headers.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      schema: { type: 'string', examples: ['W/"0mD4…"'] },
    });
  return [...path, ...query, ...headers];
}

/** One response per error status, naming the codes the route can answer with under it. */
function errorResponses(route: Route) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => {
      const ours = {
        allOf: [ref('Error'), { properties: { error: { properties: { code: { enum: codes } } } } }],
      };
      return [
        String(status),
        {
          description: `${STATUS_TEXT[status] ?? status}: ${codes.join(', ')}`,
          content: {
            'application/json': {
              schema: GATEWAY_STATUSES.has(status) ? { anyOf: [ours, ref('GatewayError')] } : ours,
            },
          },
        },
      ];
    }),
  );
}

const json = (schema: core.$ZodType) => {
  const name = nameOf.get(schema);
  if (!name) throw new Error('Every answer schema needs a name in NAMED');
  return { 'application/json': { schema: ref(name) } };
};

function operation(route: Route, catalog: Catalog) {
  const contract = requestContracts[route.id as keyof typeof requestContracts];
  const answer: RouteContract = contracts[route.id as keyof typeof contracts];
  const also: Record<string, core.$ZodType | undefined> = answer.alsoAnswers ?? {};
  return {
    operationId: route.id,
    summary: `${route.summary.vi} / ${route.summary.en}`,
    tags: [route.path.split('/')[1] ?? 'root'],
    ...(route.auth === 'public' ? { security: [] } : { 'x-roles': route.auth }),
    parameters: parameters(route),
    ...(contract
      ? {
          requestBody: {
            required: !answer.bodyOptional,
            content: {
              'application/json': {
                schema: contract.schema(catalog),
                examples: { complete: { value: contract.example(catalog) } },
              },
            },
          },
        }
      : {}),
    responses: {
      ...errorResponses(route),
      [String(answer.status)]: { description: SUCCESS_TEXT[answer.status], content: json(answer.response) },
      ...(route.conditional ? { '304': { description: STATUS_TEXT[304] } } : {}),
      ...Object.fromEntries(
        Object.entries(also).flatMap(([status, schema]) =>
          schema
            ? [[status, { description: STATUS_TEXT[Number(status)] ?? status, content: json(schema) }]]
            : [],
        ),
      ),
    },
  };
}

/** OpenAPI 3.1, generated from the route table and the contracts, for the newest catalog year. */
export function openApiDocument(serverUrl = '/') {
  const year = Math.max(...catalogYears);
  const catalog = catalogFor(year) as Catalog;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, catalog);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Báo cáo CNTT API',
      version: catalog.version,
      description:
        'Báo cáo ứng dụng CNTT hằng năm của cơ quan nhà nước (Thông tư 06/2013/TT-BTTTT). ' +
        'Yearly reports on IT use in state agencies. Errors carry Vietnamese and English messages.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorSchema, GatewayError: gatewayErrorSchema, ...answerSchemas() },
    },
  };
}

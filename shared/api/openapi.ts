import { catalogYears, catalogFor, type Catalog } from '../catalog/index.ts';
import { routes, type Route } from '../contract/routes.ts';
import { requestContracts } from './requestContracts.ts';

const ERROR_STATUSES: Record<string, string> = {
  '400': 'Dữ liệu không hợp lệ / Invalid input',
  '401': 'Chưa đăng nhập / Not signed in',
  '403': 'Không có quyền / Forbidden',
  '404': 'Không tìm thấy / Not found',
  '409': 'Trạng thái không cho phép / Conflicts with the current state',
  '412': 'Phiên bản đã cũ / Stale If-Match version',
  '413': 'Nội dung quá lớn / Body too large',
  '415': 'Cần JSON / JSON required',
  '422': 'Không xử lý được / Unprocessable (incomplete submission, reused Idempotency-Key)',
  '503': 'Tạm thời không phục vụ / Temporarily unavailable; retry',
};

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
        code: { type: 'string', examples: ['VALIDATION_FAILED'] },
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

function operation(route: Route, catalog: Catalog) {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: m[1] === 'year' || m[1] === 'n' ? { type: 'integer' } : { type: 'string' },
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
        { name: 'If-Match', in: 'header', required: false, schema: { type: 'string', examples: ['"v3"'] } },
      ]
    : [];
  const contract = requestContracts[route.id as keyof typeof requestContracts];
  const errors = Object.fromEntries(
    Object.entries(ERROR_STATUSES).map(([status, description]) => [
      status,
      { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  return {
    operationId: route.id,
    summary: `${route.summary.vi} / ${route.summary.en}`,
    tags: [route.path.split('/')[1] ?? 'root'],
    ...(route.auth === 'public' ? { security: [] } : { 'x-roles': route.auth }),
    parameters: [...params, ...headers],
    ...(contract
      ? {
          requestBody: {
            required: route.id !== 'acceptReport',
            content: {
              'application/json': {
                schema: contract.schema(catalog),
                examples: { complete: { value: contract.example(catalog) } },
              },
            },
          },
        }
      : {}),
    responses: { '200': { description: 'OK', content: { 'application/json': { schema: {} } } }, ...errors },
  };
}

/** OpenAPI 3.1, generated from the route table and the request contracts, for the newest catalog year. */
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
      schemas: { Error: errorSchema },
    },
  };
}

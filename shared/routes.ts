import type { Bilingual } from './i18n.ts';

/**
 * The route table: the single source for the CDK stack (one function and one API route per row), the local
 * HTTP adapter and the OpenAPI document. Adding a route is one row here plus its handler module.
 */
export const ROLES = ['agency', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** What a route's function may touch; the stack turns this into least-privilege grants. */
export interface RouteAccess {
  readonly table?: 'read' | 'readwrite';
  readonly evidence?: 'read' | 'readwrite';
  readonly reports?: 'read' | 'readwrite';
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

export const routes = [
  {
    id: 'getHealth',
    method: 'GET',
    path: '/health',
    handler: 'getHealth',
    auth: 'public',
    access: { table: 'read', evidence: 'read', reports: 'read' },
    summary: { vi: 'Kiểm tra tình trạng hệ thống', en: 'Check that storage is reachable' },
  },
  {
    id: 'getMe',
    method: 'GET',
    path: '/me',
    handler: 'getMe',
    auth: ANY_ROLE,
    access: {},
    summary: { vi: 'Thông tin người dùng đăng nhập', en: 'The signed-in identity' },
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
      params[w.slice(1, -1)] = decodeURIComponent(g);
    } else if (w !== g) return undefined;
  }
  return params;
}

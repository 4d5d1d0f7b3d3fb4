import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jobs, uploadTriggers } from '#shared/jobs';
import { ROLES } from '#shared/contract/roles';
import { isPublic, matchPath, routeById, routes, type Route } from '#shared/contract/routes';

const FUNCTIONS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'functions');

// Functions started by a schedule or an S3 event: the job and trigger tables in shared/jobs.ts.
const NOT_ROUTES = new Set<string>([...jobs, ...uploadTriggers].map((j) => j.handler));
const table: readonly Route[] = routes;

describe('matchPath', () => {
  it('matches literal paths and returns no parameters', () => {
    expect(matchPath('/health', '/health')).toEqual({});
    expect(matchPath('/openapi.json', '/openapi.json')).toEqual({});
  });

  it('returns each parameter by name', () => {
    expect(matchPath('/reports/{year}', '/reports/2025')).toEqual({ year: '2025' });
    expect(
      matchPath('/review/{year}/reports/{unitId}/versions/{n}', '/review/2025/reports/hn-bd/versions/3'),
    ).toEqual({
      year: '2025',
      unitId: 'hn-bd',
      n: '3',
    });
  });

  it('decodes parameters', () => {
    expect(
      matchPath('/review/{year}/reports/{unitId}', '/review/2025/reports/h%C3%A0%20n%E1%BB%99i'),
    ).toEqual({
      year: '2025',
      unitId: 'hà nội',
    });
    // An encoded slash stays inside its segment.
    expect(matchPath('/evidence/{evidenceId}', '/evidence/a%2Fb')).toEqual({ evidenceId: 'a/b' });
  });

  it.each([
    ['a trailing slash', '/reports/{year}', '/reports/2025/'],
    ['an extra segment', '/reports/{year}', '/reports/2025/submit'],
    ['a missing segment', '/reports/{year}/submit', '/reports/2025'],
    ['an empty parameter', '/reports/{year}', '/reports/'],
    ['an empty parameter in the middle', '/reports/{year}/versions', '/reports//versions'],
    ['a doubled slash', '/health', '//health'],
    ['a different literal', '/reports/{year}/submit', '/reports/2025/submitted'],
    ['a different case', '/health', '/Health'],
    ['no leading slash', '/health', 'health'],
  ])('no match for %s', (_name, template, path) => {
    expect(matchPath(template, path)).toBeUndefined();
  });
});

describe('the route table', () => {
  it('route ids are unique, and each equals its handler name', () => {
    const ids = table.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of table) expect([r.id, r.handler]).toEqual([r.id, r.id]);
  });

  it('method + path pairs are unique', () => {
    const keys = table.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('every handler module exists under functions/ and exports `handler`', () => {
    for (const r of table) {
      const file = join(FUNCTIONS, `${r.handler}.ts`);
      expect([r.id, existsSync(file)]).toEqual([r.id, true]);
      expect(readFileSync(file, 'utf8')).toMatch(/export const handler\b/);
    }
  });

  it('every module under functions/ is a route handler or a known trigger', () => {
    const handlers = new Set(table.map((r) => r.handler));
    const modules = readdirSync(FUNCTIONS)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3));
    expect(modules.filter((m) => !handlers.has(m) && !NOT_ROUTES.has(m))).toEqual([]);
  });

  it('every non-public route lists at least one role, each from ROLES, none twice', () => {
    for (const r of table) {
      if (isPublic(r)) continue;
      const roles = r.auth as readonly string[];
      expect([r.id, roles.length > 0]).toEqual([r.id, true]);
      for (const role of roles) expect(ROLES).toContain(role);
      expect(new Set(roles).size).toBe(roles.length);
    }
  });

  it('only reads are public', () => {
    expect(table.filter(isPublic).map((r) => [r.id, r.method])).toEqual([
      ['getHealth', 'GET'],
      ['getCatalog', 'GET'],
      ['getOpenApi', 'GET'],
    ]);
  });

  it('paths are well formed: leading slash, no trailing slash, named parameters used once', () => {
    for (const r of table) {
      expect(r.path).toMatch(/^(\/([a-z][a-zA-Z.]*|\{[a-zA-Z]+\}))+$/);
      const params = [...r.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(new Set(params).size).toBe(params.length);
    }
  });

  it('each route is the first match for its own paths, so no row shadows another', () => {
    for (const r of table) {
      const sample = r.path.replace(/\{[^}]+\}/g, 'x1');
      const first = table.find((other) => other.method === r.method && matchPath(other.path, sample));
      expect([r.id, first?.id]).toEqual([r.id, r.id]);
    }
  });

  it('routeById finds each route and refuses an unknown id', () => {
    for (const r of routes) expect(routeById(r.id)).toBe(r);
    expect(() => routeById('nope' as Parameters<typeof routeById>[0])).toThrow();
  });

  it('every summary is bilingual', () => {
    for (const r of table) {
      expect(r.summary.vi.trim()).not.toBe('');
      expect(r.summary.en.trim()).not.toBe('');
      expect(r.summary.vi).not.toBe(r.summary.en);
    }
  });
});

describe('matchPath with malformed escapes', () => {
  it('matches nothing rather than throwing', () => {
    expect(matchPath('/reports/{year}', '/reports/%E0%A4%A')).toBeUndefined();
  });
});

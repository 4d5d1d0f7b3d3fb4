import { describe, expect, it } from 'vitest';
import { pathParams, queryParams } from '#shared/api/params';
import { contracts } from '#shared/contract/api';
import { CODE, ERROR_STATUS } from '#shared/contract/errors';
import { REPORTING_YEAR } from '#shared/contract/params';
import { errorCodesOf, pathFor, routeById, routes, type Route } from '#shared/contract/routes';
import { ValidationError } from '#shared/errors';

const table: readonly Route[] = routes;

function issuesOf(fn: () => unknown): { path: string; code: string }[] {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues.map(({ path, code }) => ({ path, code }));
  }
  throw new Error('expected a ValidationError');
}

describe('the route rows', () => {
  it('declare one parameter schema per {name} of the path, in path order', () => {
    for (const r of table) {
      const inPath = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(Object.keys(r.params), r.id).toEqual(inPath);
    }
  });

  it('each has a contract with its success status and answer, and only known error codes', () => {
    expect(Object.keys(contracts).sort()).toEqual(table.map((r) => r.id).sort());
    for (const r of table) for (const code of errorCodesOf(r)) expect(ERROR_STATUS).toHaveProperty(code);
    expect(contracts.declareEvidence.status).toBe(201);
    expect(contracts.startRollup.status).toBe(202);
  });

  it('a signed-in write can meet a reused key; a route with a reporting year, a year without catalog', () => {
    expect(errorCodesOf(routeById('saveMyReport'))).toEqual(
      expect.arrayContaining([CODE.IDEMPOTENCY_KEY_REUSED, CODE.NO_REPORTING_PERIOD, CODE.DEADLINE_PASSED]),
    );
    expect(errorCodesOf(routeById('getCatalog'))).not.toContain(CODE.UNAUTHORIZED);
    expect(errorCodesOf(routeById('getCatalog'))).not.toContain(CODE.NO_REPORTING_PERIOD);
    expect(errorCodesOf(routeById('getMe'))).not.toContain(CODE.VALIDATION_FAILED);
  });
});

describe('pathFor', () => {
  it('fills and encodes the parameters from the row', () => {
    expect(pathFor('getMyReport', { year: 2025 })).toBe('/reports/2025');
    expect(pathFor('getReviewReportVersion', { year: 2025, unitId: 'so-a', n: 3 })).toBe(
      '/review/2025/reports/so-a/versions/3',
    );
    expect(pathFor('withdrawEvidence', { evidenceId: 'a/b c' })).toBe('/evidence/a%2Fb%20c');
    expect(pathFor('getMe', {})).toBe('/me');
  });
});

describe('path and query parameters: one parser, from the row', () => {
  const report = routeById('getReviewReportVersion');

  it('parses integers as numbers and keeps strings', () => {
    expect(pathParams(report, { year: '2025', unitId: 'so-a', n: '02' })).toEqual({
      year: 2025,
      unitId: 'so-a',
      n: 2,
    });
  });

  it.each([
    [{ year: 'abc', unitId: 'so-a', n: '1' }, [{ path: 'year', code: 'invalid_year' }]],
    [{ year: '2025.5', unitId: 'so-a', n: '1' }, [{ path: 'year', code: 'invalid_year' }]],
    [{ year: '1999', unitId: 'so-a', n: '1' }, [{ path: 'year', code: 'too_small' }]],
    [{ year: '2101', unitId: 'so-a', n: '1' }, [{ path: 'year', code: 'too_big' }]],
    [{ year: '2025', unitId: 'SO-A', n: '1' }, [{ path: 'unitId', code: 'invalid_format' }]],
    [{ year: '2025', unitId: 'so-a', n: '1e3' }, [{ path: 'n', code: 'invalid_format' }]],
    [{ year: '2025', unitId: 'so-a', n: '0' }, [{ path: 'n', code: 'too_small' }]],
    // The first bad parameter in path order is the one reported, as the handlers always did.
    [{ year: 'x', unitId: 'BAD', n: 'y' }, [{ path: 'year', code: 'invalid_year' }]],
  ])('refuses %j', (raw, issues) => {
    expect(issuesOf(() => pathParams(report, raw))).toEqual(issues);
  });

  it('the catalog takes any whole year, so that one without a catalog is its 404', () => {
    expect(pathParams(routeById('getCatalog'), { year: '-5' })).toEqual({ year: -5 });
    expect(issuesOf(() => pathParams(routeById('getCatalog'), { year: '99999999999999999999' }))).toEqual([
      { path: 'year', code: 'invalid_year' },
    ]);
  });

  it('a query takes its declared parameters and names any other', () => {
    const audit = routeById('getAuditLog');
    expect(audit.query?.year?.schema).toBe(REPORTING_YEAR);
    expect(queryParams(audit, { year: '2025' })).toEqual({ year: 2025 });
    expect(queryParams(audit, { year: '2025', unit: 'so-a' })).toEqual({ year: 2025, unit: 'so-a' });
    expect(issuesOf(() => queryParams(audit, {}))).toEqual([{ path: 'query.year', code: 'required' }]);
    expect(issuesOf(() => queryParams(audit, { year: '2025', yaer: '1' }))).toEqual([
      { path: 'query.yaer', code: 'unknown_field' },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeById } from '#shared/contract/routes';
import { startTestApi, type TestApi } from './harness.ts';
import { checkedResponses, responseProblem } from './responseCheck.ts';
import { agencyA, units, YEAR } from './fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  // Agency A must be a unit of the hierarchy, or every agency route answers 403 (http/agencyUnit.ts).
  api = await startTestApi({ units });
});
afterAll(() => api.stop());

describe('every answer the suite receives is checked against the OpenAPI document', () => {
  it('checks the answers of real requests as they come', async () => {
    const before = checkedResponses.length;
    const report = await api.call(agencyA, 'GET', `/reports/${YEAR}`);
    expect(report.status).toBe(200);
    const missing = await api.call(agencyA, 'GET', `/reports/${YEAR}/versions/7`);
    expect(missing.status).toBe(404);
    expect(checkedResponses.slice(before)).toEqual([
      { routeId: 'getMyReport', status: 200 },
      { routeId: 'getMyReportVersion', status: 404 },
    ]);
  });

  it('refuses an answer whose body does not match: a missing field, an extra one, a wrong type', async () => {
    const route = routeById('getMyReport');
    const { json } = await api.call(agencyA, 'GET', `/reports/${YEAR}`);
    expect(responseProblem(route, 200, json)).toBeUndefined();
    const { editable: _e, ...withoutEditable } = json;
    expect(responseProblem(route, 200, withoutEditable)).toMatch(/editable/);
    expect(responseProblem(route, 200, { ...json, objectKey: 'evidence/x' })).toMatch(/additional/);
    expect(responseProblem(route, 200, { ...json, version: '3' })).toMatch(/version/);
  });

  it('refuses a status the operation does not document, and an error code it does not list', () => {
    const route = routeById('getMyReport');
    expect(responseProblem(route, 201, {})).toMatch(/does not document/);
    const error = (code: string) => ({
      error: { code, message: { vi: 'x', en: 'x' } },
      requestId: 'r',
    });
    expect(responseProblem(route, 404, error('NO_REPORTING_PERIOD'))).toBeUndefined();
    expect(responseProblem(route, 404, error('EVIDENCE_NOT_FOUND'))).toMatch(/allowed values/);
  });
});

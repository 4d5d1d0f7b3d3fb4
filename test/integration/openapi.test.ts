import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestContracts } from '#shared/api/requestContracts';
import { routes } from '#shared/contract/routes';
import { startTestApi, type TestApi } from './harness.ts';
import { catalog } from './fixtures.ts';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe('GET /openapi.json', () => {
  it('is a valid OpenAPI 3.1 document describing every route of the route table', async () => {
    const res = await api.call(undefined, 'GET', '/openapi.json');
    expect(res.status).toBe(200);
    const result = await new Validator().validate(res.json);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(res.json.openapi).toBe('3.1.0');
    const described = Object.entries(res.json.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(described.sort()).toEqual(routes.map((r) => `${r.method} ${r.path}`).sort());
  });

  it('carries a complete example for every request body, and each passes the API’s own parser', async () => {
    const res = await api.call(undefined, 'GET', '/openapi.json');
    // Every route that takes a body has a contract (the steps of a review that need no words take none).
    const bodiless = new Set([
      'completeEvidence',
      'withdrawEvidence',
      'startRollup',
      'publishPreliminary',
      'finalizeReview',
      'agreeWithPreliminary',
    ]);
    const writing = routes.filter((r) => r.method !== 'GET' && !bodiless.has(r.id));
    const withBodies = routes.filter((r) => requestContracts[r.id as keyof typeof requestContracts]);
    expect(withBodies.map((r) => r.id).sort()).toEqual(writing.map((r) => r.id).sort());
    for (const route of withBodies) {
      const op = res.json.paths[route.path][route.method.toLowerCase()];
      const example = op.requestBody.content['application/json'].examples.complete.value;
      expect(example).toBeDefined();
      const contract = requestContracts[route.id as keyof typeof requestContracts]!;
      expect(() => contract.parse(catalog, example)).not.toThrow();
    }
  });
});

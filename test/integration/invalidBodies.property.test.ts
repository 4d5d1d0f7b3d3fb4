import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isNumericField } from '#shared/catalog/types';
import { startTestApi, type TestApi } from './harness.ts';
import { YEAR, catalog, openPeriod, snapshotTable, units } from './fixtures.ts';

const agency = { sub: 'fuzz', role: 'agency', unitId: 'so-a' } as const;
const codes = new Set(catalog.fields.map((f) => f.code));
const numeric = catalog.fields.filter(isNumericField);

/** Bodies that can never be a valid draft, each kind of mistake a caller can make. */
const invalidBody: fc.Arbitrary<{ raw: string; contentType: string }> = fc.oneof(
  fc.oneof(fc.integer(), fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.anything())).map((v) => ({
    raw: JSON.stringify(v),
    contentType: 'application/json',
  })),
  fc
    .record({ key: fc.string({ minLength: 1 }).filter((k) => k !== 'values'), v: fc.jsonValue() })
    .map(({ key, v }) => ({
      raw: JSON.stringify({ values: {}, [key]: v }),
      contentType: 'application/json',
    })),
  fc
    .record({
      key: fc.string({ minLength: 1 }).filter((k) => !codes.has(k) && k !== '__proto__'),
      v: fc.jsonValue(),
    })
    .map(({ key, v }) => ({
      raw: JSON.stringify({ values: { [key]: v } }),
      contentType: 'application/json',
    })),
  fc
    .record({
      f: fc.constantFrom(...numeric),
      over: fc.double({ min: 1, max: 1e12, noNaN: true }),
      below: fc.boolean(),
    })
    .map(({ f, over, below }) => ({
      raw: JSON.stringify({ values: { [f.code]: below ? f.min - over : f.max + over } }),
      contentType: 'application/json',
    })),
  fc
    .record({
      f: fc.constantFrom(...numeric),
      v: fc.oneof(fc.string(), fc.boolean(), fc.array(fc.integer()), fc.object()),
    })
    .map(({ f, v }) => ({
      raw: JSON.stringify({ values: { [f.code]: v } }),
      contentType: 'application/json',
    })),
  fc
    .string({ minLength: 1 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((raw) => ({ raw, contentType: 'application/json' })),
  fc.jsonValue().map((v) => ({ raw: JSON.stringify(v), contentType: 'text/plain' })),
);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
  await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: {} } });
});
afterAll(() => api.stop());

it('1,000 random invalid bodies each get a 4xx with issues, and the table is unchanged', async () => {
  const before = await snapshotTable(api.tableName);
  await fc.assert(
    fc.asyncProperty(invalidBody, async ({ raw, contentType }) => {
      const res = await api.call(agency, 'PUT', `/reports/${YEAR}`, {
        rawBody: raw,
        headers: { 'content-type': contentType },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.json.error.code).toBeTruthy();
    }),
    { numRuns: 1000 },
  );
  expect(await snapshotTable(api.tableName)).toBe(before);
});

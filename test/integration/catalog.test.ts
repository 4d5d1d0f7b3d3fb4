import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';

describe('GET /catalog/{year} through the local adapter', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('returns the 2025 catalog without signing in', async () => {
    const res = await api.call(undefined, 'GET', '/catalog/2025');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toMatch(/public/);
    expect(res.json.year).toBe(2025);
    expect(res.json.sections).toHaveLength(8);
    expect(res.json.fields.length).toBeGreaterThanOrEqual(45);
    expect(res.json.indicators.length).toBeGreaterThanOrEqual(15);
    expect(res.json.rules.length).toBeGreaterThan(0);
    expect(res.json.bands.map((b: { id: string }) => b.id)).toEqual(['good', 'fair', 'medium', 'weak']);
    const email = res.json.indicators.find((i: { code: string }) => i.code === 'email_regular_pct');
    expect(email.formula.expression).toBe('staff_email_regular / staff_total × 100');
    // Targets for the levels of 2025's hierarchy only (no district level after 30 June 2025), each with its source.
    expect(email.targetsByLevel.map((t: { level: string }) => t.level)).toEqual(['province', 'commune']);
    expect(email.targetSources).toEqual({ province: 'qd-48-2009-ttg' });
    expect(email.targetsByLevel).toContainEqual({ level: 'commune', op: '>=', value: 30 });
  });

  it('lists the years that have a catalog, each of which answers 200', async () => {
    const res = await api.call(undefined, 'GET', '/catalog');
    expect(res.status).toBe(200);
    expect(res.json.years).toEqual(expect.arrayContaining([2024, 2025]));
    expect([...res.json.years].sort((a: number, b: number) => a - b)).toEqual(res.json.years);
    for (const year of res.json.years as number[])
      expect((await api.call(undefined, 'GET', `/catalog/${year}`)).status).toBe(200);
  });

  it('serves each year’s own catalog', async () => {
    const res = await api.call(undefined, 'GET', '/catalog/2024');
    expect(res.status).toBe(200);
    expect(res.json.year).toBe(2024);
    expect(res.json.version).toBe('2024.1');
    const email = res.json.indicators.find((i: { code: string }) => i.code === 'email_regular_pct');
    expect(email.targets.commune).toBe(30);
  });

  it.each(['abc', '2025.5', '20x5', '1e3', '99999999999999999999'])(
    'a year that is not an integer (%s) is 400 with an issue on path year',
    async (year) => {
      const res = await api.call(undefined, 'GET', `/catalog/${year}`);
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('VALIDATION_FAILED');
      expect(res.json.error.issues).toEqual([
        expect.objectContaining({ path: 'year', code: 'invalid_year' }),
      ]);
      expect(res.json.error.message.vi).not.toBe(res.json.error.message.en);
    },
  );

  it.each(['1999', '2030', '0', '-5'])('a year with no catalog (%s) is 404', async (year) => {
    const res = await api.call(undefined, 'GET', `/catalog/${year}`);
    expect(res.status).toBe(404);
    expect(res.json.error.code).toBe('NOT_FOUND');
    expect(res.json.error.message.vi).toBeTruthy();
    expect(res.json.error.message.en).toBeTruthy();
  });
});

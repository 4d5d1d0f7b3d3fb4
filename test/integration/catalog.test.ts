import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
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

  it('carries a validator, so a repeat visit costs a 304 with no body', async () => {
    const first = await api.call(undefined, 'GET', '/catalog/2025');
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/"[\w-]{20,}"$/);
    const again = await api.call(undefined, 'GET', '/catalog/2025', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.json).toBeUndefined();
    expect(again.headers.get('etag')).toBe(etag);
    const stale = await api.call(undefined, 'GET', '/catalog/2025', {
      headers: { 'if-none-match': 'W/"old"' },
    });
    expect(stale.status).toBe(200);
    const otherYear = await api.call(undefined, 'GET', '/catalog/2024');
    expect(otherYear.headers.get('etag')).not.toBe(etag);
  });

  it.each([
    ['br', brotliDecompressSync],
    ['gzip', gunzipSync],
  ] as const)(
    'goes out %s-coded to a caller that accepts it, several times smaller',
    async (coding, decode) => {
      const plain = await raw(`${api.url}/catalog/2025`, 'identity');
      expect(plain.headers['content-encoding']).toBeUndefined();
      const packed = await raw(`${api.url}/catalog/2025`, coding);
      expect(packed.headers['content-encoding']).toBe(coding);
      expect(packed.headers.vary).toMatch(/accept-encoding/i);
      expect(packed.body.length * 4).toBeLessThan(plain.body.length);
      expect(decode(packed.body).equals(plain.body)).toBe(true);
    },
  );
});

/** One GET with no automatic decoding, to see the bytes as they travel. */
function raw(url: string, acceptEncoding: string) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
    (resolve, reject) => {
      request(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    },
  );
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { CLOCK_SKEW_SECONDS } from '../../local/identity.ts';
import { startTestApi, type TestApi } from './harness.ts';

const agency = { sub: 'agency-a', role: 'agency', unitId: 'unit-a' } as const;
const unitA = {
  id: 'unit-a',
  code: 'A',
  name: { vi: 'Đơn vị A', en: 'Unit A' },
  level: 'province',
  reports: true,
  validFrom: '2000-01-01',
};

describe('the spine: health and identity through the local adapter', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ units: [unitA] });
  });
  afterAll(() => api.stop());

  it('GET /health answers anyone, from the function alone', async () => {
    const res = await api.call(undefined, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok' });
  });

  it('GET /health/deep reports DynamoDB and S3 as reachable, to an admin only', async () => {
    const res = await api.call({ sub: 'admin-1', role: 'admin' }, 'GET', '/health/deep');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', checks: { dynamodb: 'ok', s3: 'ok' } });
    expect((await api.call(undefined, 'GET', '/health/deep')).status).toBe(401);
    expect((await api.call(agency, 'GET', '/health/deep')).status).toBe(403);
    expect((await api.call({ sub: 'aud-1', role: 'auditor' }, 'GET', '/health/deep')).status).toBe(403);
  });

  it('GET /me returns the identity from the token claims', async () => {
    const res = await api.call(agency, 'GET', '/me');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      sub: 'agency-a',
      role: 'agency',
      unitId: 'unit-a',
      unit: {
        id: 'unit-a',
        code: 'A',
        name: unitA.name,
        level: 'province',
        levelName: { vi: 'Cấp tỉnh', en: 'Provincial' },
        validFrom: '2000-01-01',
      },
    });
  });

  it('GET /me without a token is 401', async () => {
    expect((await api.call(undefined, 'GET', '/me')).status).toBe(401);
  });

  it('refuses a token signed by another key', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject('mallory')
      .setIssuer(api.issuer.issuer)
      .setAudience(api.issuer.audience)
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await api.call(undefined, 'GET', '/me', { headers: { authorization: `Bearer ${forged}` } });
    expect(res.status).toBe(401);
  });

  it('refuses an expired token', async () => {
    const expired = await api.issuer.sign(agency, { expiresInSeconds: -60 });
    const res = await api.call(undefined, 'GET', '/me', { headers: { authorization: `Bearer ${expired}` } });
    expect(res.status).toBe(401);
  });

  it('refuses a token for another audience', async () => {
    const valid = await api.issuer.sign(agency);
    const [h, p, s] = valid.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.aud = 'someone-else';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const res = await api.call(undefined, 'GET', '/me', { headers: { authorization: `Bearer ${tampered}` } });
    expect(res.status).toBe(401);
  });

  it('refuses alg=none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        sub: 'x',
        'cognito:groups': ['admin'],
        iss: api.issuer.issuer,
        aud: api.issuer.audience,
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString('base64url');
    const res = await api.call(undefined, 'GET', '/me', {
      headers: { authorization: `Bearer ${header}.${payload}.` },
    });
    expect(res.status).toBe(401);
  });

  describe('refuses what API Gateway’s JWT authorizer refuses', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const claims = () => ({
      sub: 'agency-a',
      'cognito:groups': ['agency'],
      'custom:unitId': 'unit-a',
      iss: api.issuer.issuer,
      aud: api.issuer.audience,
    });
    const me = async (token: string) =>
      (await api.call(undefined, 'GET', '/me', { headers: { authorization: `Bearer ${token}` } })).status;

    it('a token without exp', async () => {
      expect(await me(await api.issuer.signPayload({ ...claims(), iat: now() }))).toBe(401);
    });

    it('a token issued in the future beyond the clock skew, but not one within it', async () => {
      const exp = now() + 3600;
      const ahead = await api.issuer.signPayload({ ...claims(), exp, iat: now() + CLOCK_SKEW_SECONDS + 30 });
      expect(await me(ahead)).toBe(401);
      const withinSkew = await api.issuer.signPayload({ ...claims(), exp, iat: now() + 5 });
      expect(await me(withinSkew)).toBe(200);
    });

    it('a token whose unit is not a unit id (it would become part of keys)', async () => {
      const bad = { ...claims(), 'custom:unitId': '../../etc', exp: now() + 3600, iat: now() };
      expect(await me(await api.issuer.signPayload(bad))).toBe(401);
    });
  });

  it('answers a malformed escape in the path with 400, matched or not', async () => {
    for (const path of ['/%zz', '/reports/%E0%A4%A', '/review/2026/reports/%/versions', '/nope/%']) {
      const res = await api.call(agency, 'GET', path);
      expect(res.status, path).toBe(400);
    }
  });

  it('answers unknown paths with 404, not 500', async () => {
    expect((await api.call(agency, 'GET', '/nope')).status).toBe(404);
  });
});

describe('the local Lambda Invoke endpoint', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  const invoke = (path: string) =>
    fetch(`${api.url}${path}`, {
      method: 'POST',
      headers: { 'x-amz-invocation-type': 'Event' },
      body: JSON.stringify({ year: 2025, runId: '../../../outside' }),
    });

  it('refuses a call that does not carry this run’s secret', async () => {
    const forged = await invoke('/local-lambda/guessed/2015-03-31/functions/rollupYear/invocations');
    expect(forged.status).toBe(403);
    expect(forged.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
    // Lambda's own path on the adapter's port is no route at all.
    expect((await invoke('/2015-03-31/functions/rollupYear/invocations')).status).toBe(404);
  });

  it('is what the routes’ Lambda client is pointed at, with a secret long enough not to guess', () => {
    const endpoint = new URL(process.env.LAMBDA_ENDPOINT ?? '');
    expect(endpoint.origin).toBe(api.url);
    expect(endpoint.pathname).toMatch(/^\/local-lambda\/[A-Za-z0-9_-]{32,}$/);
  });
});

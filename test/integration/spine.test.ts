import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
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

  it('GET /health reports DynamoDB and S3 as reachable', async () => {
    const res = await api.call(undefined, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: 'ok', checks: { dynamodb: 'ok', s3: 'ok' } });
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

  it('answers unknown paths with 404, not 500', async () => {
    expect((await api.call(agency, 'GET', '/nope')).status).toBe(404);
  });
});

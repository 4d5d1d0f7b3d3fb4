import { describe, expect, it, vi } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '#shared/http/originCheck';
import { ADMIN, call, expectError, TEST_ENV, type Handler } from './apiEvent.ts';

for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
const health = ((await import('../../../functions/getHealth.ts')) as { handler: Handler }).handler;
const me = ((await import('../../../functions/getMe.ts')) as { handler: Handler }).handler;

describe('a request that did not come through CloudFront', () => {
  it('is refused with 403 NOT_THROUGH_SITE on a public route, before the handler runs', async () => {
    const reply = await call(health, 'getHealth', {
      path: '/health',
      headers: { [ORIGIN_VERIFY_HEADER]: '' },
    });
    expectError(reply, 403, 'NOT_THROUGH_SITE');
  });

  it('is refused on a signed-in route even with a valid token, and with a near-miss secret', async () => {
    const near = `${TEST_ENV.ORIGIN_VERIFY_SECRET.slice(0, -1)}x`;
    for (const value of [near, `${TEST_ENV.ORIGIN_VERIFY_SECRET} `, 'x']) {
      const reply = await call(me, 'getMe', {
        path: '/me',
        claims: ADMIN,
        headers: { [ORIGIN_VERIFY_HEADER]: value },
      });
      expectError(reply, 403, 'NOT_THROUGH_SITE');
    }
  });

  it('passes with the secret CloudFront adds', async () => {
    const reply = await call(health, 'getHealth', { path: '/health' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'ok' });
  });
});

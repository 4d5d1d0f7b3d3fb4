import { describe, expect, it } from 'vitest';
import { preferredCoding } from '#shared/http/compress';
import { conditionalGet, noneMatchHits, weakEtagOf } from '#shared/http/conditionalGet';
import { routeById } from '#shared/contract/routes';
import type { ApiEvent, ApiResponse } from '#shared/http/types';

describe('Accept-Encoding', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0.5, gzip', 'gzip'],
    ['br;q=0, gzip;q=0.1', 'gzip'],
    ['*', 'br'],
    ['*;q=0.2, gzip;q=0', 'br'],
    ['identity', undefined],
    ['deflate', undefined],
    ['br;q=0, gzip;q=0', undefined],
    ['', undefined],
  ] as const)('%j → %s', (header, coding) => {
    expect(preferredCoding(header)).toBe(coding);
  });

  it('a missing header asks for nothing', () => {
    expect(preferredCoding(undefined)).toBeUndefined();
  });
});

describe('If-None-Match', () => {
  const etag = weakEtagOf({ year: 2026 });

  it('gives one tag per body', () => {
    expect(etag).toBe(weakEtagOf({ year: 2026 }));
    expect(etag).not.toBe(weakEtagOf({ year: 2025 }));
  });

  it.each([
    [etag, true],
    [etag.replace(/^W\//, ''), true],
    [`W/"other", ${etag}`, true],
    ['*', true],
    ['W/"other"', false],
    ['', false],
  ])('%j hits: %s', (header, hit) => {
    expect(noneMatchHits(header, etag)).toBe(hit);
  });

  /** The middleware's `after` on a response, as middy runs it. */
  async function after(
    routeId: 'getMyReport' | 'getCatalog' | 'saveMyReport',
    response: ApiResponse,
    inm?: string,
  ) {
    const request = {
      event: { headers: inm ? { 'if-none-match': inm } : {} } as unknown as ApiEvent,
      response,
    };
    await conditionalGet(routeById(routeId)).after?.(request as never);
    return request.response as ApiResponse & { headers: Record<string, string> };
  }
  const report = (body: string): ApiResponse => ({
    statusCode: 200,
    headers: { etag: '"v3"', 'cache-control': 'no-store' },
    body,
  });

  it('tags a conditional answer by its body, keeping the version in front, and varies on the caller', async () => {
    const first = await after('getMyReport', report('{"version":3,"editable":true}'));
    expect(first.headers.etag).toMatch(/^W\/"v3-[\w-]{32}"$/);
    expect(first.headers.vary).toBe('authorization');
    // Same version, another body (the deadline passed): another tag, so no stale 304.
    const later = await after('getMyReport', report('{"version":3,"editable":false}'));
    expect(later.headers.etag).not.toBe(first.headers.etag);
    expect(
      (await after('getCatalog', { statusCode: 200, headers: {}, body: '{}' })).headers.vary,
    ).toBeUndefined();
  });

  it('answers 304 with no body and the validators on a hit, and the whole answer otherwise', async () => {
    const { etag: tag } = (await after('getMyReport', report('{"a":1}'))).headers;
    const hit = await after('getMyReport', report('{"a":1}'), `W/"x", ${tag}`);
    expect(hit).toEqual({
      statusCode: 304,
      headers: { etag: tag, 'cache-control': 'no-store', vary: 'authorization' },
      body: '',
    });
    const miss = await after('getMyReport', report('{"a":2}'), tag);
    expect(miss.statusCode).toBe(200);
    expect(miss.body).toBe('{"a":2}');
  });

  it('leaves other routes and failures alone', async () => {
    const save = report('{"a":1}');
    expect(await after('saveMyReport', save, '*')).toBe(save);
    const failed = { statusCode: 404, headers: {}, body: '{}' };
    expect(await after('getMyReport', failed, '*')).toBe(failed);
  });
});

import { describe, expect, it } from 'vitest';
import { preferredCoding } from '#shared/http/compress';
import { conditionalAnswer, noneMatchHits, weakEtagOf } from '#shared/http/conditionalGet';

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

  it('answers 304 with no body on a hit and the body otherwise, with the validator either way', () => {
    expect(conditionalAnswer({ 'if-none-match': etag }, { a: 1 }, etag, 'no-cache')).toEqual({
      status: 304,
      headers: { etag, 'cache-control': 'no-cache' },
    });
    expect(conditionalAnswer({}, { a: 1 }, etag, 'no-cache')).toEqual({
      body: { a: 1 },
      headers: { etag, 'cache-control': 'no-cache' },
    });
  });
});

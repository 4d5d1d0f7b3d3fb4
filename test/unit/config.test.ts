import { afterEach, describe, expect, it, vi } from 'vitest';
import { intEnv, requireEnv } from '#shared/config';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('requireEnv', () => {
  it('returns the value when set', () => {
    vi.stubEnv('BCCNTT_TEST_TABLE', 'bao-cao-table');
    expect(requireEnv('BCCNTT_TEST_TABLE')).toBe('bao-cao-table');
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
  ])('fails when %s, naming the variable', (_name, value) => {
    vi.stubEnv('BCCNTT_TEST_TABLE', value);
    expect(() => requireEnv('BCCNTT_TEST_TABLE')).toThrow(/BCCNTT_TEST_TABLE/);
  });
});

describe('intEnv', () => {
  it('the fallback when unset or empty, the number when set', () => {
    vi.stubEnv('BCCNTT_TEST_LIMIT', undefined);
    expect(intEnv('BCCNTT_TEST_LIMIT', 7)).toBe(7);
    vi.stubEnv('BCCNTT_TEST_LIMIT', '');
    expect(intEnv('BCCNTT_TEST_LIMIT', 7)).toBe(7);
    vi.stubEnv('BCCNTT_TEST_LIMIT', '25');
    expect(intEnv('BCCNTT_TEST_LIMIT', 7)).toBe(25);
  });

  it.each(['0', '-3', '2.5', 'ten', '1e400'])('refuses %j, naming the variable', (value) => {
    vi.stubEnv('BCCNTT_TEST_LIMIT', value);
    expect(() => intEnv('BCCNTT_TEST_LIMIT', 7)).toThrow(/BCCNTT_TEST_LIMIT/);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalValues, receiptReference, valuesSha256 } from '#shared/contract/receipt';

describe('the receipt of a submission', () => {
  it('hashes the values in one canonical form, whatever their order, leaving out empty fields', () => {
    const a = { b: 2, a: 'Sở', c: true, d: null };
    const b = { c: true, a: 'Sở', b: 2 };
    expect(canonicalValues(a)).toBe('{"a":"Sở","b":2,"c":true}');
    expect(valuesSha256(a)).toBe(valuesSha256(b));
    expect(valuesSha256(a)).toBe(
      createHash('sha256').update('{"a":"Sở","b":2,"c":true}', 'utf8').digest('hex'),
    );
    expect(valuesSha256({ ...b, b: 3 })).not.toBe(valuesSha256(b));
  });

  it('names year, unit, submission round and version in its reference', () => {
    expect(receiptReference({ year: 2026, unitId: 'so-tttt', submissions: 2, version: 7 })).toBe(
      'BCCNTT-2026-SO-TTTT-02-V7',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { CLAIMS, identityFromClaims, parseListClaim } from '#shared/auth';

describe('parseListClaim', () => {
  it.each<[string, unknown, string[]]>([
    ["API Gateway's bracketed form", '[admin agency]', ['admin', 'agency']],
    ['one bracketed group', '[auditor]', ['auditor']],
    ['an empty bracketed list', '[]', []],
    ['surrounding whitespace', '  [ agency   auditor ]  ', ['agency', 'auditor']],
    ['a comma list', 'agency,auditor', ['agency', 'auditor']],
    ['commas and spaces mixed', '[agency, auditor]', ['agency', 'auditor']],
    ['a bare single value', 'admin', ['admin']],
    ['a real array', ['agency', 'admin'], ['agency', 'admin']],
    ['an empty string', '', []],
    ['undefined', undefined, []],
    ['null', null, []],
    ['a number', 42, []],
    ['an object', { 0: 'admin' }, []],
    ['a boolean', true, []],
  ])('%s', (_name, value, expected) => {
    expect(parseListClaim(value)).toEqual(expected);
  });

  it('turns array members into strings', () => {
    expect(parseListClaim(['agency', 7])).toEqual(['agency', '7']);
  });
});

describe('identityFromClaims', () => {
  const claims = (groups: unknown, extra: Record<string, unknown> = {}) => ({
    sub: 'user-1',
    [CLAIMS.groups]: groups,
    ...extra,
  });

  it('an agency user with a unit', () => {
    expect(identityFromClaims(claims('[agency]', { [CLAIMS.unitId]: 'hn-so-tttt' }))).toEqual({
      sub: 'user-1',
      role: 'agency',
      unitId: 'hn-so-tttt',
    });
  });

  it('an auditor and an admin need no unit', () => {
    expect(identityFromClaims(claims('[auditor]'))).toEqual({ sub: 'user-1', role: 'auditor' });
    expect(identityFromClaims(claims(['admin']))).toEqual({ sub: 'user-1', role: 'admin' });
  });

  it.each<[string, unknown, string]>([
    ['admin over auditor and agency', '[agency auditor admin]', 'admin'],
    ['admin over agency', ['agency', 'admin'], 'admin'],
    ['auditor over agency', 'agency,auditor', 'auditor'],
    ['auditor alone among unknown groups', '[staff auditor readers]', 'auditor'],
  ])('role precedence: %s', (_name, groups, role) => {
    expect(identityFromClaims(claims(groups, { [CLAIMS.unitId]: 'hn-so-tttt' }))?.role).toBe(role);
  });

  it('keeps the unit of a higher role when present, and leaves it out when absent', () => {
    expect(identityFromClaims(claims('[agency admin]'))).toEqual({ sub: 'user-1', role: 'admin' });
    expect(identityFromClaims(claims('[auditor]', { [CLAIMS.unitId]: 'hn-so-tttt' }))).toEqual({
      sub: 'user-1',
      role: 'auditor',
      unitId: 'hn-so-tttt',
    });
  });

  it.each<[string, Record<string, unknown> | undefined]>([
    ['no claims', undefined],
    ['an agency without a unit', claims('[agency]')],
    ['an agency with an empty unit', claims('[agency]', { [CLAIMS.unitId]: '' })],
    ['an agency with a non-string unit', claims('[agency]', { [CLAIMS.unitId]: 42 })],
    ['only unknown groups', claims('[Admin superuser]', { [CLAIMS.unitId]: 'hn' })],
    ['no groups', { sub: 'user-1', [CLAIMS.unitId]: 'hn' }],
    ['a missing sub', { [CLAIMS.groups]: '[admin]' }],
    ['an empty sub', claims('[admin]', { sub: '' })],
    ['a non-string sub', claims('[admin]', { sub: 12345 })],
    ['a unit that is a path', claims('[agency]', { [CLAIMS.unitId]: '../evidence' })],
    ['a unit with a slash', claims('[agency]', { [CLAIMS.unitId]: 'hn/so-tttt' })],
    ['an auditor with a malformed unit', claims('[auditor]', { [CLAIMS.unitId]: 'HN SO' })],
  ])('no identity for %s', (_name, value) => {
    expect(identityFromClaims(value)).toBeUndefined();
  });
});

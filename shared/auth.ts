import { UNIT_ID_PATTERN } from './hierarchy.ts';
import { ROLES, type Role } from './contract/roles.ts';

/** Claim names shared by Cognito (in AWS) and the local signing key. */
export const CLAIMS = {
  groups: 'cognito:groups',
  unitId: 'custom:unitId',
} as const;

export interface Identity {
  readonly sub: string;
  readonly role: Role;
  /** Set for agency users: the unit whose reports they own. */
  readonly unitId?: string;
}

/**
 * API Gateway's JWT authorizer hands array claims over as one bracketed, space-separated string ("[a b]");
 * a directly decoded token has a real array. Accept both.
 */
export function parseListClaim(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value !== 'string') return [];
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[\s,]+/).filter(Boolean);
}

/** Roles in order of precedence, when a user sits in more than one group. */
const PRECEDENCE: readonly Role[] = ['admin', 'auditor', 'agency'];

export function identityFromClaims(claims: Record<string, unknown> | undefined): Identity | undefined {
  if (!claims) return undefined;
  const sub = typeof claims.sub === 'string' ? claims.sub : undefined;
  if (!sub) return undefined;
  const groups = parseListClaim(claims[CLAIMS.groups]).filter((g): g is Role =>
    (ROLES as readonly string[]).includes(g),
  );
  const role = PRECEDENCE.find((r) => groups.includes(r));
  if (!role) return undefined;
  const unitClaim = claims[CLAIMS.unitId];
  const unitId = typeof unitClaim === 'string' && unitClaim !== '' ? unitClaim : undefined;
  // The unit becomes part of table keys and evidence object keys: a malformed one is no identity at all.
  if (unitId !== undefined && !UNIT_ID_PATTERN.test(unitId)) return undefined;
  if (role === 'agency' && !unitId) return undefined;
  return unitId ? { sub, role, unitId } : { sub, role };
}

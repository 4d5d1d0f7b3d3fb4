import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  SignJWT,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import { CLAIMS } from '#shared/auth';
import type { Role } from '#shared/contract/roles';

export const LOCAL_AUDIENCE = 'bao-cao-cntt-local';
const ALG = 'ES256';
/**
 * How far ahead of this machine's clock a token's `iat` may be. API Gateway's JWT authorizer refuses a token
 * issued in the future; one minute covers the drift between two machines with NTP.
 */
export const CLOCK_SKEW_SECONDS = 60;

export interface LocalIdentityInput {
  readonly sub: string;
  readonly role: Role;
  readonly unitId?: string;
}

export interface LocalIssuer {
  readonly issuer: string;
  readonly audience: string;
  /** The private key, for the local OIDC provider to sign its ID tokens with (local/oidcProvider.ts). */
  readonly signingKey: JWK;
  sign(identity: LocalIdentityInput, opts?: { expiresInSeconds?: number }): Promise<string>;
  /** Signs exactly these claims with the issuer's key: for tests of what the authorizer refuses. */
  signPayload(payload: JWTPayload): Promise<string>;
  /** Verifies as API Gateway's JWT authorizer does; returns the claims, or undefined when not valid. */
  verify(token: string): Promise<Record<string, unknown> | undefined>;
}

interface StoredKey {
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

async function loadOrCreateKey(keyFile: string | undefined): Promise<StoredKey> {
  if (keyFile && existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as StoredKey;
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const kid = `local-${Date.now().toString(36)}`;
  const stored = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: ALG, use: 'sig' },
  };
  if (keyFile) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(stored), { mode: 0o600 });
  }
  return stored;
}

/**
 * The local stand-in for Cognito's keys: a signing key kept beside the data, so tokens survive a restart. The
 * local OIDC provider signs its ID tokens with it; `sign` makes the same tokens at once for scripts and tests
 * (`POST /dev/token`, local only).
 */
export async function createLocalIssuer(opts: { issuer: string; keyFile?: string }): Promise<LocalIssuer> {
  const key = await loadOrCreateKey(opts.keyFile);
  const privateKey = await importJWK(key.privateJwk, ALG);
  const jwks = createLocalJWKSet({ keys: [key.publicJwk] });
  return {
    issuer: opts.issuer,
    audience: LOCAL_AUDIENCE,
    signingKey: key.privateJwk,
    sign: (identity, { expiresInSeconds = 8 * 3600 } = {}) =>
      new SignJWT({
        [CLAIMS.groups]: [identity.role],
        ...(identity.unitId ? { [CLAIMS.unitId]: identity.unitId } : {}),
        'cognito:username': identity.sub,
        token_use: 'id',
      })
        .setProtectedHeader({ alg: ALG, kid: key.privateJwk.kid as string, typ: 'JWT' })
        .setSubject(identity.sub)
        .setIssuer(opts.issuer)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
        .sign(privateKey),
    signPayload: (payload) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg: ALG, kid: key.privateJwk.kid as string, typ: 'JWT' })
        .sign(privateKey),
    verify: async (token) => {
      try {
        // As API Gateway's JWT authorizer: signature, issuer, audience, an `exp` that is present and not
        // passed, `nbf` not ahead, and `iat` not in the future (beyond the stated skew).
        const { payload } = await jwtVerify(token, jwks, {
          issuer: opts.issuer,
          audience: LOCAL_AUDIENCE,
          algorithms: [ALG],
          requiredClaims: ['exp'],
        });
        const now = Math.floor(Date.now() / 1000);
        if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) return undefined;
        return payload as Record<string, unknown>;
      } catch {
        return undefined;
      }
    },
  };
}

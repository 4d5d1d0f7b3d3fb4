import { DEV_PATHS } from '#shared/contract/routes';
import { callLocal, get, useTokens } from './api.ts';
import { config, type DeployConfig } from './config.ts';
import type { Me, Role } from './types.ts';

/*
 * Tokens live in sessionStorage: a commune office often shares one computer, so closing the tab signs out,
 * while a reload or the Cognito redirect keeps the session. Locally, /dev/token stands in for Cognito.
 */
const SESSION = 'bccntt.session';
const PKCE = 'bccntt.pkce';

interface Session {
  readonly token: string;
  readonly refreshToken?: string;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly mode: 'local' | 'cognito';
}

export interface DevUser {
  readonly sub: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly name: string;
}

function readSession(): Session | undefined {
  try {
    const raw = sessionStorage.getItem(SESSION);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
}

function writeSession(s: Session | undefined): void {
  me = undefined;
  if (s) sessionStorage.setItem(SESSION, JSON.stringify(s));
  else sessionStorage.removeItem(SESSION);
}

function expiryOf(jwt: string): number {
  try {
    const payload = JSON.parse(atob(jwt.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
      exp?: number;
    };
    return (payload.exp ?? 0) * 1000;
  } catch {
    return 0;
  }
}

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomString = (n: number) => base64url(crypto.getRandomValues(new Uint8Array(n)));

const redirectUri = (c?: DeployConfig | null) => c?.redirectUri ?? `${location.origin}/`;
const cognitoBase = (c: DeployConfig) =>
  /^https?:\/\//.test(c.cognitoDomain) ? c.cognitoDomain.replace(/\/+$/, '') : `https://${c.cognitoDomain}`;

async function tokenRequest(c: DeployConfig, form: Record<string, string>): Promise<Session> {
  const res = await fetch(`${cognitoBase(c)}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: c.userPoolClientId, ...form }).toString(),
  });
  if (!res.ok) throw new Error(`token endpoint ${res.status}`);
  const body = (await res.json()) as { id_token: string; refresh_token?: string };
  // The id token carries the groups and custom:unitId claims the API authorizes on.
  return {
    token: body.id_token,
    refreshToken: body.refresh_token ?? form.refresh_token,
    expiresAt: expiryOf(body.id_token),
    mode: 'cognito',
  };
}

export async function refresh(): Promise<boolean> {
  const s = readSession();
  const c = await config();
  if (!s?.refreshToken || !c) return false;
  try {
    writeSession(await tokenRequest(c, { grant_type: 'refresh_token', refresh_token: s.refreshToken }));
    return true;
  } catch {
    return false;
  }
}

async function token(): Promise<string | undefined> {
  const s = readSession();
  if (!s) return undefined;
  // A minute of slack so a token does not expire on its way to the server.
  if (s.expiresAt - 60_000 < Date.now() && (await refresh())) return readSession()?.token;
  return s.token;
}

useTokens({ token, refresh });

export const isSignedIn = (): boolean => readSession() !== undefined;

let me: Promise<Me> | undefined;
export function whoAmI(): Promise<Me> {
  me ??= get('getMe').catch((error: unknown) => {
    me = undefined;
    throw error;
  });
  return me;
}

export async function devUsers(): Promise<DevUser[]> {
  return (await callLocal<{ users: DevUser[] }>(DEV_PATHS.users)).data.users;
}

export async function signInLocal(user: DevUser): Promise<void> {
  const { data } = await callLocal<{ token: string }>(DEV_PATHS.token, {
    sub: user.sub,
    role: user.role,
    ...(user.unitId ? { unitId: user.unitId } : {}),
  });
  writeSession({ token: data.token, expiresAt: expiryOf(data.token), mode: 'local' });
}

/** Authorization code with PKCE: no client secret in the browser and no token in the address bar. */
export async function startCognitoSignIn(c: DeployConfig, returnTo: string): Promise<void> {
  const verifier = randomString(48);
  const state = randomString(16);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PKCE, JSON.stringify({ verifier, state, returnTo }));
  const url = new URL(`${cognitoBase(c)}/oauth2/authorize`);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: c.userPoolClientId,
    redirect_uri: redirectUri(c),
    scope: 'openid email profile',
    state,
    code_challenge: base64url(digest),
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/** Finishes a hosted-UI round trip when the page loads with ?code=; returns where to go next. */
export async function completeCognitoSignIn(): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  const code = params.get('code');
  if (!code) return undefined;
  const c = await config();
  const saved = JSON.parse(sessionStorage.getItem(PKCE) ?? 'null') as {
    verifier: string;
    state: string;
    returnTo: string;
  } | null;
  sessionStorage.removeItem(PKCE);
  history.replaceState(null, '', `${location.pathname}${location.hash || '#/'}`);
  if (!c || !saved || saved.state !== params.get('state')) return '#/signin';
  writeSession(
    await tokenRequest(c, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(c),
      code_verifier: saved.verifier,
    }),
  );
  return saved.returnTo || '#/';
}

export async function signOut(): Promise<void> {
  const s = readSession();
  writeSession(undefined);
  const c = await config().catch(() => null);
  if (s?.mode === 'cognito' && c) {
    const url = new URL(`${cognitoBase(c)}/logout`);
    url.search = new URLSearchParams({
      client_id: c.userPoolClientId,
      logout_uri: redirectUri(c),
    }).toString();
    location.assign(url.toString());
    return;
  }
  location.hash = '#/signin';
}

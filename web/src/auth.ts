import type { User, UserManager } from 'oidc-client-ts';
import { DEV_PATHS } from '#shared/contract/routes';
import { callLocal, get, useTokens } from './api.ts';
import { config, type SiteConfig } from './config.ts';
import type { Me, Role } from './types.ts';

/*
 * Sign-in is OpenID Connect's authorization-code flow with PKCE, run by oidc-client-ts against the provider the
 * site's /config.json names: Cognito's hosted UI when deployed, the local OIDC provider under `npm start`. The
 * API is sent the ID token, which carries the groups and custom:unitId it authorizes on.
 *
 * The session lives in sessionStorage: a commune office often shares one computer, so closing the tab signs
 * out, while a reload or the provider's redirect keeps it.
 */
const STORE_PREFIX = 'bccntt.';
/** A minute of slack so that a token does not expire on its way to the server. */
const EXPIRY_SLACK_SECONDS = 60;

export interface DevUser {
  readonly sub: string;
  readonly role: Role;
  readonly unitId?: string;
  readonly name: string;
}

let manager: Promise<UserManager | undefined> | undefined;
let siteConfig: SiteConfig | null = null;
let loadedConfig: Promise<SiteConfig | null> | undefined;

function siteConfigLoaded(): Promise<SiteConfig | null> {
  loadedConfig ??= config().then(
    (c) => (siteConfig = c),
    (error: unknown) => {
      loadedConfig = undefined;
      throw error;
    },
  );
  return loadedConfig;
}

/**
 * The library loads with the first need of it: a sign-in, a refresh, a sign-out. A page load with a live session
 * reads the stored user directly (`storedToken`), so the library stays out of the first download.
 */
function userManager(): Promise<UserManager | undefined> {
  manager ??= (async () => {
    const library = import('oidc-client-ts');
    library.catch(() => undefined);
    const site = await siteConfigLoaded();
    if (!site) return undefined;
    const { UserManager, WebStorageStateStore } = await library;
    const { auth } = site;
    const store = new WebStorageStateStore({ store: sessionStorage, prefix: STORE_PREFIX });
    return new UserManager({
      authority: auth.authority,
      client_id: auth.clientId,
      redirect_uri: auth.redirectUri,
      post_logout_redirect_uri: auth.redirectUri,
      response_type: 'code',
      scope: auth.scope,
      metadata: {
        issuer: auth.authority,
        authorization_endpoint: auth.endpoints.authorization,
        token_endpoint: auth.endpoints.token,
        end_session_endpoint: auth.endpoints.endSession,
      },
      userStore: store,
      stateStore: store,
      loadUserInfo: false,
      automaticSilentRenew: false,
      monitorSession: false,
    });
  })().catch((error: unknown) => {
    manager = undefined;
    throw error;
  });
  return manager;
}

/** Where oidc-client-ts keeps the user, read directly so that the router can ask synchronously. */
const userKey = (c: SiteConfig) => `${STORE_PREFIX}user:${c.auth.authority}:${c.auth.clientId}`;

export const isSignedIn = (): boolean =>
  siteConfig !== null && sessionStorage.getItem(userKey(siteConfig)) !== null;

/**
 * The stored user's ID token while it has more than the slack left, read as oidc-client-ts stores it
 * (`User.toStorageString`: `id_token`, and `expires_at` in seconds). Anything else, an older format included,
 * goes through the library.
 */
function storedToken(): string | undefined {
  if (!siteConfig) return undefined;
  try {
    const stored: unknown = JSON.parse(sessionStorage.getItem(userKey(siteConfig)) ?? 'null');
    if (!stored || typeof stored !== 'object') return undefined;
    const { id_token: idToken, expires_at: expiresAt } = stored as Record<string, unknown>;
    if (typeof idToken !== 'string' || typeof expiresAt !== 'number') return undefined;
    return expiresAt - Date.now() / 1000 > EXPIRY_SLACK_SECONDS ? idToken : undefined;
  } catch {
    return undefined;
  }
}

let me: Promise<Me> | undefined;

async function currentUser(): Promise<User | null> {
  return (await (await userManager())?.getUser()) ?? null;
}

export async function refresh(): Promise<boolean> {
  const m = await userManager();
  const user = await m?.getUser();
  if (!m || !user?.refresh_token) return false;
  try {
    me = undefined;
    return (await m.signinSilent()) !== null;
  } catch {
    return false;
  }
}

async function token(): Promise<string | undefined> {
  await siteConfigLoaded();
  const stored = storedToken();
  if (stored) return stored;
  const user = await currentUser();
  if (!user?.id_token) return undefined;
  const expiresIn = user.expires_in ?? 0;
  if (expiresIn < EXPIRY_SLACK_SECONDS && (await refresh())) return (await currentUser())?.id_token;
  return user.id_token;
}

useTokens({ token, refresh });

export function whoAmI(): Promise<Me> {
  me ??= get('getMe').catch((error: unknown) => {
    me = undefined;
    throw error;
  });
  return me;
}

/** Sends the browser to the provider's sign-in page; it comes back to the site's root with a code. */
export async function startSignIn(returnTo: string): Promise<void> {
  const m = await userManager();
  if (!m) throw new Error('/config.json names no sign-in provider');
  await m.signinRedirect({ state: returnTo });
}

/**
 * Finishes a round trip to the provider when the page loads with its answer in the query: a code after
 * sign-in, or the state of a sign-out. Returns where to go next, or undefined when there was nothing to do.
 */
export async function completeSignIn(): Promise<string | undefined> {
  const params = new URLSearchParams(location.search);
  if (!params.has('code') && !params.has('state') && !params.has('error')) return undefined;
  const m = await userManager();
  if (!m) return undefined;
  const clean = () => history.replaceState(null, '', `${location.pathname}${location.hash || '#/'}`);
  try {
    if (params.has('code') || params.has('error')) {
      const user = await m.signinRedirectCallback();
      me = undefined;
      return typeof user.state === 'string' && user.state.startsWith('#/') ? user.state : '#/';
    }
    await m.signoutRedirectCallback();
    return '#/signin';
  } catch {
    return '#/signin';
  } finally {
    clean();
  }
}

/** Local only (`quickSignIn` in /config.json): the seeded users, for the chooser. */
export async function devUsers(): Promise<DevUser[]> {
  return (await callLocal<{ users: DevUser[] }>(DEV_PATHS.users)).data.users;
}

/**
 * Local only: a token from POST /dev/token, kept as the user the sign-in flow would have stored, so that every
 * other path (the API's bearer token, sign-out) is the one the real sign-in takes.
 */
export async function signInLocal(user: DevUser): Promise<void> {
  const m = await userManager();
  if (!m) throw new Error('/config.json names no sign-in provider');
  const { data } = await callLocal<{ token: string }>(DEV_PATHS.token, {
    sub: user.sub,
    role: user.role,
    ...(user.unitId ? { unitId: user.unitId } : {}),
  });
  const idToken = data.token;
  const claims = JSON.parse(atob(idToken.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as {
    sub: string;
    iss: string;
    aud: string;
    exp: number;
    iat: number;
  };
  const { User } = await import('oidc-client-ts');
  await m.storeUser(
    new User({
      id_token: idToken,
      access_token: idToken,
      token_type: 'Bearer',
      profile: claims,
      expires_at: claims.exp,
    }),
  );
  me = undefined;
}

/**
 * Ends the session here and at the provider. Cognito's /logout reads `client_id` and `logout_uri`; an OIDC
 * provider reads `id_token_hint` and `post_logout_redirect_uri`: both are sent, each ignores the others. A
 * quick local session has no provider session to end.
 */
export async function signOut(): Promise<void> {
  const m = await userManager();
  const user = await m?.getUser();
  me = undefined;
  if (m && user?.refresh_token && siteConfig) {
    await m.signoutRedirect({
      extraQueryParams: { client_id: siteConfig.auth.clientId, logout_uri: siteConfig.auth.redirectUri },
    });
    return;
  }
  await m?.removeUser();
  location.hash = '#/signin';
}

/** Loads the configuration before the router asks isSignedIn(). */
export async function initAuth(): Promise<void> {
  await siteConfigLoaded();
}

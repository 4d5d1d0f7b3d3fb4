import { CONFIG_PATH } from './offline/caches.ts';
import { keepForOffline } from './offline/remember.ts';

/**
 * The site's /config.json, written by the deployed stack (infra/stack.ts, for Cognito) and served by the local
 * stack (local/api.ts, for its OIDC provider) in the same shape, so that sign-in runs the same code in both.
 */
export interface SiteConfig {
  /** Where the API is; '' for the site's own origin. */
  readonly apiUrl: string;
  readonly auth: {
    /** The ID token's issuer. */
    readonly authority: string;
    readonly clientId: string;
    readonly redirectUri: string;
    readonly scope: string;
    /** Given rather than discovered, so the browser fetches nothing but the token endpoint before sign-in. */
    readonly endpoints: {
      readonly authorization: string;
      readonly token: string;
      readonly endSession: string;
    };
  };
  /** Local only: the chooser of seeded users over POST /dev/token, beside the real sign-in. */
  readonly quickSignIn?: boolean;
}

let loaded: Promise<SiteConfig | null> | undefined;

function isSiteConfig(body: Partial<SiteConfig>): body is SiteConfig {
  const a = body.auth;
  return (
    typeof body.apiUrl === 'string' &&
    !!a?.authority &&
    !!a.clientId &&
    !!a.redirectUri &&
    !!a.endpoints?.authorization &&
    !!a.endpoints.token &&
    !!a.endpoints.endSession
  );
}

async function fetchConfig(): Promise<SiteConfig | null> {
  const res = await fetch(CONFIG_PATH, { cache: 'no-store', credentials: 'omit' });
  keepForOffline(CONFIG_PATH, 'GET', undefined, res);
  if (!res.ok) return null;
  // A CDN that answers unknown paths with index.html must not be mistaken for a configuration.
  if (!(res.headers.get('content-type') ?? '').includes('json')) return null;
  const body = (await res.json()) as Partial<SiteConfig>;
  return isSiteConfig(body) ? body : null;
}

export function config(): Promise<SiteConfig | null> {
  loaded ??= fetchConfig().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

export async function apiBase(): Promise<string> {
  const c = await config();
  return c ? c.apiUrl.replace(/\/+$/, '') : '';
}

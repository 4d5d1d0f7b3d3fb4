import { CONFIG_PATH } from './offline/caches.ts';
import { keepForOffline } from './offline/remember.ts';

/** What the deployment writes to /config.json; the local stack serves one naming no provider (dev sign-in). */
export interface DeployConfig {
  readonly apiUrl: string;
  readonly region: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
  /** The hosted UI's base URL (https://…) or bare domain. */
  readonly cognitoDomain: string;
  /** The callback registered with the user pool client; defaults to the site's root. */
  readonly redirectUri?: string;
}

let loaded: Promise<DeployConfig | null> | undefined;

async function fetchConfig(): Promise<DeployConfig | null> {
  const res = await fetch(CONFIG_PATH, { cache: 'no-store', credentials: 'omit' });
  keepForOffline(CONFIG_PATH, 'GET', undefined, res);
  if (!res.ok) return null;
  // A CDN that answers unknown paths with index.html must not be mistaken for a configuration.
  if (!(res.headers.get('content-type') ?? '').includes('json')) return null;
  const body = (await res.json()) as Partial<DeployConfig>;
  if (!body.apiUrl || !body.userPoolClientId || !body.cognitoDomain) return null;
  return body as DeployConfig;
}

export function config(): Promise<DeployConfig | null> {
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

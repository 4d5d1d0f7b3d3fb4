import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { JWK } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { CLAIMS } from '#shared/auth';
import { LOCAL_OIDC_MOUNT } from '#shared/contract/routes';
import type { SiteConfig } from '../web/src/config.ts';
import type { LocalIdentityInput } from './identity.ts';

/**
 * A real OpenID Connect provider (oidc-provider) standing in for Cognito's hosted UI: the web signs in through
 * the same authorization-code flow with PKCE as it does deployed, against seeded users with a password. Its ID
 * tokens are shaped like Cognito's (`cognito:groups`, `custom:unitId`, `token_use: 'id'`, audience = the web
 * client) and signed with the local key, which the adapter verifies as API Gateway's JWT authorizer does.
 */
export const OIDC_MOUNT = LOCAL_OIDC_MOUNT;

/** Every seeded user signs in locally with this password; `npm start` prints it. Never used in AWS. */
export const LOCAL_PASSWORD = 'baocao-local';

export interface LocalUser extends LocalIdentityInput {
  readonly name: string;
}

export interface LocalOidcOptions {
  /** `http://127.0.0.1:<port>`: the site's origin, where the provider is mounted under /oidc. */
  readonly origin: string;
  readonly clientId: string;
  /** The local signing key (private, ES256, with its kid). */
  readonly signingKey: JWK;
  /** The users who may sign in, looked up at each sign-in. */
  readonly users: () => Promise<readonly LocalUser[]>;
}

export interface LocalOidc {
  readonly issuer: string;
  /** What the site's /config.json says about sign-in: the same fields the deployed stack writes. */
  readonly siteAuth: SiteConfig['auth'];
  /** Answers /oidc/*; false for any other path. */
  answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
}

const SCOPE = 'openid email profile';
const ES256 = 'ES256';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(res: ServerResponse, status: number, title: string, body: string, nonce?: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'${
      nonce ? `; script-src 'nonce-${nonce}'` : ''
    }`,
  });
  res.end(`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
button{margin-top:1rem;padding:.6rem 1.2rem;font-size:1rem}.error{color:#a00000}.muted{color:#555;font-size:.9rem}</style>
</head><body>${body}</body></html>`);
}

function loginForm(res: ServerResponse, uid: string, error?: string, username = ''): void {
  page(
    res,
    error ? 401 : 200,
    'Đăng nhập / Sign in',
    `<main><h1>Đăng nhập Báo cáo CNTT <span lang="en">/ Sign in</span></h1>
<p class="muted">Nhà cung cấp định danh cục bộ, thay cho Cognito khi chạy trên máy này.
<span lang="en">A local identity provider standing in for Cognito.</span></p>
${error ? `<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="${OIDC_MOUNT}/interaction/${escapeHtml(uid)}/login" autocomplete="off">
<label for="username">Tên đăng nhập <span lang="en">/ Username</span></label>
<input id="username" name="username" required value="${escapeHtml(username)}" autofocus>
<label for="password">Mật khẩu <span lang="en">/ Password</span></label>
<input id="password" name="password" type="password" required>
<button type="submit">Đăng nhập <span lang="en">/ Sign in</span></button>
</form>
<p class="muted">Người dùng mẫu: <code>GET /dev/users</code>; mật khẩu: <code>${LOCAL_PASSWORD}</code>.
<span lang="en">Seeded users: GET /dev/users; password: ${LOCAL_PASSWORD}.</span></p></main>`,
  );
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function samePassword(given: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(LOCAL_PASSWORD);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function createLocalOidc(opts: LocalOidcOptions): LocalOidc {
  const issuer = `${opts.origin}${OIDC_MOUNT}`;
  const redirectUri = `${opts.origin}/`;
  const findUser = async (sub: string) => (await opts.users()).find((u) => u.sub === sub);

  const configuration: Configuration = {
    clients: [
      {
        client_id: opts.clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [redirectUri],
        id_token_signed_response_alg: ES256,
      },
    ],
    jwks: { keys: [{ ...opts.signingKey, alg: ES256, use: 'sig' }] },
    enabledJWA: { idTokenSigningAlgValues: [ES256] },
    // Cognito's claims, in the ID token itself (as Cognito puts them), not only at the userinfo endpoint.
    claims: {
      openid: ['sub', 'token_use', 'cognito:username', CLAIMS.groups, CLAIMS.unitId],
      email: ['email'],
      profile: ['name'],
    },
    conformIdTokenClaims: false,
    findAccount: async (_ctx, sub) => {
      const user = await findUser(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: async (use) => ({
          sub,
          'cognito:username': sub,
          [CLAIMS.groups]: [user.role],
          ...(user.unitId ? { [CLAIMS.unitId]: user.unitId } : {}),
          ...(use === 'id_token' ? { token_use: 'id' } : {}),
          email: `${sub}@local.invalid`,
          name: user.name,
        }),
      };
    },
    // Cognito gives every code exchange a refresh token; so does this provider.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => true },
    // The site and the provider share one origin, which a browser still names on its token requests.
    clientBasedCORS: (_ctx, origin) => origin === opts.origin,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 300,
      IdToken: 3600,
      Interaction: 3600,
      RefreshToken: 12 * 3600,
      Session: 12 * 3600,
      Grant: 12 * 3600,
    },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    interactions: { url: (_ctx, interaction) => `${OIDC_MOUNT}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        // Cognito's /logout asks nothing; this one confirms on its own as well.
        logoutSource: async (ctx: KoaContextWithOIDC, form: string) => {
          const nonce = randomBytes(16).toString('base64url');
          ctx.set(
            'content-security-policy',
            `default-src 'none'; form-action 'self' ${opts.origin}; script-src 'nonce-${nonce}'`,
          );
          ctx.body = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Đăng xuất / Signing out</title></head>
<body><p>Đang đăng xuất… / Signing out…</p>${form}
<script nonce="${nonce}">const f=document.getElementById('op.logoutForm');const i=document.createElement('input');i.type='hidden';i.name='logout';i.value='yes';f.appendChild(i);f.submit();</script></body></html>`;
        },
      },
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action?: string) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return page(res, 400, 'Lỗi / Error', '<p>Phiên đăng nhập không khớp.</p>');
    if (details.prompt.name === 'login') {
      if (action !== 'login' || req.method !== 'POST') return loginForm(res, uid);
      const form = await readForm(req);
      const username = form.get('username') ?? '';
      const user = await findUser(username);
      if (!user || !samePassword(form.get('password') ?? '')) {
        return loginForm(
          res,
          uid,
          'Sai tên đăng nhập hoặc mật khẩu. <span lang="en">Wrong username or password.</span>',
          username,
        );
      }
      return provider.interactionFinished(
        req,
        res,
        { login: { accountId: user.sub } },
        {
          mergeWithLastSubmission: false,
        },
      );
    }
    // Consent: the web client is the system's own, so its scopes are granted as Cognito grants them.
    const { prompt, params, session, grantId } = details;
    const grant = grantId
      ? await provider.Grant.find(grantId)
      : new provider.Grant({ accountId: session!.accountId, clientId: params.client_id as string });
    if (!grant) return page(res, 400, 'Lỗi / Error', '<p>Không tìm thấy quyền đã cấp.</p>');
    const missing = prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    return provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      {
        mergeWithLastSubmission: true,
      },
    );
  }

  return {
    issuer,
    siteAuth: {
      authority: issuer,
      clientId: opts.clientId,
      redirectUri,
      scope: SCOPE,
      endpoints: {
        authorization: provider.urlFor('authorization'),
        token: provider.urlFor('token'),
        endSession: provider.urlFor('end_session'),
      },
    },
    async answer(req, res, url) {
      if (url.pathname !== OIDC_MOUNT && !url.pathname.startsWith(`${OIDC_MOUNT}/`)) return false;
      const steps = /^\/oidc\/interaction\/([\w-]+)(?:\/(login))?$/.exec(url.pathname);
      try {
        if (steps) await interaction(req, res, steps[1] as string, steps[2]);
        else {
          // Mounted under /oidc: the provider routes on the rest, and reads the mount from originalUrl.
          const mounted = req as IncomingMessage & { originalUrl?: string };
          mounted.originalUrl = req.url;
          req.url = (req.url ?? '/').slice(OIDC_MOUNT.length) || '/';
          await callback(req, res);
        }
      } catch (error) {
        console.error(error);
        if (!res.headersSent) page(res, 400, 'Lỗi / Error', '<p>Không đăng nhập được. / Sign-in failed.</p>');
      }
      return true;
    },
  };
}

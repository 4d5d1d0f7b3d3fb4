import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_PASSWORD } from '../../local/oidcProvider.ts';
import { openBrowser, type Browser } from './browser.ts';
import { YEAR, waitSaved } from './report.ts';

/*
 * Sign-in as deployed: the site's button goes to the identity provider (here the local OIDC provider standing
 * in for Cognito's hosted UI), a seeded user types a password, the code comes back and oidc-client-ts trades it
 * with PKCE. Nothing in this test uses the quick /dev/token path.
 */
const UNIT = 'so-noi-vu';
const USER = `agency-${UNIT}`;
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});

const storedSessions = () =>
  b.page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('bccntt.user:')));

async function toProviderLogin(): Promise<void> {
  await b.page.goto(`${b.base}/#/signin`);
  // As for a returning visitor: the service worker controls the page, and must let the provider's pages through.
  await b.page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await b.page.locator('[data-action="sign-in"]').click();
  await b.page.waitForURL(/\/oidc\/interaction\//);
}

describe('signing in through the OIDC provider', () => {
  it('refuses a wrong password on the provider’s page, and stays there', async () => {
    await toProviderLogin();
    await b.page.fill('#username', USER);
    await b.page.fill('#password', `${LOCAL_PASSWORD}-wrong`);
    // The provider answers the wrong password with 401: expected here, and nowhere else in the walk.
    b.expectFailures(/\/oidc\/interaction\/[^/]+\/login$/);
    await b.page.click('button[type="submit"]');
    await b.page.locator('[role="alert"]').waitFor();
    expect(b.page.url()).toMatch(/\/oidc\/interaction\//);
    expect(await b.page.inputValue('#username')).toBe(USER);
  });

  it('signs a seeded user in with the password, and the API takes the provider’s ID token', async () => {
    await b.page.fill('#password', LOCAL_PASSWORD);
    await b.page.click('button[type="submit"]');
    await b.page.waitForURL(new RegExp(`#/report/${YEAR}$`));
    await b.page.locator('main h1', { hasText: `Báo cáo ứng dụng CNTT năm ${YEAR}` }).waitFor();
    // The code and state are gone from the address bar; the session is the provider's, with a refresh token.
    expect(new URL(b.page.url()).search).toBe('');
    const session = await b.page.evaluate(() => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('bccntt.user:'))!;
      const user = JSON.parse(sessionStorage.getItem(key)!) as { id_token: string; refresh_token?: string };
      return {
        key,
        claims: JSON.parse(atob(user.id_token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))),
        refresh: !!user.refresh_token,
      };
    });
    expect(session.key).toBe(`bccntt.user:${b.base}/oidc:bao-cao-cntt-local`);
    expect(session.refresh).toBe(true);
    expect(session.claims).toMatchObject({
      sub: USER,
      iss: `${b.base}/oidc`,
      aud: 'bao-cao-cntt-local',
      token_use: 'id',
      'cognito:groups': ['agency'],
      'custom:unitId': UNIT,
    });
    expect(await b.page.locator('.who').textContent()).toContain('Sở Nội vụ');
  });

  it('saves a draft as that user', async () => {
    await b.page.fill('#f-staff_total', '37');
    await waitSaved(b.page);
    expect(await b.page.locator('.savebar').textContent()).toMatch(/^Đã lưu/);
    const saved = await b.page.evaluate(async (year) => {
      const key = Object.keys(sessionStorage).find((k) => k.startsWith('bccntt.user:'))!;
      const { id_token } = JSON.parse(sessionStorage.getItem(key)!) as { id_token: string };
      const res = await fetch(`/reports/${year}`, { headers: { authorization: `Bearer ${id_token}` } });
      return (await res.json()) as { values: Record<string, unknown> };
    }, YEAR);
    expect(saved.values.staff_total).toBe(37);
  });

  it('signs out here and at the provider: no session is left in the tab, and signing in asks again', async () => {
    await b.page.getByRole('button', { name: /Đăng xuất|Sign out/ }).click();
    await b.page.waitForURL(/#\/signin$/);
    await b.page.locator('[data-action="sign-in"]').waitFor();
    expect(await storedSessions()).toEqual([]);
    expect(new URL(b.page.url()).search).toBe('');
    // A page that needs a session sends the visitor back to sign in.
    await b.page.evaluate((y) => (location.hash = `#/report/${y}`), YEAR);
    await b.page.waitForURL(/#\/signin$/);
    // The provider's own session ended too: it asks for the password again instead of signing straight in.
    await b.page.locator('[data-action="sign-in"]').click();
    await b.page.waitForURL(/\/oidc\/interaction\//);
    await b.page.locator('#password').waitFor();
    expect(b.problems).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, failOnProblems, openBrowser, signIn, type Browser } from './browser.ts';
import { YEAR } from './report.ts';

/*
 * Who may see what, and what a user sees when something is refused or unreachable and nothing is cached: the
 * offline layer is left out here (offline.test.ts is about it).
 */
let b: Browser;
beforeAll(async () => {
  b = await openBrowser({ serviceWorkers: 'block' });
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

describe('sign-in, access and error pages', () => {
  it('offers the seeded identities to sign in as, grouped by role', async () => {
    await b.page.goto(`${b.base}/`);
    await b.page.waitForURL(/#\/signin$/);
    await b.page.locator('[data-sub="auditor-doan-kiem-tra"]').waitFor();
    expect(await b.page.locator('[data-sub^="agency-"]').count()).toBeGreaterThanOrEqual(11);
    await checkPage(b, 'signin');
  });

  it('an agency cannot open another unit’s report: the auditor’s URL for it shows the 403 page', async () => {
    await signIn(b, 'agency-so-tu-phap');
    b.expectFailures(/\/review\/|\/units$|\/targets\//);
    await b.page.goto(`${b.base}/#/review/${YEAR}/xa-pa-ham-2025`);
    const error = b.page.locator('[data-error="403"]');
    await error.waitFor();
    expect(await error.locator('h1').textContent()).toBe('Không có quyền truy cập');
    expect(await b.page.locator('[data-field], [data-action="return"]').count()).toBe(0);
    await checkPage(b, 'error-403');
  });

  it('a page still loading when the address changes never draws over the page that replaced it', async () => {
    await signIn(b, 'agency-so-tu-phap');
    await b.page.evaluate((y) => (location.hash = `#/report/${y}/receipt`), YEAR);
    await b.page.locator('main h1').waitFor();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const reportApi = new RegExp(`/reports/${YEAR}$`);
    b.expectFailures(/\/review\/|\/units$|\/targets\//);
    await b.page.route(reportApi, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await b.page.evaluate((y) => (location.hash = `#/report/${y}`), YEAR);
      await b.page.evaluate((y) => (location.hash = `#/review/${y}/xa-pa-ham-2025`), YEAR);
      const error = b.page.locator('[data-error="403"]');
      await error.waitFor();
      // Listen before releasing: the held answer can arrive before a later listener is set.
      const answered = b.page.waitForResponse(reportApi);
      release();
      // Give the held page time to finish; it must land in its own detached view.
      await answered;
      await b.page.waitForTimeout(300);
      expect(await error.isVisible()).toBe(true);
      expect(await b.page.locator('[data-field]').count()).toBe(0);
    } finally {
      release();
      await b.page.unroute(reportApi);
    }
  });

  it('an unknown address shows the 404 page', async () => {
    await b.page.evaluate(() => (location.hash = '#/no-such-page'));
    await b.page.locator('[data-error="404"]').waitFor();
    await checkPage(b, 'error-404');
  });

  it('a network failure shows its own page, and "try again" recovers', async () => {
    b.expectFailures(/./);
    await b.context.setOffline(true);
    await b.page.evaluate((y) => (location.hash = `#/report/${y}/receipt`), YEAR);
    await b.page.locator('[data-error="network"]').waitFor();
    await checkPage(b, 'error-network');
    await b.context.setOffline(false);
    await b.page.getByRole('button', { name: 'Thử lại' }).click();
    await b.page.locator('main h1', { hasText: 'Biên nhận' }).waitFor();
  });

  it('an expired or forged session gets the 401 page with a way to sign in again', async () => {
    // Where oidc-client-ts keeps the signed-in user (web/src/auth.ts), with a token no issuer signed.
    await b.page.evaluate(async () => {
      const { auth } = (await (await fetch('/config.json')).json()) as {
        auth: { authority: string; clientId: string };
      };
      sessionStorage.setItem(
        `bccntt.user:${auth.authority}:${auth.clientId}`,
        JSON.stringify({
          id_token: 'e30.e30.forged',
          access_token: 'e30.e30.forged',
          token_type: 'Bearer',
          profile: { sub: 'mallory' },
          expires_at: Math.floor(Date.now() / 1000) + 3600,
        }),
      );
    });
    // Every call the form makes with that token is refused: who it is, the report, the year's targets and (when
    // asked for in time) its evidence.
    b.expectFailures(new RegExp(`/reports/${YEAR}(/evidence)?$|/targets/${YEAR}$|/me$`));
    await b.page.goto(`${b.base}/#/report/${YEAR}`);
    await b.page.locator('[data-error="401"]').waitFor();
    await checkPage(b, 'error-401');
    await b.page.getByRole('link', { name: 'Đăng nhập' }).click();
    await b.page.locator('[data-sub]').first().waitFor();
  });

  it('switches to English and remembers the choice', async () => {
    await signIn(b, 'agency-so-tu-phap');
    await b.page.getByRole('button', { name: 'English' }).click();
    await b.page.locator('main h1', { hasText: `IT use report for ${YEAR}` }).waitFor();
    expect(await b.page.getAttribute('html', 'lang')).toBe('en');
    await b.page.reload();
    await b.page.locator('main h1', { hasText: `IT use report for ${YEAR}` }).waitFor();
    expect(await b.page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await b.page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await b.page.locator('main h1', { hasText: `Báo cáo ứng dụng CNTT năm ${YEAR}` }).waitFor();
    expect(b.problems).toEqual([]);
  });
});

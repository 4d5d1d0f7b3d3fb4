import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE } from '../../web/src/offline/caches.ts';
import { devToken, failOnProblems, openBrowser, signIn, signOut, type Browser } from './browser.ts';
import { YEAR, fieldByCode, fillField, waitSaved } from './report.ts';

/*
 * A commune office on a link that comes and goes: the form opens with no connection after one visit, edits made
 * offline (also after an offline reload) reach the server when the link is back, and an edit that meets a newer
 * version on the server is shown beside it, never written over it.
 */
const UNIT = 'so-noi-vu';
const SUB = `agency-${UNIT}`;
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

const apiToken = () => devToken(b, { sub: SUB, role: 'agency', unitId: UNIT });

async function serverReport(): Promise<{ version: number; values: Record<string, unknown> }> {
  const res = await fetch(`${b.base}/reports/${YEAR}`, {
    headers: { authorization: `Bearer ${await apiToken()}` },
  });
  return (await res.json()) as { version: number; values: Record<string, unknown> };
}

async function openForm(): Promise<void> {
  await b.page.goto(`${b.base}/#/report/${YEAR}`);
  await b.page.locator('#f-servers_count').waitFor();
}

describe('the form on a connection that comes and goes', () => {
  it('is installable, and opens offline after one visit', async () => {
    const { page } = b;
    await signIn(b, SUB);
    await openForm();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    const cdp = await b.context.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    expect(installabilityErrors.map((e) => e.errorId)).toEqual([]);
    await cdp.detach();

    await b.context.setOffline(true);
    await page.reload();
    await page.locator('#f-servers_count').waitFor();
    expect(await page.locator('#report-title').textContent()).toContain(String(YEAR));
    expect(await page.locator('.notice', { hasText: 'Đang mất kết nối' }).isVisible()).toBe(true);
    expect(await page.isEnabled('#f-servers_count')).toBe(true);
    await b.context.setOffline(false);
  });

  it('sends an edit made after an offline reload when the connection is back', async () => {
    const { page } = b;
    // The save tried with no connection fails, as it should; the edit waits on this computer.
    b.expectFailures(new RegExp(`/reports/${YEAR}$`));
    // Every save the page sends and how it ended: in two of five clean-clone runs on 2026-12-04 the server had the
    // figure typed offline, and this says which save reached it.
    const saves: string[] = [];
    const onSave = (outcome: string) => (r: Request) => {
      if (r.method() === 'PUT' && r.url().endsWith(`/reports/${YEAR}`))
        saves.push(
          `${outcome}${r.failure() ? ` ${r.failure()?.errorText}` : ''} ${r.serviceWorker() ? 'sw' : 'page'}`,
        );
    };
    const finished = onSave('finished');
    const failed = onSave('failed');
    b.context.on('requestfinished', finished);
    b.context.on('requestfailed', failed);
    await b.context.setOffline(true);
    await page.reload();
    await page.locator('#f-servers_count').waitFor();
    await fillField(page, fieldByCode('servers_count'), 7);
    await page.waitForSelector('.savebar[data-save-state="offline"]');
    expect(await page.locator('.savebar').textContent()).toContain('giữ trên máy này');

    // Kept in IndexedDB: another offline reload finds it.
    await page.reload();
    await page.locator('.notice', { hasText: 'Đã khôi phục' }).waitFor();
    expect(await page.inputValue('#f-servers_count')).toBe('7');
    expect((await serverReport()).values.servers_count, saves.join('; ')).toBeUndefined();
    b.context.off('requestfinished', finished);
    b.context.off('requestfailed', failed);

    await b.context.setOffline(false);
    await waitSaved(page);
    expect(await page.locator('.savebar').textContent()).toMatch(/^Đã lưu lên máy chủ/);
    expect((await serverReport()).values.servers_count).toBe(7);
  });

  it('shows both values when the server moved on while this computer was offline, and keeps the one chosen', async () => {
    const { page } = b;
    // The save fails offline, then meets the newer version (412) once the connection is back.
    b.expectFailures(new RegExp(`/reports/${YEAR}$`));
    await b.context.setOffline(true);
    await fillField(page, fieldByCode('servers_count'), 9);
    await page.waitForSelector('.savebar[data-save-state="offline"]');

    // Someone else saves the same field meanwhile.
    const before = await serverReport();
    const elsewhere = await fetch(`${b.base}/reports/${YEAR}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${await apiToken()}`,
        'content-type': 'application/json',
        'if-match': `"v${before.version}"`,
        'idempotency-key': `elsewhere-${Date.now()}`,
      },
      body: JSON.stringify({ values: { ...before.values, servers_count: 12 } }),
    });
    expect(elsewhere.status).toBe(200);

    await b.context.setOffline(false);
    const panel = page.locator('#conflict-panel');
    await panel.waitFor();
    const row = panel.locator('[data-conflict="servers_count"]');
    expect(await row.locator('[data-value="mine"]').textContent()).toMatch(/^9\b/);
    expect(await row.locator('[data-value="theirs"]').textContent()).toMatch(/^12\b/);
    expect(await page.locator('.savebar').getAttribute('data-save-state')).toBe('conflict');
    // Nothing was overwritten while the user has not chosen.
    expect((await serverReport()).values.servers_count).toBe(12);

    await row.locator('[data-side="mine"]').check();
    await panel.locator('[data-action="resolve-conflicts"]').click();
    await waitSaved(page);
    expect(await page.inputValue('#f-servers_count')).toBe('9');
    expect((await serverReport()).values.servers_count).toBe(9);
  });

  it('forgets the unit’s cached answers on sign-out', async () => {
    const { page } = b;
    const cached = (name: string) =>
      page.evaluate(async (n) => (await (await caches.open(n)).keys()).length, name);
    expect(await cached(CACHE.unit)).toBeGreaterThan(0);
    await signOut(b);
    expect(await page.evaluate((n) => caches.has(n), CACHE.unit)).toBe(false);
    expect(b.problems).toEqual([]);
  });
});

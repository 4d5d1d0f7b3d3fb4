import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, failOnProblems, openBrowser, signIn, type Browser } from './browser.ts';
import { YEAR } from './report.ts';

/*
 * The admin's own page: the reporting period with a lock exception, the rollup started from the UI and
 * watched to its end, its report opened inside the app and its files downloaded, completeness and the audit log.
 */
const ADMIN = 'admin-so-khcn';
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

describe("the admin's console", () => {
  it('an admin lands on the console, not the auditors’ list', async () => {
    // No rollup has run for the year yet: the page asks for the year's runs (none) and nothing that is a 404.
    await signIn(b, ADMIN);
    expect(b.page.url()).toContain(`#/admin/${YEAR}`);
    await b.page.locator('#admin-rollup').getByText('Chưa chạy tổng hợp').waitFor();
    await checkPage(b, 'admin-console');
  });

  it('moves the deadline and grants a lock exception with a reason and an expiry', async () => {
    const { page } = b;
    // Only the units of the year's hierarchy can be given one: the district retired in 2025 is not offered.
    const offered = await page
      .locator('#x-unit option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain('xa-chieng-sinh-2025');
    expect(offered).not.toContain('dien-bien-phu');
    await page.fill('#p-deadline', `${YEAR + 1}-02-15T00:00`);
    await page.selectOption('#x-unit', 'xa-chieng-sinh-2025');
    await page.fill('#x-until', `${YEAR + 1}-03-01T17:00`);
    await page.getByRole('button', { name: 'Thêm gia hạn' }).click();
    expect(await page.locator('#x-err').textContent()).toBe('Hãy nhập lý do gia hạn.');
    await page.fill('#x-reason', 'Mất điện kéo dài');
    await page.getByRole('button', { name: 'Thêm gia hạn' }).click();
    await page.locator('[data-exception="xa-chieng-sinh-2025"]').waitFor();
    await page.locator('[data-action="save-period"]').click();
    await page.locator('#admin-period [role=status]', { hasText: 'Đã lưu' }).waitFor();
    // What was saved is what the API now answers.
    await page.reload();
    await page.locator('[data-exception="xa-chieng-sinh-2025"]', { hasText: 'Mất điện kéo dài' }).waitFor();
    expect(await page.inputValue('#p-deadline')).toBe(`${YEAR + 1}-02-15T00:00`);
  });

  it('starts a rollup, watches it finish, opens its report in the app and downloads its files', async () => {
    const { page } = b;
    await page.locator('[data-action="start-rollup"]').click();
    await page.locator('[data-rollup-status="succeeded"]').waitFor({ timeout: 60_000 });
    // Who ran it, by name: never the login id.
    const status = await page.locator('[data-rollup-status]').textContent();
    expect(status).toContain('Người chạy: Quản trị');
    expect(status).not.toContain(ADMIN);
    await page.locator('[data-action="open-report"]').click();
    const frame = page.locator('iframe.preview-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    expect(await page.frameLocator('iframe.preview-frame').locator('body').textContent()).toContain(
      String(YEAR),
    );
    for (const file of await page
      .locator('[data-download]')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.download as string))) {
      const download = page.waitForEvent('download');
      await page.locator(`[data-download="${file}"]`).click();
      const name = (await download).suggestedFilename();
      expect(name).toMatch(new RegExp(`^bao-cao-cntt-tong-hop-${YEAR}-[a-z-]+\\.(json|csv|html|xlsx)$`));
    }
    // The run is listed among the year's runs, with who ran it and how it ended.
    const run = page.locator('[data-rollup-runs] tbody tr');
    expect(await run.count()).toBe(1);
    expect(await run.textContent()).toContain('Quản trị');
    expect(await run.locator('.badge--rollup-succeeded').count()).toBe(1);
    await checkPage(b, 'admin-console-rollup');
  });

  it('reads the audit log with its chain status, filtered and paged', async () => {
    const { page } = b;
    const audit = page.locator('#admin-audit');
    await audit.locator('[data-chain]').waitFor();
    expect(await audit.locator('[data-chain]').getAttribute('data-chain')).toBe('true');
    await page.selectOption('#audit-unit', 'xa-chieng-sinh-2025');
    // The page is redrawn once the server has answered for the unit.
    await expect.poll(async () => new Set(await audit.locator('tbody th').allTextContents()).size).toBe(1);
    expect(await audit.locator('[data-chain]').getAttribute('data-chain')).toBe('true');
    // People by name (the unit's name for an agency user, the role for staff); the id stays in data-sub.
    const people = await audit.locator('tbody .person').allTextContents();
    for (const p of people) expect(p).not.toMatch(/^(agency|auditor|admin)-/);
    expect(await audit.locator('[data-page]').getAttribute('data-page')).toBe('1');
  });
});

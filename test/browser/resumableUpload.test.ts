import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { partUploadCounts } from '../../local/s3.ts';
import { failOnProblems, openBrowser, signIn, type Browser } from './browser.ts';
import { YEAR, fieldByCode, fillField } from './report.ts';

/*
 * A commune's 20 MiB scan on a link that drops: the upload goes in 8 MiB parts, the link is cut at about 60%
 * (inside the second part), and "try again" sends only what storage does not hold, counted at the emulator.
 */
const UNIT = 'so-noi-vu';
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b, `agency-${UNIT}`);
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

function scan(size: number): Buffer {
  const head = Buffer.from('%PDF-1.4\n%');
  const tail = Buffer.from('\nstartxref\n9\n%%EOF\n');
  return Buffer.concat([head, randomBytes(size - head.length - tail.length), tail]);
}

describe('a large file on a link that drops', () => {
  it('resumes after the last part stored, without sending a stored part again, showing MB and time left', async () => {
    const { page } = b;
    await page.goto(`${b.base}/#/report/${YEAR}`);
    await fillField(page, fieldByCode('budget_total'), 31000);
    const box = page.locator('[data-evidence-for="budget_total"]');
    await box.locator('button[aria-controls]').click();
    const panel = page.locator('#up-budget_total');
    const file = { name: 'bien-ban-quet.pdf', mimeType: 'application/pdf', buffer: scan(20 * 1024 * 1024) };
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.locator('#up-budget_total-title').fill('Biên bản kiểm tra (bản quét)');

    // A slow link (4 MB/s up), so the cut lands inside the second part.
    const cdp = await b.context.newCDPSession(page);
    const link = (offline: boolean) =>
      cdp.send('Network.emulateNetworkConditions', {
        offline,
        latency: 20,
        downloadThroughput: -1,
        uploadThroughput: 4 * 1024 * 1024,
      });
    await link(false);
    const declared = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/reports/${YEAR}/evidence`),
    );
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    const { upload } = (await (await declared).json()) as {
      upload: { method: string; uploadId: string; parts: unknown[] };
    };
    expect(upload.method).toBe('MULTIPART');
    expect(upload.parts).toHaveLength(3);

    const status = panel.locator('.upload__status');
    const percent = async () => Number(/\((\d+)%\)/.exec((await status.textContent()) ?? '')?.[1] ?? 0);
    await expect.poll(percent, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(55);
    // What the user reads meanwhile: megabytes sent of the total, and the time left.
    expect(await status.textContent()).toMatch(/Đang tải lên… [\d,]+ MB \/ 20 MB \(\d+%\), còn khoảng/);
    b.expectFailures(/\/bao-cao-cntt-evidence\//);
    await link(true);
    await panel.locator('.upload__status--error').waitFor();
    expect(await percent()).toBeLessThan(100);

    await link(false);
    await panel.getByRole('button', { name: 'Thử lại' }).click();
    await panel.locator('.upload__status', { hasText: 'xác minh' }).waitFor({ timeout: 60_000 });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    // Part 1 went once; part 2, cut, is stored once (the cut attempt never was); part 3 once.
    expect(await partUploadCounts(inject('s3Endpoint'), upload.uploadId)).toEqual({ 1: 1, 2: 1, 3: 1 });
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name });
    expect(await row.locator('.badge').textContent()).toBe('Đã xác minh');
  });

  it('after a reload, the same file picked again resumes its own declaration instead of starting over', async () => {
    const { page } = b;
    b.expectedFailures.splice(0);
    const box = page.locator('[data-evidence-for="budget_total"]');
    const panel = page.locator('#up-budget_total');
    if (await panel.isHidden()) await box.locator('button[aria-controls]').click();
    const file = { name: 'bien-ban-quet-2.pdf', mimeType: 'application/pdf', buffer: scan(17 * 1024 * 1024) };
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.locator('#up-budget_total-title').fill('Biên bản kiểm tra lần 2 (bản quét)');
    // Storage drops the second part: one part stored, then the page is closed.
    b.expectFailures(/\/bao-cao-cntt-evidence\//);
    await page.route(/partNumber=2/, (route) => route.abort('connectionreset'));
    const declared = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/reports/${YEAR}/evidence`),
    );
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    const { upload } = (await (await declared).json()) as { upload: { uploadId: string } };
    await panel.locator('.upload__status--error').waitFor();
    await page.unroute(/partNumber=2/);
    expect(await partUploadCounts(inject('s3Endpoint'), upload.uploadId)).toEqual({ 1: 1 });

    await page.reload();
    await box.locator('button[aria-controls]').click();
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.locator('#up-budget_total-title').fill('Biên bản kiểm tra lần 2 (bản quét)');
    let declaredAgain = 0;
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith(`/reports/${YEAR}/evidence`)) declaredAgain++;
    });
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.locator('.upload__status', { hasText: 'xác minh' }).waitFor({ timeout: 60_000 });
    expect(declaredAgain).toBe(0);
    expect(await partUploadCounts(inject('s3Endpoint'), upload.uploadId)).toEqual({ 1: 1, 2: 1, 3: 1 });
    const rows = page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name });
    expect(await rows.count()).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPage,
  drawnPdf,
  failOnProblems,
  openBrowser,
  pdfBytes,
  pngBytes,
  signIn,
  type Browser,
} from './browser.ts';
import { fieldByCode, fillField, uploadEvidence } from './report.ts';

/* A failure about one file is said beside that file, with a retry; the form around it stays as it was. */
const UNIT = 'so-khcn-2025';
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b, `agency-${UNIT}`);
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

const formStays = async () => {
  expect(await b.page.locator('[data-error]').count()).toBe(0);
  expect(await b.page.locator('#f-budget_total').inputValue()).toBe('31000');
};

describe('errors stay beside the file that failed', () => {
  it('a rejected file whose withdrawal fails shows the 409 beside it, with a retry, and the form stays', async () => {
    const { page } = b;
    await fillField(page, fieldByCode('budget_total'), 31000);
    // Named and typed as a PDF, but its bytes are a PNG: the server's sniffing rejects it.
    const box = page.locator('[data-evidence-for="budget_total"]');
    await box.locator('button[aria-controls]').click();
    const panel = page.locator('#up-budget_total');
    b.expectFailures(/\/evidence\/[^/]+\/complete$/);
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'gia-mao.pdf', mimeType: 'application/pdf', buffer: pngBytes() });
    await panel.locator('#up-budget_total-title').fill('Tệp sai định dạng');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'gia-mao.pdf' });
    await row.locator('.badge', { hasText: 'Bị từ chối' }).waitFor();

    b.expectFailures(/\/evidence\/[^/]+$/);
    await row.getByRole('button', { name: 'Rút tài liệu gia-mao.pdf' }).click();
    await row.getByRole('button', { name: 'Rút', exact: true }).click();
    const failure = row.locator('[data-inline-error]');
    await failure.waitFor();
    expect(await failure.getAttribute('role')).toBe('alert');
    expect((await failure.textContent())?.length).toBeGreaterThan(10);
    await formStays();
    // The retry asks again and fails the same way, still in place.
    await failure.getByRole('button', { name: 'Thử lại' }).click();
    await failure.waitFor();
    await formStays();
  });

  it('a checked download that storage refuses shows its message beside the file, and the retry succeeds', async () => {
    const { page } = b;
    await page.reload();
    await page.locator('#f-budget_total').waitFor();
    await uploadEvidence(page, {
      field: 'budget_total',
      file: { name: 'du-toan-khcn.pdf', mimeType: 'application/pdf', buffer: pdfBytes('khcn') },
      title: 'Quyết định giao dự toán',
    });
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'du-toan-khcn.pdf' });
    const storage = /\/bao-cao-cntt-evidence\//;
    b.expectFailures(storage);
    await page.route(storage, (route) =>
      route.request().method() === 'GET' ? route.fulfill({ status: 403, body: 'denied' }) : route.fallback(),
    );
    await row.getByRole('button', { name: 'Tải về du-toan-khcn.pdf' }).click();
    const failure = row.locator('[data-inline-error]');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('Kho lưu trữ từ chối tải tệp');
    await formStays();
    await page.unroute(storage);
    const download = page.waitForEvent('download');
    await failure.getByRole('button', { name: 'Thử lại' }).click();
    expect((await download).suggestedFilename()).toBe('du-toan-khcn.pdf');
    await expect.poll(() => failure.isHidden()).toBe(true);
    await formStays();
  });

  it('the same file again for its field is refused in the upload box, naming the field, and listed once', async () => {
    const { page } = b;
    await page.reload();
    await page.locator('#f-budget_total').waitFor();
    // The bytes of du-toan-khcn.pdf, verified for budget_total in the test before, under another name.
    const box = page.locator('[data-evidence-for="budget_total"]');
    await box.locator('button[aria-controls]').click();
    const panel = page.locator('#up-budget_total');
    b.expectFailures(/\/reports\/\d{4}\/evidence$/);
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'du-toan-ban-sao.pdf', mimeType: 'application/pdf', buffer: pdfBytes('khcn') });
    await panel.locator('#up-budget_total-title').fill('Bản sao quyết định giao dự toán');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    const status = panel.locator('.upload__status--error');
    await status.waitFor();
    expect(await status.textContent()).toContain(`"${fieldByCode('budget_total').label.vi}"`);
    expect(await status.textContent()).toContain('rút tệp cũ');
    // Sending it again would be refused again: no retry is offered, and the upload button stays usable.
    expect(await panel.getByRole('button', { name: 'Thử lại' }).isHidden()).toBe(true);
    expect(await panel.getByRole('button', { name: 'Tải lên' }).isEnabled()).toBe(true);
    const rows = page.locator('#sec-evidence tr[data-evidence]');
    expect(await rows.filter({ hasText: 'du-toan-ban-sao.pdf' }).count()).toBe(0);
    expect(await rows.filter({ hasText: 'du-toan-khcn.pdf' }).count()).toBe(1);
    await formStays();
  });
});

describe('a verified image or PDF is viewed inside the page, in a sandboxed frame', () => {
  const preview = () => b.page.locator('figure[data-preview]');

  it('shows the verified bytes in a frame with no permission, as the type the server verified', async () => {
    const { page } = b;
    await page.reload();
    await page.locator('#f-budget_total').waitFor();
    await uploadEvidence(page, {
      field: 'budget_total',
      file: { name: 'bang-chup-du-toan.png', mimeType: 'image/png', buffer: pngBytes() },
      title: 'Ảnh chụp bảng dự toán',
    });
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'bang-chup-du-toan.png' });
    await row.getByRole('button', { name: 'Xem bang-chup-du-toan.png ngay trên trang' }).click();
    const frame = preview().locator('iframe');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    const doc = await (await frame.elementHandle())!.contentFrame();
    await expect.poll(async () => doc?.evaluate(() => document.contentType)).toBe('image/png');
    // An opaque origin: nothing in the file can reach the page, its storage or its session.
    expect(await doc!.evaluate(() => self.origin)).toBe('null');
    expect(await doc!.evaluate(() => document.querySelector('img')?.naturalWidth)).toBe(1);
    await formStays();
    // Closing leaves no frame behind.
    await preview().getByRole('button', { name: 'Đóng bản xem' }).click();
    expect(await preview().count()).toBe(0);
  });

  it('draws a checked PDF with pdf.js in a frame sandboxed to scripts only; a file with no page says so', async () => {
    const { page } = b;
    await page.reload();
    await page.locator('#f-budget_total').waitFor();
    await uploadEvidence(page, {
      field: 'budget_total',
      file: { name: 'ke-hoach-2-trang.pdf', mimeType: 'application/pdf', buffer: drawnPdf(2) },
      title: 'Kế hoạch ứng dụng CNTT',
    });
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'ke-hoach-2-trang.pdf' });
    await row.getByRole('button', { name: 'Xem ke-hoach-2-trang.pdf ngay trên trang' }).click();
    await preview().locator('[data-preview-note="drawn"]', { hasText: '2 trang.' }).waitFor();
    const frame = preview().locator('iframe');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts');
    const doc = (await (await frame.elementHandle())!.contentFrame())!;
    // An opaque origin: the viewer's scripts cannot reach the page, its storage or its session.
    expect(await doc.evaluate(() => self.origin)).toBe('null');
    expect(await doc.evaluate(() => document.querySelectorAll('canvas[data-page]').length)).toBe(2);
    // Really drawn: the middle of the first page is the file's blue square.
    const middle = await doc.evaluate(() => {
      const c = document.querySelector('canvas') as HTMLCanvasElement;
      return [...c.getContext('2d')!.getImageData(c.width / 2, c.height / 2, 1, 1).data];
    });
    expect(middle).toEqual([0, 0, 255, 255]);
    await checkPage(b, 'evidence-pdf-preview');
    // Only the viewer's page may be framed, and only by the site; every other page by nobody.
    const headersOf = async (path: string) => (await page.request.get(`${b.base}${path}`)).headers();
    const viewer = await headersOf('/pdf-view.html');
    expect(viewer['x-frame-options']).toBe('SAMEORIGIN');
    expect(viewer['content-security-policy']).toContain("frame-ancestors 'self'");
    const site = await headersOf('/');
    expect(site['x-frame-options']).toBe('DENY');
    expect(site['content-security-policy']).toContain("frame-ancestors 'none'");

    // The seed-like PDF with no page at all (du-toan-khcn.pdf): nothing to draw, and the page says so.
    const empty = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'du-toan-khcn.pdf' });
    await empty.getByRole('button', { name: 'Xem du-toan-khcn.pdf ngay trên trang' }).click();
    await preview().locator('[data-preview-note="unreadable"]', { hasText: 'hãy tải về' }).waitFor();
    await formStays();
    await preview().getByRole('button', { name: 'Đóng bản xem' }).click();
  });

  it('a view whose link cannot be had says so beside the file, and the retry shows it', async () => {
    const { page } = b;
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'bang-chup-du-toan.png' });
    const linkRoute = /\/evidence\/[^/]+\/download$/;
    b.expectFailures(linkRoute);
    await page.route(linkRoute, (route) => route.fulfill({ status: 503, body: '{}' }));
    await row.getByRole('button', { name: 'Xem bang-chup-du-toan.png ngay trên trang' }).click();
    const failure = row.locator('[data-inline-error]');
    await failure.waitFor();
    expect(await preview().count()).toBe(0);
    await formStays();
    await page.unroute(linkRoute);
    await failure.getByRole('button', { name: 'Thử lại' }).click();
    await preview().locator('iframe').waitFor();
    await expect.poll(() => failure.isHidden()).toBe(true);
    await formStays();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateDraft } from '#shared/catalog/index';
import { devToken, failOnProblems, openBrowser, pdfBytes, signIn, type Browser } from './browser.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { YEAR, catalog, draftInPage, fillField, fieldByCode, waitSaved } from './report.ts';

const READ_XLSX = join(import.meta.dirname, '../unit/rollup/readXlsx.py');

/* The form's promises to someone typing: the API's own messages beside the field, the keyboard, and autosave. */
const UNIT = 'so-tai-chinh-2025';
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b, `agency-${UNIT}`);
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

/** Sets this year's province target of an indicator as the admin would, and gives back how to undo it. */
async function setProvinceTarget(indicator: string, value: number): Promise<() => Promise<void>> {
  const token = await devToken(b, { sub: 'admin-so-khcn', role: 'admin' });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const current = (await fetch(`${b.base}/targets/${YEAR}`, { headers }).then((r) => r.json())) as {
    indicators: Record<string, { targets: Record<string, { value: number; source: string }> }>;
  };
  const put = async (target: { value: number; source: string }) => {
    const res = await fetch(`${b.base}/targets/${YEAR}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ indicators: { [indicator]: { targets: { province: target } } } }),
    });
    expect(res.status, await res.text()).toBe(200);
  };
  const before = current.indicators[indicator]!.targets.province!;
  await put({ value, source: 'system-default' });
  return () => put(before);
}

const apiMessage = (code: string, value: unknown) => {
  const checked = validateDraft(catalog, { [code]: value });
  if (checked.ok) throw new Error(`${code}=${String(value)} is valid`);
  return checked.issues[0]!.message.vi;
};

describe('the agency form', () => {
  it('shows the API’s own validation messages beside the field as the user types', async () => {
    const { page } = b;
    const err = page.locator('#f-staff_total-err');
    await page.fill('#f-staff_total', 'mười');
    expect(await err.textContent()).toBe(apiMessage('staff_total', 'mười'));
    expect(await page.getAttribute('#f-staff_total', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#f-staff_total', 'aria-describedby')).toContain('f-staff_total-err');
    await page.fill('#f-staff_total', '-5');
    expect(await err.textContent()).toBe(apiMessage('staff_total', -5));
    await page.fill('#f-staff_total', '2,5');
    expect(await err.textContent()).toBe(apiMessage('staff_total', 2.5));
    // Vietnamese thousands: 1.500 is fifteen hundred.
    await page.fill('#f-staff_total', '1.500');
    expect(await err.isHidden()).toBe(true);
    // Echoed as read, and flagged: a lone dot may have been meant as a decimal point.
    const echo = page.locator('[data-echo="staff_total"]');
    expect(await echo.textContent()).toMatch(/^Đã đọc là 1\.500 — hãy kiểm tra/);
    expect(await echo.getAttribute('data-ambiguous')).toBe('true');
    await page.fill('#f-staff_total', '1500');
    expect(await echo.textContent()).toBe('Đã đọc là 1.500');
    expect(await echo.getAttribute('data-ambiguous')).toBe('false');
    await page.fill('#f-computers_in_use', '1.000');
    await expect
      .poll(() => page.locator('[data-indicator="computers_per_staff"] output').textContent())
      .toBe('0,67 máy/người');

    // A cross-field rule blocks submission, so it shows as an error; the figure is still kept in the draft.
    await page.fill('#f-computers_old', '1200');
    expect(await page.locator('#f-computers_old-warn').isVisible()).toBe(true);
    expect(await page.getAttribute('#f-computers_old-warn', 'class')).toContain('field__error');
    expect(await page.getAttribute('#f-computers_old', 'aria-invalid')).toBe('true');
    await waitSaved(page);
    expect(await page.locator('.savebar').getAttribute('data-save-state')).toBe('saved');
    await page.fill('#f-computers_old', '120');
    expect(await page.locator('#f-computers_old-warn').isHidden()).toBe(true);
    await waitSaved(page);
    expect(await page.locator('.savebar').textContent()).toMatch(/^Đã lưu/);
  });

  it('judges its figures by the year’s target set as the admin set it, not the catalog’s defaults', async () => {
    const { page } = b;
    const row = page.locator('[data-indicator="computers_per_staff"]');
    // What the first test typed: 1,000 computers for 1,500 staff, against the default of ≥ 1 a person.
    await expect.poll(() => row.locator('.badge').textContent()).toBe('Chưa đạt');
    const restore = await setProvinceTarget('computers_per_staff', 0.5);
    try {
      await page.reload();
      await row.waitFor();
      expect(await row.locator('.indicator__target').textContent()).toContain('≥ 0,5');
      await expect.poll(() => row.locator('.badge').textContent()).toBe('Đạt');
    } finally {
      await restore();
    }
  });

  it('works from the keyboard alone, and a submit summary link takes focus to its field', async () => {
    const { page } = b;
    await page.focus('#f-computers_internet');
    await page.keyboard.type('900');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-lan_available-yes');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#f-lan_available-yes')).toBe(true);
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#f-lan_available-no')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-internet_type');

    await page.focus('[data-action="check-submit"]');
    await page.keyboard.press('Enter');
    await page.locator('#submit-panel [data-issue-field]').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('submit-panel');
    await page.keyboard.press('Tab');
    const target = await page.evaluate(() => (document.activeElement as HTMLElement).dataset.issueField);
    expect(target).toBe(
      catalog.fields.find(
        (f) =>
          f.required &&
          ![
            'staff_total',
            'computers_in_use',
            'computers_old',
            'computers_internet',
            'lan_available',
          ].includes(f.code),
      )?.code,
    );
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`f-${target}`);
    expect(await page.locator(`#f-${target}-err`).textContent()).toContain('bắt buộc');

    // A figure changed and changed back sends nothing; the line still says when the server saved the report
    // (it said "lúc —").
    await waitSaved(page);
    await page.fill('#f-computers_internet', '901');
    await page.fill('#f-computers_internet', '900');
    await waitSaved(page);
    expect(await page.locator('.savebar').textContent()).toMatch(
      /^Đã lưu lên máy chủ lúc \d{2}:\d{2} \(phiên bản \d+\)/,
    );
  });

  it('resumes an interrupted upload with "try again", and a file can be withdrawn while the report is a draft', async () => {
    const { page } = b;
    await fillField(page, fieldByCode('budget_total'), 25000);
    const box = page.locator('[data-evidence-for="budget_total"]');
    await box.locator('button[aria-controls]').click();
    const panel = page.locator('#up-budget_total');
    const file = { name: 'du-toan.pdf', mimeType: 'application/pdf', buffer: pdfBytes('du toan') };
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('up-budget_total-title');
    expect(await page.locator('#up-budget_total-title-err').textContent()).toBe(
      'Hãy nhập tên hoặc trích yếu văn bản.',
    );
    await panel.locator('#up-budget_total-title').fill('Quyết định giao dự toán');

    // Storage drops the first PUT: the bytes are sent again, the declaration is not repeated.
    let puts = 0;
    b.expectFailures(/\/bao-cao-cntt-evidence\//);
    await page.route(/\/bao-cao-cntt-evidence\//, (route) =>
      route.request().method() === 'PUT' && ++puts === 1 ? route.abort('connectionreset') : route.fallback(),
    );
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.locator('.upload__status--error').waitFor();
    const retry = panel.getByRole('button', { name: 'Thử lại' });
    await retry.click();
    await panel.locator('.upload__status', { hasText: 'xác minh' }).waitFor();
    expect(puts).toBe(2);
    await page.unroute(/\/bao-cao-cntt-evidence\//);
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name });
    expect(await row.locator('.badge').textContent()).toBe('Đã xác minh');
    expect(await box.locator('li', { hasText: file.name }).count()).toBe(1);

    await row.getByRole('button', { name: `Rút tài liệu ${file.name}` }).click();
    await row.getByRole('button', { name: 'Rút', exact: true }).click();
    await expect
      .poll(() => page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name }).count())
      .toBe(0);
    expect(await box.locator('li', { hasText: file.name }).count()).toBe(0);
  });

  it('takes a second file in the same panel without a reload, the panel cleared after the first', async () => {
    const { page } = b;
    const box = page.locator('[data-evidence-for="budget_total"]');
    const panel = page.locator('#up-budget_total');
    if (await panel.isHidden()) await box.locator('button[aria-controls]').click();
    const files = [
      { name: 'du-toan-dot-1.pdf', mimeType: 'application/pdf', buffer: pdfBytes('dot 1') },
      { name: 'du-toan-dot-2.pdf', mimeType: 'application/pdf', buffer: pdfBytes('dot 2') },
    ];
    for (const [k, file] of files.entries()) {
      await panel.locator('input[type=file]').setInputFiles(file);
      await panel.locator('#up-budget_total-title').fill(`Quyết định giao dự toán đợt ${k + 1}`);
      const upload = panel.getByRole('button', { name: 'Tải lên' });
      expect(await upload.isEnabled()).toBe(true);
      await upload.click();
      await panel.locator('.upload__status', { hasText: file.name }).waitFor();
      await box.locator('li', { hasText: file.name }).waitFor();
      // Nothing of this file is left to be sent with the next one.
      expect(await panel.locator('input[type=file]').evaluate((i: HTMLInputElement) => i.files?.length)).toBe(
        0,
      );
      expect(await panel.locator('#up-budget_total-title').inputValue()).toBe('');
      expect(await panel.locator('#up-budget_total-cover-budget_total').isChecked()).toBe(true);
    }
    for (const file of files) {
      const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name });
      await row.getByRole('button', { name: `Rút tài liệu ${file.name}` }).click();
      await row.getByRole('button', { name: 'Rút', exact: true }).click();
      await expect.poll(() => box.locator('li', { hasText: file.name }).count()).toBe(0);
    }
  });

  it('downloads its own report as an XLSX workbook that an independent reader reads back', async () => {
    const { page } = b;
    const panel = page.locator('#up-budget_total');
    if (await panel.isHidden())
      await page.locator('[data-evidence-for="budget_total"] button[aria-controls]').click();
    await panel
      .locator('input[type=file]')
      .setInputFiles({ name: 'du-toan-2025.pdf', mimeType: 'application/pdf', buffer: pdfBytes('du toan') });
    await panel.locator('#up-budget_total-title').fill('Quyết định giao dự toán năm 2025');
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.locator('.upload__status', { hasText: /xác minh|verified/ }).waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-action="download-workbook"]'),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^bao-cao-cntt-${YEAR}-${UNIT}-v\\d+\\.xlsx$`));
    const file = join(mkdtempSync(join(tmpdir(), 'bccntt-xlsx-')), download.suggestedFilename());
    await download.saveAs(file);
    // openpyxl: each cell as [value, data type, number format].
    const book = JSON.parse(
      execFileSync('/usr/bin/python3', [READ_XLSX, file], { encoding: 'utf8' }),
    ) as Record<string, [unknown, string, string][][]>;
    expect(Object.keys(book)).toEqual(['Số liệu - Values', 'Chỉ tiêu - Indicators', 'Minh chứng - Evidence']);
    const rowOf = (sheet: string, key: string, column: number) =>
      book[sheet]!.find((r) => r[column]?.[0] === key);
    // What the first test typed: numbers stay numbers.
    expect(rowOf('Số liệu - Values', 'staff_total', 1)?.[4]?.slice(0, 2)).toEqual([1500, 'n']);
    expect(rowOf('Số liệu - Values', 'computers_in_use', 1)?.[4]?.slice(0, 2)).toEqual([1000, 'n']);
    const perStaff = rowOf('Chỉ tiêu - Indicators', 'computers_per_staff', 0)?.[3];
    expect(perStaff?.[1]).toBe('n');
    expect(perStaff?.[0] as number).toBeCloseTo(1000 / 1500, 6);
    const evidence = rowOf('Minh chứng - Evidence', 'du-toan-2025.pdf', 0);
    expect(evidence?.[2]?.[0]).toBe('PDF');
    expect(evidence?.[4]?.[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(evidence?.[5]?.[0]).toContain('budget_total');

    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'du-toan-2025.pdf' });
    await row.getByRole('button', { name: 'Rút tài liệu du-toan-2025.pdf' }).click();
    await row.getByRole('button', { name: 'Rút', exact: true }).click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('shows its upload-failed message when storage refuses a body that does not match its SHA-256 (400 BadDigest)', async () => {
    const { page } = b;
    const box = page.locator('[data-evidence-for="budget_total"]');
    const toggle = box.locator('button[aria-controls]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const panel = page.locator('#up-budget_total');
    const bytes = pdfBytes('du toan sua doi');
    const file = { name: 'du-toan-sua-doi.pdf', mimeType: 'application/pdf', buffer: bytes };
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.locator('#up-budget_total-title').fill('Quyết định điều chỉnh dự toán');

    // The bytes change on the way: same length, so the signature holds, and only the digest tells.
    const altered = Buffer.from(bytes);
    altered[10] = altered[10] === 0x41 ? 0x42 : 0x41;
    const answers: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'PUT' && /\/bao-cao-cntt-evidence\//.test(r.url()))
        answers.push(r.status());
    });
    b.expectFailures(/\/bao-cao-cntt-evidence\//);
    await page.route(/\/bao-cao-cntt-evidence\//, (route) =>
      route.request().method() === 'PUT' ? route.continue({ postData: altered }) : route.fallback(),
    );
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    const status = panel.locator('.upload__status--error');
    await status.waitFor();
    expect(await status.textContent()).toBe(
      'Không tải lên được: kho lưu trữ nhận được nội dung khác với mã SHA-256 đã tính (tệp có thể đã thay đổi trong khi tải lên).',
    );
    expect(answers).toEqual([400]);
    await page.unroute(/\/bao-cao-cntt-evidence\//);

    // Nothing counted; "try again" sends the real bytes and the file is verified.
    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name });
    expect(await row.locator('.badge').textContent()).toBe('Đang kiểm tra');
    await panel.getByRole('button', { name: 'Thử lại' }).click();
    await panel.locator('.upload__status', { hasText: 'xác minh' }).waitFor();
    expect(await row.locator('.badge').textContent()).toBe('Đã xác minh');
  });

  it('lists a declaration whose upload never came with its expiry, and cancels it', async () => {
    const { page } = b;
    const box = page.locator('[data-evidence-for="budget_total"]');
    const toggle = box.locator('button[aria-controls]');
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    const panel = page.locator('#up-budget_total');
    const file = { name: 'bo-do.pdf', mimeType: 'application/pdf', buffer: pdfBytes('bo do') };
    await panel.locator('input[type=file]').setInputFiles(file);
    await panel.locator('#up-budget_total-title').fill('Tờ trình chưa gửi');
    b.expectFailures(/\/bao-cao-cntt-evidence\//);
    await page.route(/\/bao-cao-cntt-evidence\//, (route) =>
      route.request().method() === 'PUT' ? route.abort('connectionreset') : route.fallback(),
    );
    await panel.getByRole('button', { name: 'Tải lên' }).click();
    await panel.locator('.upload__status--error').waitFor();
    await page.unroute(/\/bao-cao-cntt-evidence\//);

    const row = page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name });
    expect(await row.locator('.badge').textContent()).toBe('Đang kiểm tra');
    expect(await row.textContent()).toMatch(/Chờ tệp tải lên; khai báo hết hạn lúc \d{2}:\d{2}/);
    await row.getByRole('button', { name: `Hủy khai báo tệp ${file.name}` }).click();
    await row.getByRole('button', { name: 'Hủy khai báo', exact: true }).click();
    await expect
      .poll(() => page.locator('#sec-evidence tr[data-evidence]', { hasText: file.name }).count())
      .toBe(0);
  });

  it('keeps what is typed on this computer while the server is unreachable, and sends it when it is back', async () => {
    const { page } = b;
    b.expectFailures(new RegExp(`/reports/${YEAR}$`));
    await page.route('**/reports/*', (route) =>
      route.request().method() === 'PUT' ? route.abort('internetdisconnected') : route.fallback(),
    );
    await fillField(page, fieldByCode('servers_count'), 4);
    await page.waitForSelector('.savebar[data-save-state="offline"]');
    expect(await page.locator('.savebar').textContent()).toMatch(/^Chưa lưu/);
    await expect.poll(async () => (await draftInPage(page, UNIT, YEAR))?.raw.servers_count).toBe(4);

    // Closing the page does not lose it either.
    await page.reload();
    await page.locator('.notice', { hasText: 'Đã khôi phục' }).waitFor();
    expect(await page.inputValue('#f-servers_count')).toBe('4');
    await page.waitForSelector('.savebar[data-save-state="offline"]');

    await page.unroute('**/reports/*');
    await waitSaved(page);
    expect(await draftInPage(page, UNIT, YEAR)).toBeUndefined();
    await page.reload();
    await page.locator('#f-servers_count').waitFor();
    expect(await page.inputValue('#f-servers_count')).toBe('4');
    expect(b.problems).toEqual([]);
  });
});

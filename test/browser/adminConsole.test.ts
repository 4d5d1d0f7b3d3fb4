import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { receivedMail } from '../../local/ses.ts';
import { join } from 'node:path';
import {
  ARTIFACTS,
  checkPage,
  devToken,
  failOnProblems,
  openBrowser,
  signIn,
  type Browser,
} from './browser.ts';
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
    // Each hint sits under its own box (they sat together below the row, away from the fields they explain).
    for (const id of ['p-remind', 'p-objection']) {
      const sameField = await page
        .locator(`#${id}`)
        .evaluate(
          (box, hint) => box.closest('.field')?.contains(document.getElementById(hint)),
          `${id}-hint`,
        );
      expect(sameField, id).toBe(true);
    }
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

  it('sets a target with the document it cites, as a new version; a refused value is named beside its box', async () => {
    const { page } = b;
    const section = page.locator('#admin-targets');
    const box = '#t-indicators-email_regular_pct-targets-province';
    const name = async () => section.locator('[data-target-set]').getAttribute('data-target-set');
    const before = {
      name: await name(),
      value: await page.inputValue(box),
      source: await page.inputValue(`${box}-src`),
    };
    // The default cites the Decision it comes from.
    expect(before.source).toBe('qd-48-2009-ttg');

    // A source needs its document: the system default is the honest choice without one.
    await page.fill('#src-id', 'kh-chuyen-doi-so-2026');
    await page.getByRole('button', { name: 'Thêm văn bản nguồn' }).click();
    await section.getByText('Hãy nhập số hiệu văn bản').waitFor();
    await page.fill('#src-doc', '45/KH-UBND');
    await page.fill('#src-vi', 'Kế hoạch chuyển đổi số năm 2026 của tỉnh');
    await page.getByRole('button', { name: 'Thêm văn bản nguồn' }).click();
    await section.locator('[data-source="kh-chuyen-doi-so-2026"]').waitFor();

    // Out of range for a share: the server refuses it and the page says so beside that very box.
    await page.fill(box, '150');
    await page.selectOption(`${box}-src`, 'kh-chuyen-doi-so-2026');
    b.expectFailures(new RegExp(`/targets/${YEAR}$`));
    await page.locator('[data-action="save-targets"]').click();
    await page
      .locator(`${box}[aria-invalid="true"] + .field__error`, { hasText: 'Mục tiêu phải từ 0 đến 100' })
      .waitFor();
    expect(await name()).toBe(before.name);

    await page.fill(box, '85');
    await page.locator('[data-action="save-targets"]').click();
    await section.locator('[role=status]', { hasText: 'Đã lưu bộ' }).waitFor();
    const saved = await name();
    expect(saved).not.toBe(before.name);
    await page.reload();
    expect(await page.inputValue(box)).toBe('85');
    expect(await page.inputValue(`${box}-src`)).toBe('kh-chuyen-doi-so-2026');
    expect(await section.locator('[data-target-set]').textContent()).toContain('Quản trị');
    await checkPage(b, 'admin-console-targets');

    // Another admin saves meanwhile: this page's save, made on the version it showed, is refused and says so.
    const token = await devToken(b, { sub: 'admin-khac', role: 'admin' });
    const other = await fetch(`${b.base}/targets/${YEAR}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        indicators: {
          email_regular_pct: { targets: { province: { value: 86, source: 'kh-chuyen-doi-so-2026' } } },
        },
      }),
    });
    expect(other.status).toBe(200);
    await page.fill(box, before.value);
    await page.selectOption(`${box}-src`, before.source);
    await page.locator('[data-action="save-targets"]').click();
    await section.locator('[data-inline-error]', { hasText: 'phiên bản' }).waitFor();
    // Read again, the other admin's value shows; putting the default back is one more version.
    await page.reload();
    expect(await page.inputValue(box)).toBe('86');
    await page.fill(box, before.value);
    await page.selectOption(`${box}-src`, before.source);
    b.expectedFailures.splice(0);
    await page.locator('[data-action="save-targets"]').click();
    await section.locator('[role=status]', { hasText: 'Đã lưu bộ' }).waitFor();
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
    // Actions read by their names; the code stays in the cell's title.
    const actions = audit.locator('tbody td[data-label="Thao tác"]');
    for (const a of await actions.allTextContents()) expect(a).not.toMatch(/^[a-z]+\.[a-zA-Z_]+$/);
    await page.selectOption('#audit-unit', '');
    await page.selectOption('#audit-action', 'period.set');
    await expect
      .poll(async () => new Set(await actions.allTextContents()))
      .toEqual(new Set(['Đặt kỳ báo cáo']));
    expect(await actions.first().getAttribute('title')).toBe('period.set');
  });

  it('reminds a unit that has not submitted in one click: the outbox shows it sent, and the mail is there', async () => {
    const { page } = b;
    // The scheduled reminder is a period setting.
    await page.fill('#p-remind', '7');
    await page.locator('[data-action="save-period"]').click();
    await page.locator('#admin-period [role=status]', { hasText: 'Đã lưu' }).waitFor();
    await page.reload();
    expect(await page.inputValue('#p-remind')).toBe('7');

    const section = page.locator('#admin-completeness');
    await section.getByText('Chưa gửi thư nhắc nào.').waitFor();
    const unitId = 'xa-muong-ang';
    const item = section.locator(`[data-missing="${unitId}"]`);
    await item.getByRole('button', { name: 'Nhắc nộp' }).click();
    await section.locator('[role=status]', { hasText: 'Đã đưa 1 thư nhắc vào hàng gửi.' }).waitFor();
    // The job sends in the background; the outbox says when it has.
    const sent = section.locator(`[data-reminder="${unitId}"][data-status="sent"]`);
    await expect
      .poll(async () => {
        await section.locator('[data-action="refresh-outbox"]').click();
        return sent.count();
      })
      .toBe(1);
    expect(await sent.textContent()).toContain(`vanthu@${unitId}.dienbien.example`);
    expect(await sent.textContent()).toContain('Quản trị gửi');
    const mail = (await receivedMail(inject('sesEndpoint'))).filter((m) =>
      m.destination.to.includes(`vanthu@${unitId}.dienbien.example`),
    );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.body.text).toContain('Kính gửi: UBND xã Mường Ảng');

    // A unit with no contact email: said at once, and listed as such.
    await section.locator('[data-missing="so-vhttdl"]').getByRole('button', { name: 'Nhắc nộp' }).click();
    await section.locator('[role=status]', { hasText: '1 đơn vị chưa có email liên hệ' }).waitFor();
    await section.locator('[data-reminder="so-vhttdl"][data-status="no_address"]').waitFor();
    // The same unit again at once is not reminded twice.
    await item.getByRole('button', { name: 'Nhắc nộp' }).click();
    await section
      .locator('[role=status]', { hasText: 'Không nhắc: UBND xã Mường Ảng (vừa được nhắc).' })
      .waitFor();
    await checkPage(b, 'admin-console-reminders');
    // The card itself, for the README (docs/admin-reminders.png is copied from it).
    await section.screenshot({ path: join(ARTIFACTS, 'admin-reminders-view.png') });
  });
});

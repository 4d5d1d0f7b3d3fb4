import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS,
  checkPage,
  devToken,
  failOnProblems,
  openBrowser,
  pdfBytes,
  pngBytes,
  sha256Hex,
  signIn,
  signOut,
  type Browser,
} from './browser.ts';
import { targetFor } from '#shared/catalog/index';
import {
  YEAR,
  attestAndSubmit,
  catalog,
  completeValues,
  fieldsNeedingEvidence,
  fillField,
  fillReport,
  fieldByCode,
  uploadEvidence,
  waitSaved,
} from './report.ts';

/*
 * The yearly cycle end to end, through the built site on the local stack: a commune fills in and submits with
 * two evidence files, the inspection team downloads one, checks its bytes and returns the report with a comment,
 * and the commune corrects it and submits again. The tests run in order and share one browser.
 */
const UNIT = 'xa-pa-ham-2025';
const AGENCY = `agency-${UNIT}`;
const AUDITOR = 'auditor-doan-kiem-tra';
/* The committed docs/ screenshots are refreshed only on request (DOCS_SCREENSHOTS=1), so a test run leaves git clean. */
const docsShot = (name: string) => {
  if (!process.env.DOCS_SCREENSHOTS) return resolve(ARTIFACTS, `docs-${name}`);
  const dir = resolve(import.meta.dirname, '../../docs');
  mkdirSync(dir, { recursive: true });
  return resolve(dir, name);
};

const budgetFile = {
  name: 'Dự toán ngân sách 2026.pdf',
  mimeType: 'application/pdf',
  buffer: pdfBytes('du toan'),
};
const rulesFile = { name: 'quyet-dinh-quy-che.png', mimeType: 'image/png', buffer: pngBytes() };
const COMMENT = 'Số người dùng thư điện tử thường xuyên chưa khớp sổ theo dõi.';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

let submittedHash = '';

/** SHA-256 of the unit's values as the API holds them, canonical JSON built here without the app's code. */
async function independentValuesHash(): Promise<string> {
  const token = await devToken(b, { sub: AGENCY, role: 'agency', unitId: UNIT });
  const report = (await (
    await fetch(`${b.base}/reports/${YEAR}`, { headers: { authorization: `Bearer ${token}` } })
  ).json()) as { values: Record<string, unknown> };
  const sorted = Object.fromEntries(
    Object.entries(report.values)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return createHash('sha256').update(JSON.stringify(sorted), 'utf8').digest('hex');
}

describe('the review cycle in the browser', () => {
  it('an agency fills in and submits a complete report with two evidence files', async () => {
    const { page } = b;
    await signIn(b, AGENCY);
    expect(page.url()).toContain(`#/report/${YEAR}`);
    await checkPage(b, 'agency-form-empty');

    const values = completeValues();
    await fillReport(page, values);
    await waitSaved(page);
    const email = page.locator('[data-indicator="email_regular_pct"]');
    await expect.poll(() => email.locator('output').textContent()).toBe('83,3%');
    const target = targetFor(
      catalog.indicators.find((i) => i.code === 'email_regular_pct')!,
      'commune',
    );
    expect(await email.textContent()).toContain(`Chỉ tiêu cấp xã: ≥ ${target?.value}%`);

    await page.locator('#sec-staffUse .indicators').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: docsShot('agency-form.png') });

    // Everything but the evidence is there: the summary lists exactly the fields that need a document.
    await page.click('[data-action="check-submit"]');
    const panel = page.locator('#submit-panel');
    await panel.locator('[data-issue-field]').first().waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('submit-panel');
    const issues = await panel
      .locator('[data-issue-field]')
      .evaluateAll((els) =>
        els.map((e) => [(e as HTMLElement).dataset.issueField, (e as HTMLElement).dataset.issueCode]),
      );
    const needs = fieldsNeedingEvidence(values);
    expect(issues.map(([f]) => f).sort()).toEqual([...needs].sort());
    expect(new Set(issues.map(([, c]) => c))).toEqual(new Set(['evidence_required']));
    await checkPage(b, 'agency-form-problems');

    await panel.locator('[data-issue-field]').first().click();
    const first = issues[0]?.[0] as string;
    expect(
      await page.evaluate(
        (f) => Boolean(document.activeElement?.closest(`[data-evidence-for="${f}"]`)),
        first,
      ),
    ).toBe(true);

    await uploadEvidence(page, {
      field: 'budget_total',
      file: budgetFile,
      number: '1520/QĐ-UBND',
      title: 'Quyết định giao dự toán ngân sách năm 2026',
      issuedOn: `${YEAR}-01-05`,
    });
    const others = needs.filter((f) => f !== 'budget_total' && f !== 'rule_it_use_issued');
    await uploadEvidence(page, {
      field: 'rule_it_use_issued',
      file: rulesFile,
      number: '12/QĐ-UBND',
      title: 'Các quy chế về CNTT, chữ ký số, cổng thông tin và một cửa',
      alsoCovers: others,
      drop: true,
    });
    await expect
      .poll(() => page.locator('#sec-evidence tr[data-evidence] .badge--ev-verified').count())
      .toBe(2);
    await checkPage(b, 'agency-form-evidence');

    await page.click('[data-action="check-submit"]');
    await page.locator('[data-action="submit-now"]').waitFor();
    // The last step is the head of the agency's: focus is on their name.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('head-name');
    // Without the attestation nothing is sent: the missing parts are said beside them.
    await page.click('[data-action="submit-now"]');
    expect(await page.locator('#head-name-err').isVisible()).toBe(true);
    expect(await page.locator('#head-attest-err').isVisible()).toBe(true);
    await attestAndSubmit(page);
    const receipt = page.locator('.receipt');
    await receipt.waitFor();
    const sums = await receipt.locator('.receipt__files .checksum').allTextContents();
    expect(sums.sort()).toEqual([sha256Hex(budgetFile.buffer), sha256Hex(rulesFile.buffer)].sort());
    expect(await receipt.textContent()).toContain(budgetFile.name);
    // The reference and the SHA-256 of the submitted values, checked here by a second, independent reckoning.
    expect(await receipt.locator('[data-receipt-reference]').textContent()).toMatch(
      new RegExp(`^BCCNTT-${YEAR}-${UNIT.toUpperCase()}-01-V\\d+$`),
    );
    submittedHash = (await receipt.locator('[data-values-sha256]').textContent()) ?? '';
    expect(submittedHash).toBe(await independentValuesHash());
    expect(await receipt.locator('[data-hash-check]').getAttribute('data-hash-check')).toBe('ok');
    expect(await receipt.locator('[data-attested-by]').textContent()).toBe('Lò Văn Minh, Chủ tịch UBND xã');
    await checkPage(b, 'agency-receipt');
    expect(b.problems).toEqual([]);
  });

  it('an auditor downloads a file whose bytes match, and returns the report with a comment', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, AUDITOR);
    expect(page.url()).toContain(`#/review/${YEAR}`);
    await page.locator(`tr[data-unit="${UNIT}"]`).waitFor();
    expect(Number(await page.locator('[data-count="expected"] dd').textContent())).toBeGreaterThanOrEqual(11);
    await page.screenshot({ path: docsShot('auditor-list.png') });
    await checkPage(b, 'auditor-list');

    await page.selectOption('#flt-level', 'commune');
    await page.selectOption('#flt-status', 'submitted');
    await page.getByRole('button', { name: /^(Lọc|Apply)$/ }).click();
    await page.waitForURL(/level=commune/);
    await expect
      .poll(() =>
        page
          .locator('tbody tr[data-unit]')
          .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.unit)),
      )
      .toEqual([UNIT]);
    await page.locator(`tr[data-unit="${UNIT}"] a`).click();
    await page.waitForURL(new RegExp(`#/review/${YEAR}/${UNIT}$`));
    await page.locator('[data-action="return"]').waitFor();
    expect(await page.locator('[data-values-sha256]').textContent()).toBe(submittedHash);
    expect(await page.locator('[data-hash-check]').getAttribute('data-hash-check')).toBe('ok');
    await checkPage(b, 'auditor-report');

    const row = page.locator('tr[data-evidence]', { hasText: budgetFile.name });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: /Tải về|Download/ }).click(),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    expect(sha256Hex(bytes)).toBe(sha256Hex(budgetFile.buffer));
    copyFileSync(path, resolve(ARTIFACTS, 'downloaded-evidence.pdf'));

    await page.fill('#v-staff_total', '118');
    await page.fill('#c-staff_email_regular', COMMENT);
    await page.click('[data-action="verify"]');
    await page.locator('.notice--ok', { hasText: /xác minh|Verified/ }).waitFor();
    expect(await page.inputValue('#v-staff_total')).toBe('118');

    await page.click('button[data-version]:last-of-type');
    await page.fill('#review-general', 'Đề nghị rà soát lại mục 5 trước khi nộp lại.');
    await page.click('[data-action="return"]');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(COMMENT);
    // Cancelling sends nothing; the report is still submitted.
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('.page-header [data-status]').getAttribute('data-status')).not.toBe('returned');
    await page.click('[data-action="return"]');
    await page.getByRole('dialog').locator('[data-action="confirm"]').click();
    await page.locator('.notice--ok', { hasText: /trả lại|returned/ }).waitFor();
    expect(await page.locator('.page-header [data-status]').getAttribute('data-status')).toBe('returned');
    await checkPage(b, 'auditor-report-returned');
    expect(b.problems).toEqual([]);
  });

  it('the agency sees the comment beside the field, corrects the figure and submits again', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, AGENCY);
    const comment = page.locator('[data-comment-for="staff_email_regular"]');
    await comment.waitFor();
    expect(await comment.textContent()).toContain(COMMENT);
    expect(await page.locator('.page-header [data-status]').getAttribute('data-status')).toBe('returned');
    await checkPage(b, 'agency-returned');

    await fillField(page, fieldByCode('staff_email_regular'), 90);
    await waitSaved(page);
    await expect
      .poll(() => page.locator('[data-indicator="email_regular_pct"] output').textContent())
      .toBe('75%');
    await page.click('[data-action="check-submit"]');
    await attestAndSubmit(page);
    const facts = await page.locator('.receipt__facts').textContent();
    expect(facts).toMatch(/Lần nộp\s*2/);
    expect(b.problems).toEqual([]);
  });

  it('the auditor sees the correction in the history and accepts the report', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, AUDITOR);
    await page.goto(`${b.base}/#/review/${YEAR}/${UNIT}`);
    await page.locator('[data-action="accept"]').waitFor();
    const latestSave = page.locator('ol.history li', { hasText: 'Lưu nháp' }).first();
    await latestSave.locator('button[data-version]').click();
    await latestSave.locator('tr[data-diff-field="staff_email_regular"]').waitFor();
    expect(
      await latestSave.locator('tr[data-diff-field="staff_email_regular"] td').allTextContents(),
    ).toEqual(['100 người', '90 người']);
    await page.fill('#review-general', 'Đạt yêu cầu.');
    await page.click('[data-action="accept"]');
    // Nothing is sent before the auditor confirms, and the dialog says what the unit will receive.
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Đạt yêu cầu.');
    await checkPage(b, 'auditor-confirm-accept');
    await dialog.locator('[data-action="confirm"]').click();
    await page.locator('.notice--ok', { hasText: 'chấp nhận' }).waitFor();
    expect(await page.locator('.page-header [data-status]').getAttribute('data-status')).toBe('accepted');
    await page.goto(`${b.base}/#/review/${YEAR}?status=accepted`);
    await page.locator(`tr[data-unit="${UNIT}"]`).waitFor();
    expect(b.problems).toEqual([]);
  });
});

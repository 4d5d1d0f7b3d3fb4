import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkPage,
  devToken,
  failOnProblems,
  openBrowser,
  pdfBytes,
  signIn,
  signOut,
  type Browser,
} from './browser.ts';
import { officialReportPdfs } from '../fixtures/signedPdf.ts';
import { YEAR, attestAndSubmit, completeValues, fieldsNeedingEvidence, uploadEvidence } from './report.ts';

/*
 * The review in two rounds in the browser, on the local stack: a department submits, the inspection team
 * verifies a figure and publishes the preliminary result, the department objects on that figure with an
 * explanation, and the team upholds the objection with a new value and finalizes; the department then reads
 * the answer and the final status. The tests run in order and share one browser.
 */
const UNIT = 'so-tu-phap';
const AGENCY = `agency-${UNIT}`;
const AUDITOR = 'auditor-doan-kiem-tra';
const EXPLANATION = 'Biên chế năm nay là 120 người theo Quyết định giao biên chế.';

let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

/** Saves the unit's figures through the API, as its own agency: the form itself is walked in reviewCycle. */
async function saveFigures(values: Record<string, unknown>): Promise<void> {
  const token = await devToken(b, { sub: AGENCY, role: 'agency', unitId: UNIT });
  const res = await fetch(`${b.base}/reports/${YEAR}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': `rounds-${Date.now()}`,
    },
    body: JSON.stringify({ values }),
  });
  expect(res.status).toBe(200);
}

const statusOf = () => b.page.locator('.page-header [data-status]').getAttribute('data-status');

describe('the review in two rounds in the browser', () => {
  it('the department submits with its head of agency, the team verifies a figure and publishes the preliminary result', async () => {
    const { page } = b;
    const values = { ...completeValues(), staff_total: 120 };
    await saveFigures(values);
    await signIn(b, AGENCY);
    const [first, ...others] = fieldsNeedingEvidence(values);
    await uploadEvidence(page, {
      field: first!,
      file: { name: 'Quyet dinh giao du toan.pdf', mimeType: 'application/pdf', buffer: pdfBytes('du toan') },
      title: 'Quyết định giao dự toán ngân sách năm 2026',
      alsoCovers: others,
    });
    // The signed official report goes with it, as a document of its own kind; its signature is detected.
    const { signed } = await officialReportPdfs();
    await page.setInputFiles('#official-report-file', {
      name: 'Bao cao CNTT 2026 da ky.pdf',
      mimeType: 'application/pdf',
      buffer: signed,
    });
    await page.click('[data-upload="official-report"]');
    const official = page.locator('#sec-evidence tr[data-evidence]', { hasText: 'da ky' });
    await official.locator('[data-signed]').waitFor({ timeout: 30_000 });
    expect(await official.textContent()).toMatch(/Báo cáo chính thức đã ký/);
    expect(await official.textContent()).toMatch(/chưa kiểm tra chữ ký và chuỗi chứng thư/);
    await page.click('[data-action="check-submit"]');
    await attestAndSubmit(page, { name: 'Nguyễn Thị Hoa', title: 'Giám đốc Sở Tư pháp' });
    expect(await page.locator('[data-attested-by]').textContent()).toBe(
      'Nguyễn Thị Hoa, Giám đốc Sở Tư pháp',
    );

    await signOut(b);
    await signIn(b, AUDITOR);
    await page.goto(`${b.base}/#/review/${YEAR}/${UNIT}`);
    await page.locator('[data-action="publish-preliminary"]').waitFor();
    await page.fill('#v-staff_total', '100');
    await page.click('[data-action="verify"]');
    await page.locator('.notice--ok', { hasText: /xác minh|Verified/ }).waitFor();
    // Each verified document is judged; this one is accepted.
    await page.locator('[data-action="accept-document"]').first().click();
    await page.locator('[data-decision="accepted"]').first().waitFor();
    await page.click('[data-action="publish-preliminary"]');
    await page.locator('.notice--ok', { hasText: /sơ bộ|preliminary/ }).waitFor();
    expect(await statusOf()).toBe('preliminary');
    await checkPage(b, 'auditor-preliminary');
  });

  it('the department sees the preliminary result and objects on the figure with an explanation', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, AGENCY);
    const panel = page.locator('#review-preliminary');
    await panel.waitFor();
    const row = panel.locator('[data-preliminary-field="staff_total"]');
    expect(await row.textContent()).toContain('120');
    expect(await row.textContent()).toContain('100');
    expect(await panel.locator('[data-decision="accepted"]').count()).toBe(1);
    await checkPage(b, 'agency-preliminary');

    await page.click('[data-action="object"]');
    const form = page.locator('#objection-form');
    // The first row starts on the figure the team changed.
    expect(await form.locator('[data-objection-field]').inputValue()).toBe('staff_total');
    // An empty explanation is refused beside it, and nothing is sent.
    await page.click('[data-action="send-objections"]');
    expect(await form.locator('.field__error').first().isVisible()).toBe(true);
    await form.locator('[data-objection-text]').fill(EXPLANATION);
    // A new document goes up with the objection, while the window is open, and is ticked to go with it.
    await page.setInputFiles('#objection-upload-0-file', {
      name: 'Quyet dinh giao bien che.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes('bien che'),
    });
    await page.click('[data-upload="objection-upload-0"]');
    await form.locator('[data-objection-file]:checked').waitFor({ timeout: 30_000 });
    await page.click('[data-action="send-objections"]');
    const sent = page.locator('#review-sent');
    await sent.waitFor();
    expect(await sent.textContent()).toContain(EXPLANATION);
    expect(await statusOf()).toBe('objected');
    await checkPage(b, 'agency-objected');
  });

  it('the team upholds the objection with the new value and finalizes; the department reads the answer', async () => {
    const { page } = b;
    await signOut(b);
    await signIn(b, AUDITOR);
    await page.goto(`${b.base}/#/review/${YEAR}/${UNIT}`);
    const answer = page.locator('[data-answer-form="staff_total"]');
    await answer.waitFor();
    const objection = await page.locator('[data-objection="staff_total"]').textContent();
    expect(objection).toContain(EXPLANATION);
    expect(objection).toContain('Quyet dinh giao bien che.pdf');
    // Finalizing before the answer is refused (409), and the page says why.
    b.expectFailures(/\/finalize$/);
    await page.click('[data-action="finalize-review"]');
    await page.locator('.review-rounds .field__error', { hasText: /trả lời|answer/ }).waitFor();

    b.expectedFailures.splice(0);
    await answer.locator('[data-verdict="upheld"]').check();
    await answer.locator('#answer-value-0').fill('120');
    await answer.locator('#answer-reason-0').fill('Quyết định giao biên chế khớp.');
    await answer.locator('[data-action="answer-objection"]').click();
    await page.locator('.notice--ok', { hasText: /trả lời|answer/ }).waitFor();
    await checkPage(b, 'auditor-objection-answered');
    await page.click('[data-action="finalize-review"]');
    await page.locator('.notice--ok', { hasText: /chính thức|final/ }).waitFor();
    expect(await statusOf()).toBe('accepted');

    await signOut(b);
    await signIn(b, AGENCY);
    const answers = page.locator('#review-answers');
    await answers.waitFor();
    const upheld = answers.locator('[data-objection="staff_total"] [data-answer="upheld"]');
    expect(await upheld.textContent()).toContain('120');
    expect(await statusOf()).toBe('accepted');
    await checkPage(b, 'agency-review-final');
  });
});

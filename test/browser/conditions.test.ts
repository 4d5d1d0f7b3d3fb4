import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { devToken, failOnProblems, openBrowser, signIn, type Browser } from './browser.ts';
import { YEAR, fieldByCode, fillField, waitSaved } from './report.ts';

/* The form asks only what applies: the catalog's conditions drive what is shown and what is required. */
const UNIT = 'so-gd-dt';
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b, `agency-${UNIT}`);
  await b.page.goto(`${b.base}/#/report/${YEAR}`);
  await b.page.locator('#f-portal_operating-yes').waitFor();
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

async function serverValues(): Promise<Record<string, unknown>> {
  const token = await devToken(b, { sub: `agency-${UNIT}`, role: 'agency', unitId: UNIT });
  const res = await fetch(`${b.base}/reports/${YEAR}`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { values: Record<string, unknown> }).values;
}

describe('conditional fields', () => {
  it('hide and show with their condition, are marked required while it holds, and send nothing when hidden', async () => {
    const { page } = b;
    const url = page.locator('#field-portal_url');
    const marker = url.locator('[data-required-marker]');
    expect(await url.isHidden()).toBe(true);

    await page.check('#f-portal_operating-yes');
    await url.waitFor({ state: 'visible' });
    expect(await marker.textContent()).toBe('(bắt buộc)');
    expect(await page.locator('#field-portal_mandated_info').isVisible()).toBe(true);
    await page.fill('#f-portal_url', 'https://sokhdt.dienbien.gov.vn');
    await waitSaved(page);
    expect((await serverValues()).portal_url).toBe('https://sokhdt.dienbien.gov.vn');

    await page.check('#f-portal_operating-no');
    await url.waitFor({ state: 'hidden' });
    expect(await page.locator('#field-portal_mandated_info').isHidden()).toBe(true);
    await waitSaved(page);
    const values = await serverValues();
    expect(values.portal_operating).toBe(false);
    expect(values).not.toHaveProperty('portal_url');

    // A field with no condition keeps the catalog's own marking.
    expect(await page.locator('#field-servers_count [data-required-marker]').textContent()).toMatch(
      /^\((không )?bắt buộc\)$/,
    );
  });

  it('shows a rule that blocks submission as an error, and no "Đạt" beside an indicator whose figures break it', async () => {
    const { page } = b;
    await fillField(page, fieldByCode('computers_in_use'), 100);
    await fillField(page, fieldByCode('computers_internet'), 150);
    const rule = page.locator('#f-computers_internet-warn');
    await rule.waitFor();
    expect(await rule.getAttribute('class')).toContain('field__error');
    expect(await page.getAttribute('#f-computers_internet', 'aria-invalid')).toBe('true');
    const badge = page.locator('[data-indicator="broadband_computers_pct"] .badge');
    expect(await badge.textContent()).not.toBe('Đạt');
    expect(await badge.textContent()).toBe('Số liệu đầu vào chưa hợp lệ');

    await fillField(page, fieldByCode('computers_internet'), 100);
    await rule.waitFor({ state: 'hidden' });
    expect(await page.getAttribute('#f-computers_internet', 'aria-invalid')).toBe('false');
    expect(await badge.textContent()).toBe('Đạt');
    await waitSaved(page);
    expect(b.problems).toEqual([]);
  });

  it('prints as a clean document: sections of values, indicators, evidence and a signature block', async () => {
    const { page } = b;
    await page.emulateMedia({ media: 'print' });
    try {
      const sheet = page.locator('.print-report');
      expect(await sheet.isVisible()).toBe(true);
      expect(await page.locator('.screen-only').isHidden()).toBe(true);
      const portal = sheet.locator('[data-print-section="portal"]');
      await expect.poll(() => portal.textContent()).toContain('Không');
      // The address that no longer applies is not on paper either.
      expect(await portal.textContent()).not.toContain('sokhdt.dienbien.gov.vn');
      expect(
        await sheet.locator('[data-print-section="infrastructure"] .print-indicators').textContent(),
      ).toContain('100%');
      expect(await sheet.locator('[data-print-section="evidence"]').isVisible()).toBe(true);
      expect(await sheet.locator('[data-print-section="signature"]').textContent()).toContain(
        'THỦ TRƯỞNG CƠ QUAN',
      );
      expect(await sheet.locator('input, select, textarea').count()).toBe(0);
      const pdf = await page.pdf({ format: 'A4' });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.length).toBeLessThanOrEqual(6);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('leads to last year’s report, read-only, and copies the figures that carry over, marked until confirmed', async () => {
    const { page } = b;
    const last = YEAR - 1;
    await page.locator(`.year-switcher a[data-year="${last}"]`).click();
    await page.waitForURL(new RegExp(`#/report/${last}$`));
    await page.locator('#f-staff_total').waitFor();
    expect(await page.locator('.report-form fieldset.plain').first().getAttribute('disabled')).not.toBeNull();
    expect(await page.locator('[data-action="copy-last-year"]').count()).toBe(0);
    const lastStaff = await page.inputValue('#f-staff_total');
    expect(lastStaff).not.toBe('');

    await page.locator(`.year-switcher a[data-year="${YEAR}"]`).click();
    await page.locator('[data-action="copy-last-year"]').waitFor();
    expect(await page.inputValue('#f-staff_total')).toBe('');
    await page.click('[data-action="copy-last-year"]');
    await page.locator('[data-copied="staff_total"]').waitFor();
    expect(await page.inputValue('#f-staff_total')).toBe(lastStaff);
    // What was already entered this year stays; a flow of the year (documents sent) is never copied.
    expect(await page.inputValue('#f-computers_in_use')).toBe('100');
    expect(await page.inputValue('#f-docs_sent_total')).toBe('');
    const servers = page.locator('[data-copied="servers_count"]');
    expect(await servers.isVisible()).toBe(true);
    await waitSaved(page);

    // Confirmed, or changed: no longer marked. The others stay marked after a reload.
    await page.locator('[data-copied="staff_total"] [data-action="confirm-copied"]').click();
    expect(await page.locator('[data-copied="staff_total"]').isHidden()).toBe(true);
    await page.fill('#f-it_staff', '3');
    expect(await page.locator('[data-copied="it_staff"]').isHidden()).toBe(true);
    await waitSaved(page);
    await page.reload();
    await page.locator('#f-servers_count').waitFor();
    expect(await page.locator('[data-copied="servers_count"]').isVisible()).toBe(true);
    expect(await page.locator('[data-copied="staff_total"]').isHidden()).toBe(true);
    expect(b.problems).toEqual([]);
  });
});

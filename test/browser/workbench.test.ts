import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, failOnProblems, openBrowser, signIn, type Browser } from './browser.ts';

/*
 * The auditors' workbench on the seeded 2025 reports (submitted by the successors of the 2025 reorganization,
 * partly accepted, one department's figures corrected on site): the list sorted and filtered by each column.
 */
const YEAR = 2025;
const AUDITOR = 'auditor-doan-kiem-tra';
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b, AUDITOR);
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

/**
 * A column's cells, read in one go from the table as it stands: the list is redrawn when a filter or an order
 * is applied (and again when the address follows), so headers and rows are never read from two drawings.
 */
const column = async (label: string) => {
  const read = () =>
    b.page.evaluate((want) => {
      const table = document.querySelector('.units-table');
      if (!table) return null;
      const heads = [...table.querySelectorAll('thead th')].map((t) =>
        (t.textContent ?? '').replace(/[▲▼]/g, '').trim(),
      );
      const i = heads.indexOf(want);
      if (i < 0) return null;
      return [...table.querySelectorAll('tbody tr')].map((r) =>
        (r.children[i] as HTMLElement).innerText.trim(),
      );
    }, label);
  let cells: string[] | null = null;
  await expect.poll(async () => (cells = await read()), { message: `column ${label}` }).not.toBeNull();
  return cells as unknown as string[];
};
const unitIds = () =>
  b.page.locator('.units-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit')));
/** A shown date and time (vi-VN puts the time first) as yyyymmdd hhmm, comparable as text. */
const instant = (t: string) => {
  const d = /(\d{2})\/(\d{2})\/(\d{4})/.exec(t);
  const tm = /(\d{2}):(\d{2})/.exec(t);
  if (!d || !tm) throw new Error(`not a date and time: ${t}`);
  return `${d[3]}${d[2]}${d[1]} ${tm[1]}${tm[2]}`;
};
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
const sortedVi = (xs: readonly string[]) => [...xs].sort((a, c) => collator.compare(a, c));

describe("the auditors' list", () => {
  it('is ordered by level, then name, and every sortable header says how it sorts', async () => {
    const { page } = b;
    await page.goto(`${b.base}/#/review/${YEAR}`);
    await page.locator('.units-table tbody tr').first().waitFor();
    const levels = await column('Cấp');
    // Highest level first: the departments before the communes, never the internal ids' order.
    expect(levels.indexOf('Cấp xã')).toBeGreaterThan(levels.lastIndexOf('Cấp tỉnh'));
    const departments = (await column('Đơn vị')).slice(0, levels.lastIndexOf('Cấp tỉnh') + 1);
    expect(departments).toEqual(sortedVi(departments));
    expect(await page.locator('th[data-sort-key="level"]').getAttribute('aria-sort')).toBe('ascending');
    expect(await page.locator('th[data-sort-key="name"]').getAttribute('aria-sort')).toBe('none');
    expect(await page.locator('th[aria-sort]').count()).toBe(6);
    await checkPage(b, 'auditor-list-sorted');
  });

  it('sorts by name both ways from its header', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Sắp xếp theo Đơn vị, tăng dần' }).click();
    await page.waitForURL(/sort=name$/);
    await page.locator('th[data-sort-key="name"][aria-sort="ascending"]').waitFor();
    const names = await column('Đơn vị');
    expect(names).toEqual(sortedVi(names));
    await page.getByRole('link', { name: 'Sắp xếp theo Đơn vị, giảm dần' }).click();
    await page.locator('th[data-sort-key="name"][aria-sort="descending"]').waitFor();
    expect(await column('Đơn vị')).toEqual(sortedVi(names).reverse());
  });

  it('sorts by submission time, latest first, and by status', async () => {
    const { page } = b;
    await page.goto(`${b.base}/#/review/${YEAR}?sort=-submittedAt`);
    await page.locator('th[data-sort-key="submittedAt"][aria-sort="descending"]').waitFor();
    const ids = await unitIds();
    const times = await column('Nộp lúc');
    expect(times.length).toBe(ids.length);
    const keys = times.filter((t) => t !== '—').map(instant);
    expect(keys).toEqual([...keys].sort().reverse());
    await page.goto(`${b.base}/#/review/${YEAR}?sort=status`);
    await page.locator('th[data-sort-key="status"][aria-sort="ascending"]').waitFor();
    const statuses = await page
      .locator('.units-table tbody [data-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status')));
    const order = ['not_started', 'draft', 'submitted', 'late', 'returned', 'accepted'];
    const ranks = statuses.map((s) => order.indexOf(s as string));
    expect(ranks).toEqual([...ranks].sort((a, c) => a - c));
    expect(new Set(statuses).size).toBeGreaterThan(1);
  });

  it('filters by name without diacritics, and keeps the order while filtering', async () => {
    const { page } = b;
    await page.goto(`${b.base}/#/review/${YEAR}?sort=-name`);
    await page.locator('th[data-sort-key="name"][aria-sort="descending"]').waitFor();
    await page.fill('#flt-name', 'so');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/name=so/);
    await page.locator('th[data-sort-key="name"][aria-sort="descending"]').waitFor();
    const names = await column('Đơn vị');
    expect(names.length).toBeGreaterThan(3);
    for (const n of names) expect(n).toMatch(/^Sở /);
    expect(names).toEqual(sortedVi(names).reverse());
    await page.fill('#flt-name', 'pa ham');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/name=pa\+ham/);
    await expect.poll(unitIds).toEqual(['xa-pa-ham-2025']);
    expect(await page.inputValue('#flt-name')).toBe('pa ham');
  });

  it('filters by level, parent, status and submission day together', async () => {
    const { page } = b;
    await page.goto(`${b.base}/#/review/${YEAR}`);
    await page.locator('#flt-level').waitFor();
    await page.selectOption('#flt-level', 'commune');
    await page.selectOption('#flt-status', 'accepted');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/level=commune/);
    await page.locator('.units-table tbody tr').first().waitFor();
    // Only communes, once the filtered list is drawn (the address changes before it is).
    await expect.poll(async () => [...new Set(await column('Cấp'))]).toEqual(['Cấp xã']);
    for (const s of await page
      .locator('.units-table tbody [data-status]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-status'))))
      expect(s).toBe('accepted');

    // Parent: the province's departments.
    await page.goto(`${b.base}/#/review/${YEAR}`);
    await page.locator('#flt-parent').waitFor();
    const province = await page.locator('#flt-parent option').nth(1).getAttribute('value');
    await page.selectOption('#flt-parent', province as string);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/parent=/);
    await page.locator('.units-table tbody tr').first().waitFor();
    const parentName = await page.locator('#flt-parent option:checked').textContent();
    for (const p of await column('Trực thuộc')) expect(p).toBe(parentName);

    // Submission day: the first day anyone submitted, alone.
    await page.goto(`${b.base}/#/review/${YEAR}?sort=submittedAt`);
    await page.locator('th[data-sort-key="submittedAt"][aria-sort="ascending"]').waitFor();
    const first = instant((await column('Nộp lúc'))[0] as string).slice(0, 8);
    const day = `${first.slice(0, 4)}-${first.slice(4, 6)}-${first.slice(6, 8)}`;
    await page.fill('#flt-from', day);
    await page.fill('#flt-to', day);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/submittedTo=/);
    await page.locator('th[data-sort-key="submittedAt"][aria-sort="ascending"]').waitFor();
    await expect
      .poll(async () => (await column('Nộp lúc')).every((t) => instant(t).startsWith(first)))
      .toBe(true);
    expect((await column('Nộp lúc')).length).toBeGreaterThan(0);
    await checkPage(b, 'auditor-list-filtered');
  });
});

/* so-tai-chinh-2025: the inspection team recounted two figures on site in 2025, then accepted the report. */
const CORRECTED = 'so-tai-chinh-2025';

describe("the auditors' report page", () => {
  it('names people, never their login ids', async () => {
    const { page } = b;
    await page.goto(`${b.base}/#/review/${YEAR}/${CORRECTED}`);
    await page.locator('.history li').first().waitFor();
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\b(agency|auditor|admin)-[a-z0-9-]+/);
    const people = await page.locator('.history .person').allTextContents();
    expect(new Set(people)).toEqual(new Set(['Sở Tài chính', 'Đoàn kiểm tra']));
    // The id is kept for tracing, out of the text.
    expect(await page.locator('.history .person[data-sub="auditor-doan-kiem-tra"]').count()).toBeGreaterThan(
      0,
    );
    expect(await page.locator('.verify-table .person').first().textContent()).toBe('Đoàn kiểm tra');
    expect(await page.locator('header .who').innerText()).not.toContain('auditor-doan-kiem-tra');
  });

  it('shows verified beside reported, each with its met / not met badge, and highlights the gap', async () => {
    const { page } = b;
    const table = page.locator('.indicator-table');
    expect(await page.locator('#ind-h + p').textContent()).toMatch(/2025\.v\d+/);
    const gapRows = table.locator('tbody tr[data-gap="true"]');
    expect(await gapRows.count()).toBeGreaterThan(0);
    for (const row of await gapRows.all()) {
      expect(await row.getAttribute('class')).toContain('row--differs');
      expect(await row.locator('td.cell--gap').count()).toBe(1);
      expect(await row.locator('.gap').textContent()).toMatch(/^[+−]\d/);
    }
    // Rows verification did not move show no gap.
    const same = table.locator('tbody tr:not([data-gap])');
    expect(await same.count()).toBeGreaterThan(0);
    expect((await same.first().locator('td').nth(2).textContent())?.trim()).toBe('—');
    // Badges on both sides, where the level has a target.
    const reportedBadges = table.locator('[data-met-reported]');
    const verifiedBadges = table.locator('[data-met-verified]');
    expect(await reportedBadges.count()).toBeGreaterThan(0);
    expect(await verifiedBadges.count()).toBe(await reportedBadges.count());
    for (const badge of await verifiedBadges.all())
      expect(await badge.textContent()).toBe(
        (await badge.getAttribute('data-met-verified')) === 'true' ? 'Đạt' : 'Chưa đạt',
      );
    await checkPage(b, 'auditor-report-verified');
  });

  it('the history says what a verification changed, field by field', async () => {
    const { page } = b;
    const verify = page.locator('.history li', { hasText: 'Ghi kết quả xác minh' });
    await verify.locator('button[data-version]').click();
    const box = verify.locator('[data-verification]');
    await box.waitFor();
    expect(await verify.textContent()).not.toContain('Không thay đổi số liệu');
    expect(await box.locator('p').first().textContent()).toBe(
      'Ghi kết quả xác minh cho 2 chỉ tiêu; 2 giá trị khác số đơn vị báo cáo.',
    );
    const rows = box.locator('tbody tr');
    expect(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verified-field')).sort()),
    ).toEqual(['computers_in_use', 'staff_email_regular']);
    const email = box.locator('tr[data-verified-field="staff_email_regular"]');
    expect(await email.getAttribute('data-changed')).toBe('true');
    expect(await email.locator('td').nth(1).textContent()).toContain('42');
    expect(await email.locator('td').nth(2).textContent()).toBe('Đếm lại tại chỗ / Recounted on site');
    await checkPage(b, 'auditor-history-verification');
  });
});

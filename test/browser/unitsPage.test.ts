import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPage, failOnProblems, openBrowser, signIn, type Browser } from './browser.ts';
import { YEAR } from './report.ts';

/*
 * The units through time: the tree of any day, and a change previewed by the server before it is saved.
 * The change takes effect on 1 January of the year after, so the reporting year's own hierarchy (its
 * 31 December) is the one every other test sees.
 */
const NEXT = `${YEAR + 1}-01-01`;
let b: Browser;
beforeAll(async () => {
  b = await openBrowser();
  await signIn(b, 'admin-so-khcn');
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

const tree = () => b.page.locator('[data-tree]');
const shownOn = async (day: string) => {
  await b.page.fill('#u-asof', day);
  await b.page.locator(`[data-tree="${day}"]`).waitFor();
};

describe('the units through time', () => {
  it('shows the tree of any day: districts before 1 July 2025, none after', async () => {
    const { page } = b;
    await page.locator('[data-action="open-units"]').click();
    await page.locator('main h1', { hasText: 'Đơn vị theo thời gian' }).waitFor();
    await shownOn('2025-06-30');
    expect(await tree().locator('[data-unit="tuan-giao"]').count()).toBe(1);
    // A commune sits under its district that day.
    expect(await tree().locator('[data-unit="tuan-giao"] [data-unit="xa-chieng-sinh"]').count()).toBe(1);
    await shownOn('2025-07-01');
    expect(await tree().locator('[data-unit="tuan-giao"]').count()).toBe(0);
    const merged = tree().locator('[data-unit="xa-chieng-sinh-2025"]');
    expect(await merged.textContent()).toContain('lập từ: UBND xã Chiềng Sinh');
    await checkPage(b, 'admin-units');
  });

  it('a refused change is named by the server before anything is saved', async () => {
    const { page } = b;
    await page.selectOption('#u-kind', 'rename');
    await page.fill('#u-date', NEXT);
    await page.locator('#u-from option[value="so-khcn-2025"]').waitFor({ state: 'attached' });
    await page.selectOption('#u-from', 'so-khcn-2025');
    await page.fill('#u-document', 'Quyết định thử nghiệm 1/QĐ-UBND');
    // The id of a unit that already exists: a renamed unit is a new record and needs its own.
    await page.fill('#u-into-id', 'so-tai-chinh');
    await page.fill('#u-into-vi', 'Sở Khoa học, Công nghệ và Đổi mới sáng tạo');
    // The rename brings the old unit's mailbox along; a mistyped one is refused by the server's schema.
    expect(await page.inputValue('#u-into-email')).toBe('vanthu@so-khcn-2025.dienbien.example');
    await page.fill('#u-into-email', 'vanthu@');
    b.expectFailures(/\/units\/reorganizations\/preview$/);
    await page.locator('[data-action="preview-units"]').click();
    await page.locator('[data-issues] li[data-path="changes.0.into.contactEmail"]').waitFor();
    await page.fill('#u-into-email', 'vanthu@so-khcn-2025.dienbien.example');
    await page.locator('[data-action="preview-units"]').click();
    await page.locator('[data-issues] li[data-path="changes.0.into.id"]').waitFor();
    expect(await page.locator('[data-action="save-units"]').isHidden()).toBe(true);
  });

  it('merges two communes from a date: the preview says what ends and starts, an edit needs a new preview, then it is saved', async () => {
    const { page } = b;
    b.expectedFailures.splice(0);
    await page.selectOption('#u-kind', 'merge');
    await page.fill('#u-date', NEXT);
    await page.locator('#u-from option[value="xa-pa-ham-2025"]').waitFor({ state: 'attached' });
    await page.selectOption('#u-from', ['xa-muong-ang', 'xa-pa-ham-2025']);
    await page.fill('#u-document', 'Nghị quyết thử nghiệm 2/NQ-HĐND');
    await page.fill('#u-into-id', 'xa-thu-nghiem-2027');
    await page.fill('#u-into-code', '11.X.THU-NGHIEM');
    await page.fill('#u-into-vi', 'UBND xã Thử Nghiệm');
    await page.selectOption('#u-into-level', 'commune');
    await page.selectOption('#u-into-parent', 'dien-bien');
    await page.locator('[data-action="preview-units"]').click();
    const rows = page.locator('[data-preview-units] tbody tr');
    await rows.first().waitFor();
    expect(await page.locator('[data-preview-units] [data-effect="ends"]').count()).toBe(2);
    const starts = page.locator('[data-preview-units] [data-effect="starts"]');
    expect(await starts.getAttribute('data-unit')).toBe('xa-thu-nghiem-2027');
    expect(await starts.textContent()).toContain('UBND xã Mường Ảng');
    // Nothing is saved by a preview.
    await shownOn(NEXT);
    expect(await tree().locator('[data-unit="xa-thu-nghiem-2027"]').count()).toBe(0);
    expect(await tree().locator('[data-unit="xa-muong-ang"]').count()).toBe(1);

    // An edit after the preview: the save is withdrawn until the change is previewed again.
    await page.fill('#u-into-en', 'Thử Nghiệm Commune People’s Committee');
    expect(await page.locator('[data-action="save-units"]').isHidden()).toBe(true);
    await page.locator('[data-action="preview-units"]').click();
    await page.locator('[data-action="save-units"]').waitFor();
    // A double click is one write: both requests carry the preview's Idempotency-Key (a second write would be a
    // 400, "already ended", which fails the walk).
    await page.locator('[data-action="save-units"]').dblclick();
    await page.locator('main [role=status]', { hasText: 'Đã lưu' }).waitFor();
    await page.locator(`[data-tree="${NEXT}"] [data-unit="xa-thu-nghiem-2027"]`).waitFor();
    await checkPage(b, 'admin-units-merged');
    expect(await tree().locator('[data-unit="xa-muong-ang"]').count()).toBe(0);
    // The reporting year's own tree (its 31 December) is untouched.
    await shownOn(`${YEAR}-12-31`);
    expect(await tree().locator('[data-unit="xa-muong-ang"]').count()).toBe(1);
    expect(await tree().locator('[data-unit="xa-thu-nghiem-2027"]').count()).toBe(0);
  });

  it('establishes a new department from a date: one unit that ends nothing, after its preview', async () => {
    const { page } = b;
    await page.selectOption('#u-kind', 'establish');
    expect(await page.locator('#u-from').isHidden()).toBe(true);
    await page.fill('#u-date', NEXT);
    await page.fill('#u-document', 'Quyết định thử nghiệm 3/QĐ-UBND');
    await page.fill('#u-into-id', 'so-thu-nghiem-2027');
    await page.fill('#u-into-code', '11.STN');
    await page.fill('#u-into-vi', 'Sở Thử Nghiệm');
    await page.locator('#u-into-level option[value="province"]').waitFor({ state: 'attached' });
    await page.selectOption('#u-into-level', 'province');
    await page.selectOption('#u-into-parent', 'dien-bien');
    await page.locator('[data-action="preview-units"]').click();
    const starts = page.locator('[data-preview-units] [data-effect="starts"]');
    await starts.waitFor();
    expect(await page.locator('[data-preview-units] tbody tr').count()).toBe(1);
    expect(await starts.textContent()).not.toContain('từ:');
    await page.locator('[data-action="save-units"]').click();
    await page.locator(`[data-tree="${NEXT}"] [data-unit="so-thu-nghiem-2027"]`).waitFor();
  });
});

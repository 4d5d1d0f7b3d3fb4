import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpSeed } from '../unit/rollup/seedRollup.ts';
import { ARTIFACTS, axeViolations, failOnProblems, openBrowser, WIDTHS, type Browser } from './browser.ts';

/*
 * The HTML report auditors and leaders read, from the seed's demo history, opened in Chromium: accessible,
 * with the per-parent groups shown, units and labels as a reader expects them.
 */
let b: Browser;
let url: string;
beforeAll(async () => {
  b = await openBrowser();
  const store = await rollUpSeed(2025);
  const dir = mkdtempSync(join(tmpdir(), 'rollup-html-'));
  const file = join(dir, 'report.html');
  writeFileSync(file, store.published(2025, 'html') as string);
  url = pathToFileURL(file).href;
});
afterAll(async () => {
  await b?.close();
});
failOnProblems(() => b);

describe('the rollup’s HTML report', () => {
  it('passes axe with no serious or critical violation at both widths', async () => {
    await b.page.goto(url);
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const width of WIDTHS) {
      await b.page.setViewportSize({ width, height: 900 });
      const violations = await axeViolations(b.page);
      expect(
        violations.map((v) => `${v.id} (${v.impact}): ${v.help}`),
        `at ${width}px`,
      ).toEqual([]);
      await b.page.screenshot({ path: join(ARTIFACTS, `rollup-report-${width}.png`) });
    }
    expect(b.problems).toEqual([]);
  });

  it('shows the per-parent groups, the ranking within each level and the sources', async () => {
    await b.page.setViewportSize({ width: 1280, height: 900 });
    const text = (await b.page.locator('main').textContent()) ?? '';
    expect(await b.page.getByRole('heading', { name: /Theo đơn vị cấp trên/ }).count()).toBeGreaterThan(0);
    // 2025 is reported by the hierarchy of 31 December 2025: two tiers, every unit directly under the province.
    expect(text).toContain('Trực thuộc UBND tỉnh Điện Biên');
    expect(text).not.toContain('Trực thuộc UBND huyện');
    expect(
      await b.page.locator('details summary', { hasText: 'Theo đơn vị cấp trên' }).count(),
    ).toBeGreaterThan(10);
    for (const level of ['Cấp tỉnh', 'Cấp xã'])
      expect(await b.page.getByRole('heading', { name: `Xếp hạng ${level}`, exact: false }).count()).toBe(1);
    expect(await b.page.getByRole('heading', { name: 'Xếp hạng Cấp huyện', exact: false }).count()).toBe(0);
    expect(text).toContain('48/2009/QĐ-TTg');
    expect(text).toContain('mặc định của hệ thống, chưa có văn bản');
  });

  it('reads right: units, percentage points, bare dashes, labels instead of codes, ≤ and ≥', async () => {
    const text = (await b.page.locator('main').textContent()) ?? '';
    expect(text).toContain('điểm phần trăm');
    expect(text).toContain('sự cố/100 máy');
    expect(text).toContain('kbps/người');
    expect(text).toContain('triệu đồng');
    expect(text).toMatch(/≥ \d/);
    expect(text).toMatch(/≤ \d/);
    expect(text).not.toMatch(/—\s?%|<=|>=/);
    expect(text).not.toMatch(
      /\b(not_started|computers_internet|email_regular_pct|under_review|self_reported)\b/,
    );
    // The bandwidth fraction is in the value's own unit: kbps over people, not Mbps.
    const bandwidth = b.page.locator('section', { hasText: 'Băng thông Internet trên mỗi CBCCVC' }).first();
    expect(await bandwidth.locator('p').first().textContent()).toMatch(/kbps \/ [\d.]+ người/);
    const shot = join(ARTIFACTS, 'rollup-report-full.png');
    await b.page.screenshot({ path: shot, fullPage: false });
  });
});

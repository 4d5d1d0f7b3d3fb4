import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach, expect, inject } from 'vitest';
import { pdf } from '../unit/domain/files.ts';
import { chromiumLaunch } from '../../bench/lib/chromium.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = resolve(ROOT, 'test-results/browser');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WIDTHS = [1280, 390] as const;

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly base: string;
  /**
   * Uncaught errors, console errors, 4xx/5xx answers and requests that never got one, except those a test
   * announced with expectFailures. After each test, failOnProblems asserts it is empty.
   */
  readonly problems: string[];
  /** Failures the test provokes on purpose: requests whose URL matches, until the test ends. */
  expectFailures(url: RegExp): void;
  readonly expectedFailures: RegExp[];
  close(): Promise<void>;
}

/**
 * Debian's Chromium through playwright-core, in a fresh profile, with no way to reach anything but loopback.
 * `serviceWorkers: 'block'` leaves out the offline layer, for tests of what the page does when the network
 * fails and nothing is cached (offline.test.ts tests the worker itself).
 */
export async function openBrowser(opts: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'bccntt-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    ...chromiumLaunch,
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    serviceWorkers: opts.serviceWorkers ?? 'allow',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  const expected: RegExp[] = [];
  const isExpected = (url: string) => expected.some((re) => re.test(url));
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A failed load is reported below with its URL, where an announced failure can be told apart.
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !isExpected(r.url()))
      problems.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // A download handed to the browser ends its request on purpose.
    if (!isExpected(r.url()) && r.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText ?? ''}`);
  });
  return {
    context,
    page,
    base: inject('webUrl'),
    problems,
    expectFailures: (url) => void expected.push(url),
    expectedFailures: expected,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The guard every browser test file installs: a walk through the site fails on any console error, uncaught
 * error or 4xx/5xx answer that the test did not announce. Announcements last one test.
 */
export function failOnProblems(browser: () => Browser | undefined): void {
  afterEach(() => {
    const b = browser();
    if (!b) return;
    const seen = b.problems.splice(0);
    b.expectedFailures.splice(0);
    expect(seen, 'console errors or failed requests during the walk').toEqual([]);
  });
}

export async function signIn(b: Browser, sub: string): Promise<void> {
  await b.page.goto(`${b.base}/#/signin`);
  await b.page.click(`[data-sub="${sub}"]`);
  await b.page.waitForSelector('main h1');
  await b.page.waitForFunction(() => !location.hash.startsWith('#/signin') && location.hash !== '#/');
}

export async function signOut(b: Browser): Promise<void> {
  await b.page.getByRole('button', { name: /Đăng xuất|Sign out/ }).click();
  await b.page.waitForSelector('[data-sub]');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core in the page; evaluate() runs outside the page's CSP, which forbids injected script tags. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/**
 * At both widths: no serious or critical axe violation, no sideways scrolling, and a full-page screenshot kept
 * as a test artefact, with one of the first screenful at 1280 px. Ends at 1280 px.
 */
export async function checkPage(b: Browser, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of WIDTHS) {
    await b.page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    const violations = await axeViolations(b.page);
    expect(
      violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help} @ ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
      ),
      `${name} at ${width}px`,
    ).toEqual([]);
    const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} scrolls sideways at ${width}px`).toBeLessThanOrEqual(0);
    await b.page.screenshot({ path: join(ARTIFACTS, `${name}-${width}.png`), fullPage: true });
  }
  await b.page.setViewportSize({ width: 1280, height: 900 });
  // What a desktop user sees first, for the README's pictures (docs/*.png are copied from these).
  await b.page.screenshot({ path: join(ARTIFACTS, `${name}-view.png`) });
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Small but real files of the accepted types: the server sniffs magic bytes, so they must look the part. */
export const pdfBytes = (title: string): Buffer => pdf(title);

/** A PDF with `pages` real pages, each a blue square on white, with a correct cross-reference table. */
export function drawnPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, k) => `${3 + 2 * k} 0 R`).join(' ');
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    `<</Type/Pages/Kids[${kids}]/Count ${pages}>>`,
    ...Array.from({ length: pages }, (_, k) => [
      `<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Contents ${4 + 2 * k} 0 R>>`,
      '<</Length 27>>stream\n0 0 1 rg 20 20 160 160 re f\nendstream',
    ]).flat(),
  ];
  let text = '%PDF-1.4\n';
  const offsets = objects.map((o, i) => {
    const at = text.length;
    text += `${i + 1} 0 obj${o}endobj\n`;
    return at;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  text += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  text += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(text, 'latin1');
}

export function pngBytes(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** A token for calls a test makes to the API beside the page (the local stack's quick /dev/token path). */
export async function devToken(
  b: Browser,
  who: { sub: string; role: 'agency' | 'auditor' | 'admin'; unitId?: string },
): Promise<string> {
  const res = await fetch(`${b.base}/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(who),
  });
  return ((await res.json()) as { token: string }).token;
}

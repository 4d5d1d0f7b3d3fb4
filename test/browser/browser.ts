import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { pdf } from '../unit/domain/files.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = resolve(ROOT, 'test-results/browser');
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export const WIDTHS = [1280, 375] as const;

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly base: string;
  /** Uncaught errors, and console errors other than failed requests (some tests cause those on purpose). */
  readonly problems: string[];
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
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
    ],
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    serviceWorkers: opts.serviceWorkers ?? 'allow',
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Failed loads are the point of some tests (error pages, offline).
    if (m.type() === 'error' && !/^Failed to load resource/.test(m.text()))
      problems.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    base: inject('webUrl'),
    problems,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
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
 * as a test artefact. Ends at 1280 px.
 */
export async function checkPage(b: Browser, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const width of WIDTHS) {
    await b.page.setViewportSize({ width, height: width === 375 ? 740 : 900 });
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
}

export const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Small but real files of the accepted types: the server sniffs magic bytes, so they must look the part. */
export const pdfBytes = (title: string): Buffer => pdf(title);

export function pngBytes(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
}

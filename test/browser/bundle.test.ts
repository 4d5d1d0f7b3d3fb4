import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleReport } from '../../web/build.ts';

/* A commune office on a slow link downloads at most 100 KB of JS before any page works. */
const BUDGET = 100 * 1024;
const report = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../web/dist/bundle-report.json'), 'utf8'),
) as BundleReport;

describe('the web bundle', () => {
  it('keeps the initial JS and every page’s first visit within 100 KB gzipped', () => {
    expect(report.initialJs.gzipBytes).toBeLessThanOrEqual(BUDGET);
    expect(report.routes.length).toBeGreaterThanOrEqual(4);
    for (const r of report.routes) expect(r.gzipBytes, r.page).toBeLessThanOrEqual(BUDGET);
  });

  it('ships no source maps inline and nothing from a CDN', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../web/dist/index.html'), 'utf8');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script>(?!<\/script>)|style=/);
  });

  it('names every on-demand page’s chunks in index.html, under the module its route imports', () => {
    const html = readFileSync(resolve(import.meta.dirname, '../../web/dist/index.html'), 'utf8');
    const block = /<script type="application\/json" id="page-modules">([^<]*)<\/script>/.exec(html)?.[1];
    const map = JSON.parse(block ?? 'null') as Record<string, string[]>;
    const main = readFileSync(resolve(import.meta.dirname, '../../web/src/main.ts'), 'utf8');
    const routes = [...main.matchAll(/import\('\.\/([\w/]+)\.ts'\)\)\.\w+\),\s*'([\w/]+)',/g)];
    expect(routes.length).toBe(main.match(/await import\(/g)?.length);
    for (const [, imported, named] of routes) {
      expect(named, imported).toBe(imported);
      expect(map[named!]?.length, named).toBeGreaterThan(0);
      for (const file of map[named!]!)
        expect(existsSync(resolve(import.meta.dirname, '../../web/dist', `.${file}`)), file).toBe(true);
    }
  });
});

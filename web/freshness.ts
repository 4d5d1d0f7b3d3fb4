import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BundleReport } from './build.ts';

const ROOT = resolve(import.meta.dirname, '..');

/**
 * Why the built site in `outDir` cannot be served as it is, or undefined when it is current: missing, or older
 * than one of the files it was built from (a file the last build read, or a new static file).
 */
export function staleWebBuild(outDir = resolve(ROOT, 'web/dist')): string | undefined {
  const reportFile = join(outDir, 'bundle-report.json');
  if (!existsSync(join(outDir, 'index.html')) || !existsSync(reportFile)) return 'no build yet';
  let report: Partial<BundleReport>;
  try {
    report = JSON.parse(readFileSync(reportFile, 'utf8')) as Partial<BundleReport>;
  } catch {
    return 'bundle-report.json unreadable';
  }
  const builtAt = Date.parse(report.builtAt ?? '');
  if (!Number.isFinite(builtAt) || !Array.isArray(report.inputs)) return 'built by an older build script';
  const inputs = new Set(report.inputs);
  for (const file of readdirSync(resolve(ROOT, 'web/static')).map((f) => `web/static/${f}`))
    if (!inputs.has(file)) return `${file} is new`;
  for (const file of inputs) {
    const abs = resolve(ROOT, file);
    if (!existsSync(abs)) return `${file} is gone`;
    if (statSync(abs).mtimeMs > builtAt) return `${file} changed`;
  }
  return undefined;
}

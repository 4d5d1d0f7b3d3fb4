import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { injectManifest } from 'workbox-build';

const WEB = import.meta.dirname;

export interface ServiceWorkerReport {
  readonly bytes: number;
  readonly gzipBytes: number;
  /** What the worker downloads once installed, after the first page is drawn. */
  readonly precache: { readonly files: number; readonly bytes: number };
}

/**
 * web/src/sw.ts bundled to `sw.js` at the site's root (its scope is the whole site), then Workbox writes the
 * precache list into it: the files matched here with their content revisions, and the hashed chunks given.
 */
export async function buildServiceWorker(
  outDir: string,
  hashedUrls: readonly string[],
): Promise<ServiceWorkerReport> {
  const swDest = join(outDir, 'sw.js');
  await build({
    absWorkingDir: resolve(WEB, '..'),
    entryPoints: [join(WEB, 'src/sw.ts')],
    bundle: true,
    // A classic worker: module workers are not yet everywhere the commune offices are.
    format: 'iife',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    // Workbox logs only in development builds.
    define: { 'process.env.NODE_ENV': '"production"' },
    outfile: swDest,
    logLevel: 'warning',
  });
  const { count, size, warnings } = await injectManifest({
    swSrc: swDest,
    swDest,
    globDirectory: outDir,
    globPatterns: ['index.html', '*.svg', '*.png', '*.webmanifest'],
    additionalManifestEntries: hashedUrls.map((url) => ({ url, revision: null })),
  });
  if (warnings.length) throw new Error(`service worker: ${warnings.join('; ')}`);
  const hashedBytes = hashedUrls.reduce((s, url) => s + readFileSync(join(outDir, url)).length, 0);
  const sw = readFileSync(swDest);
  return {
    bytes: sw.length,
    gzipBytes: gzipSync(sw, { level: 9 }).length,
    precache: { files: count, bytes: size + hashedBytes },
  };
}

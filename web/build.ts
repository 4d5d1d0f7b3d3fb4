import { build, type Metafile } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PDF_VIEWER_PATH } from '#shared/sitePolicy';
import { buildServiceWorker, type ServiceWorkerReport } from './buildServiceWorker.ts';

/*
 * The static site: one ES module entry split by route (the agency form and the review pages load on demand),
 * hashed file names so CloudFront can cache them for good, and an index.html that names them. Nothing inline
 * but a JSON data block (the pages' chunks, never run), because the CSP allows only 'self' scripts and styles.
 */
const WEB = import.meta.dirname;
const OUT = resolve(WEB, 'dist');
/** Pages that must open with no connection: their chunks are precached by the service worker. */
const OFFLINE_PAGES = ['web/src/agency/reportPage.ts', 'web/src/agency/receipt.ts'];
const PAGE_SOURCES = 'web/src/';

export interface BundleReport {
  /** When the build started reading its sources: a source changed after this makes the build stale. */
  readonly builtAt: string;
  /** Every file the build read, relative to the repository: what `npm start` compares with builtAt. */
  readonly inputs: readonly string[];
  /** The entry chunk and every chunk it imports statically: what a first visit downloads before it can run. */
  readonly initialJs: { readonly files: string[]; readonly bytes: number; readonly gzipBytes: number };
  readonly css: { readonly file: string; readonly bytes: number; readonly gzipBytes: number };
  /** Per lazily loaded page: everything a first visit to it downloads, the initial JS included. */
  readonly routes: { readonly page: string; readonly files: number; readonly gzipBytes: number }[];
  readonly chunks: { readonly file: string; readonly bytes: number; readonly gzipBytes: number }[];
  readonly serviceWorker: ServiceWorkerReport;
}

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function staticClosure(meta: Metafile, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of meta.outputs[file]?.imports ?? []) if (imp.kind === 'import-statement') visit(imp.path);
  };
  visit(entry);
  return [...seen];
}

/**
 * Per page the router loads on demand (keyed as `agency/reportPage`), every chunk of its static closure that the
 * first visit has not already loaded. The router asks for them all at once (`web/src/pageModules.ts`): otherwise
 * the browser finds a page's chunks one import level at a time, a round trip per level, and only after the page's
 * own chunk has arrived.
 */
function pageModuleMap(
  meta: Metafile,
  pages: readonly { path: string }[],
  initial: readonly string[],
  url: (file: string) => string,
): Record<string, string[]> {
  const loaded = new Set(initial);
  return Object.fromEntries(
    pages.flatMap((imp) => {
      const source = meta.outputs[imp.path]?.entryPoint ?? '';
      if (!source.startsWith(PAGE_SOURCES)) return [];
      const key = source.slice(PAGE_SOURCES.length).replace(/\.ts$/, '');
      return [
        [
          key,
          staticClosure(meta, imp.path)
            .filter((f) => !loaded.has(f))
            .map(url),
        ],
      ];
    }),
  );
}

/** Besides the modules esbuild read: the page template, the copied static files, the build itself and the lockfile. */
function buildInputs(...metas: Metafile[]): string[] {
  const repo = (file: string) => relative(resolve(WEB, '..'), file).split('\\').join('/');
  return [
    ...new Set(metas.flatMap((meta) => Object.keys(meta.inputs).filter((f) => !f.includes('node_modules/')))),
    repo(join(WEB, 'index.html')),
    repo(join(WEB, 'build.ts')),
    repo(join(WEB, 'buildServiceWorker.ts')),
    ...readdirSync(join(WEB, 'static')).map((f) => repo(join(WEB, 'static', f))),
    'package-lock.json',
  ].sort();
}

/**
 * The PDF viewer's page (PDF_VIEWER_PATH): pdf.js in one classic script, for a frame sandboxed to scripts
 * only, whose opaque origin may load a classic script from the site but not a module. Auditors' pages load it
 * on demand; it is never precached (it is about a megabyte and no page needs it offline).
 */
async function buildPdfViewer(outDir: string): Promise<Metafile> {
  const result = await build({
    absWorkingDir: resolve(WEB, '..'),
    entryPoints: { 'pdf-view': join(WEB, 'src/preview/pdfView.ts') },
    bundle: true,
    format: 'iife',
    // pdf.js 5 is written for current browsers; auditors' offices have them.
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    entryNames: '[name]-[hash]',
    outdir: join(outDir, 'assets'),
    metafile: true,
    logLevel: 'error',
  });
  const script = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'));
  if (!script) throw new Error('build: the PDF viewer script is missing');
  const src = `/assets/${basename(script)}`;
  writeFileSync(
    join(outDir, PDF_VIEWER_PATH.slice(1)),
    `<!doctype html>\n<html lang="vi">\n  <head>\n    <meta charset="utf-8" />\n    <title>PDF</title>\n` +
      `    <script src="${src}" defer></script>\n  </head>\n  <body></body>\n</html>\n`,
  );
  return result.metafile;
}

export async function buildWeb(opts: { outDir?: string; log?: boolean } = {}): Promise<BundleReport> {
  const outDir = opts.outDir ?? OUT;
  const builtAt = new Date();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    absWorkingDir: resolve(WEB, '..'),
    entryPoints: { app: join(WEB, 'src/main.ts'), styles: join(WEB, 'src/styles.css') },
    bundle: true,
    splitting: true,
    format: 'esm',
    // ES2020 runs on every browser of the last five years, which is what commune offices have.
    target: 'es2020',
    minify: true,
    sourcemap: 'linked',
    legalComments: 'none',
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outdir: join(outDir, 'assets'),
    metafile: true,
    logLevel: 'warning',
  });
  const meta = result.metafile;
  const viewer = await buildPdfViewer(outDir);
  const outputs = Object.keys(meta.outputs).filter((f) => !f.endsWith('.map'));
  const entry = outputs.find((f) => meta.outputs[f]?.entryPoint?.endsWith('src/main.ts'));
  const css = outputs.find((f) => f.endsWith('.css'));
  if (!entry || !css) throw new Error('build: entry or stylesheet missing from the output');
  const url = (file: string) =>
    `/${relative(outDir, resolve(WEB, '..', file))
      .split('\\')
      .join('/')}`;
  const abs = (file: string) => resolve(WEB, '..', file);

  const initial = staticClosure(meta, entry);
  const pages = (meta.outputs[entry]?.imports ?? []).filter((imp) => imp.kind === 'dynamic-import');
  const pageModules = pageModuleMap(meta, pages, initial, url);

  let html = readFileSync(join(WEB, 'index.html'), 'utf8');
  html = html
    .replace('%STYLES%', url(css))
    .replace('%APP%', url(entry))
    .replace(
      '%PRELOADS%',
      staticClosure(meta, entry)
        .filter((f) => f !== entry)
        .map((f) => `<link rel="modulepreload" href="${url(f)}">`)
        .join('\n    '),
    )
    .replace('%PAGE_MODULES%', JSON.stringify(pageModules).replace(/</g, '\\u003c'));
  writeFileSync(join(outDir, 'index.html'), html);
  for (const file of readdirSync(join(WEB, 'static')))
    copyFileSync(join(WEB, 'static', file), join(outDir, file));

  const offlinePages = pages
    .map((imp) => imp.path)
    .filter((chunk) => OFFLINE_PAGES.includes(meta.outputs[chunk]?.entryPoint ?? ''));
  if (offlinePages.length !== OFFLINE_PAGES.length) throw new Error('build: an offline page is missing');
  const precached = new Set([
    css,
    ...initial,
    ...offlinePages.flatMap((chunk) => staticClosure(meta, chunk)),
  ]);
  const serviceWorker = await buildServiceWorker(outDir, [...precached].map(url));
  const report: BundleReport = {
    builtAt: builtAt.toISOString(),
    inputs: buildInputs(meta, viewer),
    initialJs: {
      files: initial.map(url),
      bytes: initial.reduce((s, f) => s + (meta.outputs[f]?.bytes ?? 0), 0),
      gzipBytes: initial.reduce((s, f) => s + gz(abs(f)), 0),
    },
    css: { file: url(css), bytes: meta.outputs[css]?.bytes ?? 0, gzipBytes: gz(abs(css)) },
    routes: pages.map((imp) => {
      const files = new Set([...initial, ...staticClosure(meta, imp.path)]);
      return {
        page: meta.outputs[imp.path]?.entryPoint ?? imp.path,
        files: files.size,
        gzipBytes: [...files].reduce((s, f) => s + gz(abs(f)), 0),
      };
    }),
    chunks: outputs
      .filter((f) => f.endsWith('.js'))
      .map((f) => ({ file: url(f), bytes: meta.outputs[f]?.bytes ?? 0, gzipBytes: gz(abs(f)) })),
    serviceWorker,
  };
  writeFileSync(join(outDir, 'bundle-report.json'), JSON.stringify(report, null, 2));
  if (opts.log !== false) {
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(
      `web/dist: initial JS ${kb(report.initialJs.gzipBytes)} gzipped (${kb(report.initialJs.bytes)} raw, ` +
        `${initial.length} file${initial.length === 1 ? '' : 's'}); CSS ${kb(report.css.gzipBytes)} gzipped; ` +
        `${report.chunks.length} JS chunks in all`,
    );
    for (const r of report.routes) console.log(`  first visit to ${r.page}: ${kb(r.gzipBytes)} gzipped`);
    console.log(
      `  service worker ${kb(serviceWorker.gzipBytes)} gzipped; it precaches ${serviceWorker.precache.files} files, ` +
        `${kb(serviceWorker.precache.bytes)} raw`,
    );
  }
  return report;
}

if (process.argv[1] && basename(process.argv[1]).startsWith('build')) {
  buildWeb().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

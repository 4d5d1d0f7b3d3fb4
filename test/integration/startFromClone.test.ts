import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IMMUTABLE_CACHE_CONTROL, REVALIDATE_CACHE_CONTROL } from '#shared/contract/site';
import { freePort } from '../../local/ports.ts';
import { buildWeb, type BundleReport } from '../../web/build.ts';
import { staleWebBuild } from '../../web/freshness.ts';

/*
 * The README's two commands, as a new user runs them: a clean clone (committed files only, no web/dist), the
 * installed packages (linked from this checkout rather than installed again: `npm ci` is the lockfile's
 * business, not this test's), then `npm start`, which must build the form and serve it on `/`.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const clone = mkdtempSync(join(tmpdir(), 'bao-cao-clone-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.pid) child.kill('SIGKILL');
  rmSync(clone, { recursive: true, force: true });
});

const exited = (child: ChildProcess) =>
  child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

async function npmStart(): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--in-memory'], {
    cwd: clone,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(await freePort()),
      S3_PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 150_000;
  while (!output.includes('is running on')) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    if (Date.now() > deadline) throw new Error(`not running within 150 s: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

/** A GET with no automatic decoding, to see the bytes and headers as they travel. */
function get(url: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | undefined>; body: Buffer }>(
    (resolveGet, reject) => {
      request(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolveGet({
            status: res.statusCode ?? 0,
            headers: res.headers as Record<string, string | undefined>,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
        .on('error', reject)
        .end();
    },
  );
}

describe('npm ci && npm start, from a clean clone', () => {
  it('builds the form when it is missing, serves it on /, and rebuilds it when a source is newer', async () => {
    execFileSync('git', ['clone', '--quiet', ROOT, clone]);
    symlinkSync(join(ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

    const first = await npmStart();
    expect(first.output()).toContain('Building the web form (no build yet)');
    const page = await get(`${first.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['cache-control']).toBe(REVALIDATE_CACHE_CONTROL);
    const app = /<script type="module" src="(\/assets\/app-[\w-]+\.js)"><\/script>/.exec(
      page.body.toString(),
    );
    expect(app, page.body.toString()).not.toBeNull();
    expect(page.headers.etag).toBeTruthy();
    expect((await get(`${first.url}/`, { 'if-none-match': page.headers.etag! })).status).toBe(304);

    const script = await get(`${first.url}${app![1]}`, { 'accept-encoding': 'br, gzip' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/javascript/);
    expect(script.headers['content-encoding']).toBe('br');
    expect(script.headers['cache-control']).toBe(IMMUTABLE_CACHE_CONTROL);
    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(first.child.exitCode).toBe(0);

    const builtFirst = (
      JSON.parse(readFileSync(join(clone, 'web/dist/bundle-report.json'), 'utf8')) as BundleReport
    ).builtAt;
    const now = new Date();
    utimesSync(join(clone, 'web/src/format.ts'), now, now);
    const second = await npmStart();
    expect(second.output()).toContain('Building the web form (web/src/format.ts changed)');
    const builtSecond = (
      JSON.parse(readFileSync(join(clone, 'web/dist/bundle-report.json'), 'utf8')) as BundleReport
    ).builtAt;
    expect(Date.parse(builtSecond)).toBeGreaterThan(Date.parse(builtFirst));
    expect((await get(`${second.url}/`)).status).toBe(200);
    second.child.kill('SIGTERM');
    await exited(second.child);
  }, 360_000);
});

describe('whether a build is current', () => {
  it('is current right after a build, stale when a source it read is newer, and missing without index.html', async () => {
    const out = mkdtempSync(join(tmpdir(), 'bao-cao-web-'));
    try {
      await buildWeb({ outDir: out, log: false });
      expect(staleWebBuild(out)).toBeUndefined();
      const reportFile = join(out, 'bundle-report.json');
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as BundleReport;
      expect(report.inputs).toEqual(
        expect.arrayContaining(['web/src/main.ts', 'web/index.html', 'web/build.ts', 'package-lock.json']),
      );
      expect(report.inputs.some((f) => f.startsWith('shared/catalog/'))).toBe(true);
      writeFileSync(reportFile, JSON.stringify({ ...report, builtAt: new Date(0).toISOString() }));
      expect(staleWebBuild(out)).toMatch(/ changed$/);
      unlinkSync(join(out, 'index.html'));
      expect(staleWebBuild(out)).toBe('no build yet');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000);
});

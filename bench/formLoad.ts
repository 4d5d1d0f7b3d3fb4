import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { freePort } from '../local/ports.ts';
import { REPO_ROOT } from './lambdaBundle.ts';
import { log, round } from './lib/stats.ts';
import { chromiumLaunch } from './lib/chromium.ts';

/*
 * The agency's form on a commune office's link: Chromium with network emulation (400 kbps each way, 400 ms per
 * round trip), `npm start` serving the built site and the API, and the time from navigation until the form's
 * first field can be typed in. A first visit (empty HTTP cache, no service worker, already signed in) is compared
 * with the physical limit of the link; a repeat visit (the service worker installed) reports what still crosses
 * the link.
 */
export const FORM_RATIO_GOAL = 1.5;
const KBPS = 400;
const RTT_MS = 400;
const CONDITIONS = {
  offline: false,
  latency: RTT_MS,
  downloadThroughput: (KBPS * 1000) / 8,
  uploadThroughput: (KBPS * 1000) / 8,
};
const UNIT = 'so-noi-vu';

export interface Transfer {
  readonly url: string;
  readonly status: number;
  readonly bytes: number;
  readonly startMs: number;
  readonly endMs: number;
  /** Answered by the service worker's own fetch rather than the page's. */
  readonly byWorker: boolean;
}

export interface VisitResult {
  readonly typeableMs: number;
  readonly bytes: number;
  readonly requests: number;
  /** The longest run of requests each starting after the previous one ended: the round trips waited for. */
  readonly chain: readonly string[];
  readonly transfers: readonly Transfer[];
}

export interface FormLoadResult {
  readonly link: { readonly kbps: number; readonly rttMs: number };
  readonly year: number;
  readonly first: VisitResult & {
    readonly limitMs: number;
    readonly ratio: number;
    /** The same limit with the chain a single-page app cannot go below: document, its files, the data. */
    readonly limitMinimalChainMs: number;
    /** Time until typeable ÷ that stricter limit: the figure the goal is judged on. */
    readonly ratioMinimalChain: number;
  };
  readonly repeat: VisitResult & {
    /** Requests that crossed the link with a body, rather than as a 304 or from a cache. */
    readonly transfersBeyondRevalidation: readonly string[];
  };
}

function longestChain(transfers: readonly Transfer[]): string[] {
  const sorted = [...transfers].sort((a, b) => a.startMs - b.startMs);
  const best: { length: number; prev: number }[] = sorted.map(() => ({ length: 1, prev: -1 }));
  for (let i = 0; i < sorted.length; i++)
    for (let j = 0; j < i; j++)
      if (sorted[j]!.endMs <= sorted[i]!.startMs && best[j]!.length + 1 > best[i]!.length)
        best[i] = { length: best[j]!.length + 1, prev: j };
  let at = best.reduce((m, b, i) => (b.length > (best[m]?.length ?? 0) ? i : m), 0);
  const chain: string[] = [];
  while (at >= 0 && sorted[at]) {
    chain.unshift(sorted[at]!.url);
    at = best[at]!.prev;
  }
  return chain;
}

/** Network events of one CDP target, as transfers; `timeBase` is the CDP clock at the visit's start. */
class TransferLog {
  private readonly open = new Map<string, { url: string; start: number; status: number }>();
  readonly done: Transfer[] = [];
  timeBase = 0;

  constructor(private readonly byWorker: boolean) {}

  on(method: string, params: Record<string, unknown>): void {
    const id = params.requestId as string;
    if (method === 'Network.requestWillBeSent') {
      const request = params.request as { url: string };
      this.open.set(id, { url: request.url, start: params.timestamp as number, status: 0 });
    } else if (method === 'Network.responseReceived') {
      const r = this.open.get(id);
      const response = params.response as { status: number; fromServiceWorker?: boolean };
      // The page's requests that the worker answered are the worker's business; its own fetches are counted there.
      if (r && response.fromServiceWorker) this.open.delete(id);
      else if (r) r.status = response.status;
    } else if (method === 'Network.loadingFinished') {
      const r = this.open.get(id);
      if (!r) return;
      this.open.delete(id);
      const path = new URL(r.url).pathname;
      this.done.push({
        url: path,
        status: r.status,
        bytes: params.encodedDataLength as number,
        startMs: round((r.start - this.timeBase) * 1000, 0),
        endMs: round(((params.timestamp as number) - this.timeBase) * 1000, 0),
        byWorker: this.byWorker,
      });
    }
  }

  clear(timeBase: number): void {
    this.open.clear();
    this.done.length = 0;
    this.timeBase = timeBase;
  }
}

async function startServer(): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--in-memory'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(await freePort()),
      S3_PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const deadline = Date.now() + 180_000;
  while (!output.includes('is running on')) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`npm start not ready in 180 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { child, url: `http://127.0.0.1:${port}` };
}

/**
 * The first field of the form can take input: rendered, enabled, not inside a disabled fieldset. Plain text,
 * because a function handed to the page would carry tsx's helpers with it.
 */
const TYPEABLE_PROBE = `(() => {
  const check = () => {
    const input = document.querySelector('form.report-form input:not([type=hidden])');
    if (input && !input.disabled && !input.closest('fieldset[disabled]') && window.__typeableAt === undefined) {
      window.__typeableAt = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  document.addEventListener('DOMContentLoaded', () => {
    observer.observe(document.body, { childList: true, subtree: true, attributes: true });
    check();
  });
})();`;

/** One visit: `url` is navigated to, or the page reloaded (a repeat visit, with the worker kept running). */
async function visit(
  page: Page,
  cdp: CDPSession,
  logs: TransferLog[],
  url: string | 'reload',
): Promise<VisitResult> {
  // Times are on CDP's monotonic clock, the same for every target; the navigation's own request opens the visit.
  let base = 0;
  const opened = new Promise<void>((resolve) => {
    const handler = (p: { timestamp: number; type?: string }) => {
      if (p.type === 'Document') {
        base = p.timestamp;
        cdp.off('Network.requestWillBeSent', handler);
        resolve();
      }
    };
    cdp.on('Network.requestWillBeSent', handler);
  });
  for (const l of logs) l.clear(0);
  if (url === 'reload') await page.reload({ waitUntil: 'commit' });
  else await page.goto(url, { waitUntil: 'commit' });
  await opened;
  await page
    .waitForFunction(
      () => (window as unknown as { __typeableAt?: number }).__typeableAt !== undefined,
      null,
      {
        timeout: Number(process.env.FORM_TIMEOUT_MS ?? 120_000),
        polling: 100,
      },
    )
    .catch(async (error: unknown) => {
      const seen = await page
        .evaluate(() => document.querySelector('main')?.innerHTML.slice(0, 400))
        .catch(() => '?');
      throw new Error(`the form never became typeable at ${page.url()}; the page shows: ${seen}`, {
        cause: error,
      });
    });
  const typeableMs = round(
    await page.evaluate(() => (window as unknown as { __typeableAt: number }).__typeableAt),
    0,
  );
  // Let what is in flight land before counting, so every transfer has its size.
  await page.waitForTimeout(500);
  const transfers = logs
    .flatMap((l) =>
      l.done.map((t) => ({
        ...t,
        startMs: round(t.startMs - (base - l.timeBase) * 1000, 0),
        endMs: round(t.endMs - (base - l.timeBase) * 1000, 0),
      })),
    )
    .filter((t) => t.endMs <= typeableMs);
  return {
    typeableMs,
    bytes: transfers.reduce((s, t) => s + t.bytes, 0),
    requests: transfers.length,
    chain: longestChain(transfers),
    transfers,
  };
}

export async function formLoadBench(opts: { year: number }): Promise<FormLoadResult> {
  const server = await startServer();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      ...chromiumLaunch,
    });
    const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    if (process.env.FORM_DEBUG) page.on('console', (m) => log(`page ${m.type()}: ${m.text()}`));
    if (process.env.FORM_DEBUG) page.on('pageerror', (e) => log(`page error: ${e.message}`));
    await page.addInitScript({ content: TYPEABLE_PROBE });
    const form = `${server.url}/#/report/${opts.year}`;

    // Signed in at full speed, then everything the site left in the browser is wiped but the session.
    await page.goto(`${server.url}/#/signin`);
    await page.click(`[data-sub="agency-${UNIT}"]`);
    await page.waitForSelector('form.report-form');
    await page.evaluate(async () => {
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
      for (const name of await caches.keys()) await caches.delete(name);
    });
    await page.goto('about:blank');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.clearBrowserCache');
    await cdp.send('Network.emulateNetworkConditions', CONDITIONS);
    const pageLog = new TransferLog(false);
    for (const event of ['Network.requestWillBeSent', 'Network.responseReceived', 'Network.loadingFinished'])
      cdp.on(event as 'Network.requestWillBeSent', (p) =>
        pageLog.on(event, p as unknown as Record<string, unknown>),
      );

    log(`form: first visit to ${form} at ${KBPS} kbps, ${RTT_MS} ms`);
    const firstVisit = await visit(page, cdp, [pageLog], form);

    // The worker installs after the first page is drawn; a repeat visit comes once it has.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 120_000 });
    await page.waitForTimeout(2000);

    // The worker's own fetches go over the same emulated link: CDP conditions are per target.
    const browserCdp = await browser.newBrowserCDPSession();
    const { targetInfos } = (await browserCdp.send('Target.getTargets')) as {
      targetInfos: { targetId: string; type: string; url: string }[];
    };
    // The worker unregistered after sign-in may linger as a target beside the new one: every one is set.
    const workers = targetInfos.filter((t) => t.type === 'service_worker' && t.url.startsWith(server.url));
    if (!workers.length) throw new Error('no service worker after the first visit');
    const workerLog = new TransferLog(true);
    const replies = new Map<string, () => void>();
    const sessions: string[] = [];
    browserCdp.on('Target.receivedMessageFromTarget', (e: { sessionId: string; message: string }) => {
      if (!sessions.includes(e.sessionId)) return;
      const msg = JSON.parse(e.message) as { id?: number; method?: string; params?: Record<string, unknown> };
      if (msg.id !== undefined) replies.get(`${e.sessionId}/${msg.id}`)?.();
      else if (msg.method && msg.params) workerLog.on(msg.method, msg.params);
    });
    let nextId = 1;
    const toWorker = (sessionId: string, method: string, params: object) =>
      new Promise<void>((resolve) => {
        const id = nextId++;
        replies.set(`${sessionId}/${id}`, resolve);
        void browserCdp.send('Target.sendMessageToTarget', {
          sessionId,
          message: JSON.stringify({ id, method, params }),
        });
      });
    for (const worker of workers) {
      const { sessionId } = (await browserCdp.send('Target.attachToTarget', {
        targetId: worker.targetId,
        flatten: false,
      })) as { sessionId: string };
      sessions.push(sessionId);
      await toWorker(sessionId, 'Network.enable', {});
      await toWorker(sessionId, 'Network.emulateNetworkConditions', CONDITIONS);
    }
    log(`form: ${workers.length} worker target(s) on the emulated link`);

    // A reload, not a trip through about:blank: leaving the site would let the worker stop, and the one that
    // starts again is a new target that this session has not set the link's conditions on.
    log('form: repeat visit');
    const repeatVisit = await visit(page, cdp, [pageLog, workerLog], 'reload');
    if (!workerLog.done.length)
      throw new Error('the worker fetched nothing on the repeat visit: not attached?');

    const bitsPerMs = KBPS;
    const limit = (chain: number) => round((firstVisit.bytes * 8) / bitsPerMs + chain * RTT_MS, 0);
    const limitMs = limit(firstVisit.chain.length);
    return {
      link: { kbps: KBPS, rttMs: RTT_MS },
      year: opts.year,
      first: {
        ...firstVisit,
        limitMs,
        ratio: round(firstVisit.typeableMs / limitMs, 3),
        limitMinimalChainMs: limit(3),
        ratioMinimalChain: round(firstVisit.typeableMs / limit(3), 3),
      },
      repeat: {
        ...repeatVisit,
        transfersBeyondRevalidation: repeatVisit.transfers
          .filter((t) => t.status !== 304 && t.bytes > 0)
          .map((t) => `${t.url} ${t.status} ${t.bytes} B`),
      },
    };
  } finally {
    await browser?.close();
    server.child.kill('SIGTERM');
    await new Promise<void>((r) =>
      server.child.exitCode !== null ? r() : server.child.once('exit', () => r()),
    );
  }
}

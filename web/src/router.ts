import { NetworkError } from './api.ts';
import { byId, focusElement } from './dom.ts';
import { preloadPage } from './pageModules.ts';
import { showError } from './pages/errors.ts';

export interface PageContext {
  readonly main: HTMLElement;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** True after a navigation within the site, when focus should move to the new page's heading. */
  readonly navigated: boolean;
}
export type Cleanup = () => void;
export type Page = (ctx: PageContext) => Promise<Cleanup | void>;

interface RouteDef {
  readonly pattern: RegExp;
  readonly keys: readonly string[];
  readonly load: () => Promise<Page>;
  /** The page's module as the build names it (`agency/reportPage`), when it is loaded on demand. */
  readonly module: string | undefined;
}

const table: RouteDef[] = [];

/**
 * `/review/:year/:unitId` → a route whose page is loaded on first use. `module` names the file `load` imports,
 * relative to `web/src` and without its extension, so that its chunks can be asked for ahead of the import.
 */
export function route(path: string, load: () => Promise<Page>, module?: string): void {
  const keys: string[] = [];
  const source = path.replace(/:(\w+)/g, (_, key: string) => {
    keys.push(key);
    return '([^/]+)';
  });
  table.push({ pattern: new RegExp(`^${source}$`), keys, load, module });
}

let cleanup: Cleanup | void;
let generation = 0;
let first = true;

function parseHash(): { path: string; query: URLSearchParams } {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path = '/', search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

function matchRoute(path: string): { r: RouteDef; m: RegExpExecArray } | undefined {
  return table
    .map((r) => ({ r, m: r.pattern.exec(path) }))
    .find((x): x is { r: RouteDef; m: RegExpExecArray } => x.m !== null);
}

/** Starts fetching the current address's page before anything else the first render waits for. */
export function preloadCurrentPage(): void {
  const page = matchRoute(parseHash().path)?.r.module;
  if (page) preloadPage(page);
}

export async function render(): Promise<void> {
  const root = byId('main');
  if (!root) return;
  const mine = ++generation;
  // Each render draws into a view of its own. A page still loading when the address changes finishes into its
  // detached view, so it can never overwrite the page that replaced it.
  const main = document.createElement('div');
  main.className = 'view';
  root.replaceChildren(main);
  const { path, query } = parseHash();
  if (cleanup) cleanup();
  cleanup = undefined;
  const navigated = !first;
  first = false;
  const match = matchRoute(path);
  if (match?.r.module) preloadPage(match.r.module);
  try {
    if (!match) {
      showError(main, { kind: '404' });
      return;
    }
    const params: Record<string, string> = {};
    match.r.keys.forEach((k, i) => (params[k] = decodeURIComponent(match.m[i + 1] ?? '')));
    // A page's module comes over the network too; failing to fetch it is a network failure like any other.
    const page = await match.r.load().catch((error: unknown) => {
      throw NetworkError.from(error);
    });
    if (mine !== generation) return;
    const done = await page({ main, params, query, navigated });
    if (mine !== generation) {
      if (done) done();
      return;
    }
    cleanup = done;
    if (navigated) focusElement(main.querySelector('h1'));
  } catch (error) {
    if (mine === generation) showError(main, { error, retry: () => void render() });
  }
}

export function navigate(hash: string): void {
  if (location.hash === hash) void render();
  else location.hash = hash;
}

/** Resolves when the first page is drawn. */
export function startRouter(): Promise<void> {
  window.addEventListener('hashchange', () => {
    // In-page anchors such as the skip link are not routes.
    if (location.hash === '' || location.hash.startsWith('#/')) void render();
  });
  return render();
}

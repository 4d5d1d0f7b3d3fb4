import { completeSignIn, initAuth, isSignedIn, whoAmI } from './auth.ts';
import { loadCatalog } from './catalog.ts';
import { byId, focusElement } from './dom.ts';
import { onLangChange } from './i18n.ts';
import { registerServiceWorker } from './offline/register.ts';
import { showError } from './pages/errors.ts';
import { homePage, signInPage } from './pages/signin.ts';
import { preloadCurrentPage, render, route, startRouter, type Page } from './router.ts';
import { renderHeader } from './shell.ts';
import { AGENCY_REPORT_ROUTE } from '#shared/contract/site';

/* Pages that need a session send visitors without one to sign in rather than to a 401 page. */
const signedIn = (load: () => Promise<Page>) => async (): Promise<Page> => {
  const page = await load();
  return async (ctx) => {
    if (!isSignedIn()) {
      location.hash = '#/signin';
      return;
    }
    return page(ctx);
  };
};

route('/', async () => homePage);
route('/signin', async () => signInPage);
route(
  AGENCY_REPORT_ROUTE,
  signedIn(async () => (await import('./agency/reportPage.ts')).reportPage),
  'agency/reportPage',
);
route(
  '/report/:year/receipt',
  signedIn(async () => (await import('./agency/receipt.ts')).receiptPage),
  'agency/receipt',
);
route(
  '/review/:year',
  signedIn(async () => (await import('./review/listPage.ts')).listPage),
  'review/listPage',
);
route(
  '/review/:year/:unitId',
  signedIn(async () => (await import('./review/reportPage.ts')).reviewReportPage),
  'review/reportPage',
);

route(
  '/admin/:year',
  signedIn(async () => (await import('./admin/consolePage.ts')).consolePage),
  'admin/consolePage',
);
route(
  '/admin/:year/units',
  signedIn(async () => (await import('./admin/unitsPage.ts')).unitsPage),
  'admin/unitsPage',
);

document.querySelector('[data-skip]')?.addEventListener('click', (event) => {
  event.preventDefault();
  focusElement(byId('main'));
});

onLangChange(() => {
  void renderHeader();
  void render();
});

/*
 * The agency's form is the page a slow link waits for most: its catalog and the caller's identity are asked
 * for while its code is still on its way, not after.
 */
function prefetchForm(): void {
  const year = /^#\/report\/(\d{4})(?:$|[/?])/.exec(location.hash)?.[1];
  if (!year || !isSignedIn()) return;
  void loadCatalog(Number(year)).catch(() => undefined);
  void whoAmI().catch(() => undefined);
}

async function boot() {
  preloadCurrentPage();
  try {
    await initAuth();
    const next = await completeSignIn();
    if (next) location.hash = next;
  } catch (error) {
    const main = byId('main');
    if (main) showError(main, { error });
    return;
  }
  prefetchForm();
  void renderHeader();
  await startRouter();
  registerServiceWorker();
}

void boot();

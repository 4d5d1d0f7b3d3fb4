import { completeSignIn, initAuth, isSignedIn } from './auth.ts';
import { byId, focusElement } from './dom.ts';
import { onLangChange } from './i18n.ts';
import { showError } from './pages/errors.ts';
import { homePage, signInPage } from './pages/signin.ts';
import { render, route, startRouter, type Page } from './router.ts';
import { renderHeader } from './shell.ts';

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
  '/report/:year',
  signedIn(async () => (await import('./agency/reportPage.ts')).reportPage),
);
route(
  '/report/:year/receipt',
  signedIn(async () => (await import('./agency/receipt.ts')).receiptPage),
);
route(
  '/review/:year',
  signedIn(async () => (await import('./review/listPage.ts')).listPage),
);
route(
  '/review/:year/:unitId',
  signedIn(async () => (await import('./review/reportPage.ts')).reviewReportPage),
);

document.querySelector('[data-skip]')?.addEventListener('click', (event) => {
  event.preventDefault();
  focusElement(byId('main'));
});

onLangChange(() => {
  void renderHeader();
  void render();
});

async function boot() {
  try {
    await initAuth();
    const next = await completeSignIn();
    if (next) location.hash = next;
  } catch (error) {
    const main = byId('main');
    if (main) showError(main, { error });
    return;
  }
  void renderHeader();
  startRouter();
}

void boot();

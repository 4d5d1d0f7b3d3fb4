import { devUsers, isSignedIn, signInLocal, startSignIn, whoAmI, type DevUser } from '../auth.ts';
import { config } from '../config.ts';
import { h, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { M } from '../messages.ts';
import { navigate, type Page } from '../router.ts';
import { renderHeader, setTitle } from '../shell.ts';
import { defaultYear } from '../catalog.ts';
import { showError } from './errors.ts';

/** Local only: the seeded users, each signed in at once with a token from POST /dev/token. */
async function quickChooser(main: HTMLElement): Promise<HTMLElement> {
  const users = await devUsers();
  const choose = async (user: DevUser) => {
    try {
      await signInLocal(user);
      await renderHeader();
      navigate('#/');
    } catch (error) {
      showError(main, { error, retry: () => navigate('#/signin') });
    }
  };
  const groups = (['agency', 'auditor', 'admin'] as const)
    .map((role) => ({ role, users: users.filter((u) => u.role === role) }))
    .filter((g) => g.users.length);
  return h(
    'section',
    { class: 'quick-signin', 'aria-labelledby': 'signin-quick' },
    h('h2', { id: 'signin-quick' }, L(M.signInQuickTitle)),
    h('p', { class: 'muted' }, L(M.signInLocalIntro)),
    groups.map((g) =>
      h(
        'section',
        { class: 'card', 'aria-labelledby': `signin-${g.role}` },
        h('h3', { id: `signin-${g.role}` }, L(M.role[g.role])),
        h(
          'ul',
          { class: 'chooser' },
          g.users.map((u) =>
            h(
              'li',
              null,
              h(
                'button',
                { type: 'button', class: 'chooser__item', 'data-sub': u.sub, onclick: () => void choose(u) },
                h('span', { class: 'chooser__name' }, u.name),
                h('span', { class: 'chooser__meta' }, u.unitId ?? u.sub),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * One button to the identity provider (Cognito's hosted UI deployed, the local OIDC provider under npm start);
 * locally, the quick chooser below it.
 */
export const signInPage: Page = async ({ main }) => {
  setTitle(M.signInTitle);
  const site = await config();
  const signInButton = h(
    'button',
    {
      type: 'button',
      class: 'button',
      'data-action': 'sign-in',
      onclick: () =>
        void startSignIn('#/').catch((error: unknown) =>
          showError(main, { error, retry: () => navigate('#/signin') }),
        ),
    },
    L(M.signInWithAccount),
  );
  replace(
    main,
    h('h1', null, L(M.signInTitle)),
    h('p', null, L(M.appTagline)),
    site ? signInButton : h('p', { role: 'alert' }, L(M.signInUnavailable)),
    site?.quickSignIn ? await quickChooser(main) : null,
  );
};

/** `#/`: where a signed-in user starts, by role. */
export const homePage: Page = async ({ main }) => {
  if (!isSignedIn()) {
    navigate('#/signin');
    return;
  }
  const [me, year] = await Promise.all([whoAmI(), defaultYear()]);
  if (!year) {
    setTitle(M.noCatalog);
    replace(main, h('h1', null, L(M.noCatalog)));
    return;
  }
  const home = { agency: `#/report/${year}`, auditor: `#/review/${year}`, admin: `#/admin/${year}` } as const;
  navigate(home[me.role]);
};

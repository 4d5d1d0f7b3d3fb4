import { devUsers, isSignedIn, signInLocal, startCognitoSignIn, whoAmI, type DevUser } from '../auth.ts';
import { config } from '../config.ts';
import { h, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { M } from '../messages.ts';
import { navigate, type Page } from '../router.ts';
import { renderHeader, setTitle } from '../shell.ts';
import { defaultYear } from '../catalog.ts';
import { showError } from './errors.ts';

/** Locally a chooser of the seeded identities; in AWS one button to Cognito's hosted UI. */
export const signInPage: Page = async ({ main }) => {
  setTitle(M.signInTitle);
  const deployed = await config();
  if (deployed) {
    replace(
      main,
      h('h1', null, L(M.signInTitle)),
      h('p', null, L(M.appTagline)),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onclick: () => void startCognitoSignIn(deployed, '#/'),
        },
        L(M.signInCognito),
      ),
    );
    return;
  }
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
  replace(
    main,
    h('h1', null, L(M.signInTitle)),
    h('p', null, L(M.appTagline)),
    h('p', { class: 'muted' }, L(M.signInLocalIntro)),
    groups.map((g) =>
      h(
        'section',
        { class: 'card', 'aria-labelledby': `signin-${g.role}` },
        h('h2', { id: `signin-${g.role}` }, L(M.role[g.role])),
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

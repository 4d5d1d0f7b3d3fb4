import type { Bilingual } from '#shared/contract/i18n';
import { isSignedIn, signOut, whoAmI } from './auth.ts';
import { byId, h, replace } from './dom.ts';
import { L, lang, setLang, type Lang } from './i18n.ts';
import { M } from './messages.ts';
import { forgetUnitData } from './offline/register.ts';

let pageTitle: Bilingual | undefined;

const signOutButton = () =>
  h(
    'button',
    {
      type: 'button',
      class: 'link-button',
      onclick: async () => {
        if (!(await forgetUnitData())) return;
        await signOut();
        await renderHeader();
      },
    },
    L(M.signOut),
  );

export function setTitle(title: Bilingual | undefined): void {
  pageTitle = title;
  document.title = title ? `${L(title)} — ${L(M.appName)}` : L(M.appName);
}

const LANGS: readonly [Lang, string][] = [
  ['vi', 'Tiếng Việt'],
  ['en', 'English'],
];

/** The header: language switch (always), and who is signed in with a way out. */
export async function renderHeader(): Promise<void> {
  const tools = byId('header-tools');
  if (!tools) return;
  const brand = document.querySelector<HTMLAnchorElement>('[data-brand]');
  if (brand) brand.textContent = L(M.appName);
  const skip = document.querySelector<HTMLAnchorElement>('[data-skip]');
  if (skip) skip.textContent = L(M.skip);
  setTitle(pageTitle);
  const switcher = h(
    'div',
    { class: 'lang-switch', role: 'group', 'aria-label': `${L(M.language)} / Language` },
    LANGS.map(([code, name]) =>
      h(
        'button',
        {
          type: 'button',
          lang: code,
          'aria-pressed': String(lang() === code),
          onclick: () => setLang(code),
        },
        name,
      ),
    ),
  );
  replace(tools, switcher);
  if (!isSignedIn()) return;
  try {
    const me = await whoAmI();
    const who = me.unit ? L(me.unit.name) : `${L(M.role[me.role])} (${me.sub})`;
    tools.append(h('span', { class: 'who' }, L(M.signedInAs(who))), signOutButton());
  } catch {
    // The page itself shows why /me failed; the header stays usable.
    tools.append(signOutButton());
  }
}

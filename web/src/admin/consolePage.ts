import { REMINDED_STATUSES } from '#shared/contract/reminders';
import { get } from '../api.ts';
import { catalogYears, loadCatalog } from '../catalog.ts';
import { h, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { showError } from '../pages/errors.ts';
import { navigate, type Page } from '../router.ts';
import { setTitle } from '../shell.ts';
import type { Unit } from '../types.ts';
import { auditSection } from './auditSection.ts';
import { A } from './messages.ts';
import { periodSection } from './periodSection.ts';
import { remindersSection } from './remindersSection.ts';
import { targetsSection } from './targetsSection.ts';
import { loadRollup, rollupSection } from './rollupSection.ts';

/** `#/admin/:year`: the admin's own page — the period, the rollup, completeness and the audit log. */
export const consolePage: Page = async ({ main, params }) => {
  const year = Number(params.year);
  const [years, catalog, targets, period, units, yearUnits, list, rollup] = await Promise.all([
    catalogYears(),
    loadCatalog(year),
    get('getTargets', { params: { year } }),
    get('getPeriod', { params: { year } }),
    get('listUnits'),
    // A lock exception is for a unit of the year's own hierarchy (a district retired in 2025 is not one).
    get('listUnits', { query: { year: String(year) } }),
    // Who has not submitted: the statuses a reminder goes to, the list's first 200.
    get('listReviewReports', {
      params: { year },
      query: { limit: '200', status: REMINDED_STATUSES.join(',') },
    }),
    loadRollup(year),
  ]);
  setTitle(A.title(year));
  if (!catalog) return showError(main, { kind: '404' });
  const toPage = (e: unknown) => showError(main, { error: e, retry: () => navigate(location.hash) });
  const yearSel = h(
    'select',
    {
      id: 'admin-year',
      onchange: (e: Event) => navigate(`#/admin/${(e.target as HTMLSelectElement).value}`),
    },
    [...years].reverse().map((y) => h('option', { value: String(y) }, String(y))),
  );
  yearSel.value = String(year);
  const allUnits: readonly Unit[] = units.units;
  const roll = rollupSection(year, rollup, toPage);
  replace(
    main,
    h('h1', null, L(A.title(year))),
    h(
      'div',
      { class: 'field field--compact' },
      h('label', { class: 'label', for: yearSel.id }, L(A.year)),
      yearSel,
    ),
    h(
      'nav',
      { class: 'admin-toc', 'aria-label': L(A.title(year)) },
      h(
        'ul',
        null,
        [
          ['admin-period', A.period],
          ['admin-targets', A.targets],
          ['admin-rollup', A.rollup],
          ['admin-completeness', A.completeness],
          ['admin-audit', A.audit],
        ].map(([id, label]) =>
          h('li', null, h('a', { href: `#/admin/${year}`, 'data-jump': id as string }, L(label as never))),
        ),
        h('li', null, h('a', { href: `#/admin/${year}/units`, 'data-action': 'open-units' }, L(A.units))),
      ),
    ),
    periodSection(year, period, yearUnits.units, toPage),
    targetsSection(year, targets, catalog, yearUnits.levels, toPage),
    roll.el,
    remindersSection(year, list, allUnits, toPage),
    auditSection(year, allUnits, toPage),
  );
  main.querySelectorAll<HTMLAnchorElement>('[data-jump]').forEach((a) =>
    a.addEventListener('click', (e) => {
      e.preventDefault();
      document.getElementById(a.dataset.jump ?? '')?.scrollIntoView();
    }),
  );
  return roll.stop;
};

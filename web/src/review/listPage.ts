import { DISPLAY_STATUSES } from '#shared/contract/statuses';
import { get } from '../api.ts';
import { loadCatalog } from '../catalog.ts';
import { h, replace } from '../dom.ts';
import { L, fmtDateTime, fmtDeadline, fmtNumber } from '../i18n.ts';
import { M } from '../messages.ts';
import { showError } from '../pages/errors.ts';
import { navigate, type Page } from '../router.ts';
import { setTitle } from '../shell.ts';
import type { DisplayStatus, ReviewList, ReviewListItem, Unit } from '../types.ts';
import { R } from './messages.ts';

const STATUSES: readonly DisplayStatus[] = DISPLAY_STATUSES;

function select(id: string, label: string, options: [string, string][], value: string) {
  const el = h(
    'select',
    { id, name: id },
    options.map(([v, text]) => h('option', { value: v }, text)),
  );
  el.value = value;
  return {
    el,
    row: h('div', { class: 'field field--compact' }, h('label', { class: 'label', for: id }, label), el),
  };
}

function deadlineText(iso: string) {
  const d = fmtDeadline(iso);
  return R.deadline(d.date, d.midnight);
}

function countsBlock(list: ReviewList): HTMLElement {
  const c = list.counts;
  const done = c.submitted + c.late + c.accepted;
  const pct = c.expected ? `${fmtNumber((done / c.expected) * 100, 0)}%` : '—';
  const stat = (label: string, n: number, key: string) =>
    h('div', { class: 'stat', 'data-count': key }, h('dt', null, label), h('dd', null, fmtNumber(n)));
  return h(
    'section',
    { class: 'counts', 'aria-labelledby': 'counts-h' },
    h('h2', { id: 'counts-h' }, L(R.counts)),
    h(
      'p',
      { class: 'counts__headline' },
      L(R.completeness(done, c.expected, pct)),
      ' · ',
      L(deadlineText(list.deadline)),
    ),
    h(
      'dl',
      { class: 'stats' },
      stat(L(R.expected), c.expected, 'expected'),
      STATUSES.map((s) => stat(L(M.status[s]), c[s], s)),
      stat(L(R.overdue), c.overdue, 'overdue'),
    ),
  );
}

function rows(
  year: number,
  items: readonly ReviewListItem[],
  units: ReadonlyMap<string, Unit>,
  levels: ReadonlyMap<string, string>,
) {
  return items.map((item) =>
    h(
      'tr',
      { 'data-unit': item.unitId },
      h('td', { 'data-label': L(R.code) }, item.code),
      h(
        'th',
        { scope: 'row', 'data-label': L(R.unit) },
        h('a', { href: `#/review/${year}/${encodeURIComponent(item.unitId)}` }, L(item.name)),
      ),
      h('td', { 'data-label': L(R.level) }, levels.get(item.level) ?? item.level),
      h(
        'td',
        { 'data-label': L(R.parent) },
        item.parentId ? L(units.get(item.parentId)?.name) || item.parentId : '—',
      ),
      h(
        'td',
        { 'data-label': L(R.status) },
        h(
          'span',
          { class: `badge badge--${item.status}`, 'data-status': item.status },
          L(M.status[item.status]),
        ),
        item.overdue ? h('span', { class: 'badge badge--warn' }, L(R.overdueTag)) : null,
      ),
      h('td', { 'data-label': L(R.version) }, item.version ? fmtNumber(item.version) : '—'),
      h('td', { 'data-label': L(R.submittedAt) }, item.submittedAt ? fmtDateTime(item.submittedAt) : '—'),
    ),
  );
}

/** Every unit expected to report in a year, filterable by level, parent and status, with completeness counts. */
export const listPage: Page = async ({ main, params, query }) => {
  const year = Number(params.year);
  const filters = {
    status: query.get('status') ?? '',
    level: query.get('level') ?? '',
    parent: query.get('parent') ?? '',
  };
  const qs = new URLSearchParams({ limit: '50' });
  for (const [k, v] of Object.entries(filters)) if (v) qs.set(k, v);
  const [unitsBody, list, years] = await Promise.all([
    get<{ levels: { id: string; name: { vi: string; en: string } }[]; units: Unit[] }>('/units'),
    get<ReviewList>(`/review/${year}/reports?${qs}`),
    Promise.all(
      [0, 1, 2, 3].map(async (d) =>
        (await loadCatalog(new Date().getFullYear() - d)) ? new Date().getFullYear() - d : 0,
      ),
    ),
  ]);
  setTitle(R.listTitle(year));
  const units = new Map(unitsBody.units.map((u) => [u.id, u]));
  const levels = new Map(unitsBody.levels.map((l) => [l.id, L(l.name)]));
  const parents = [
    ...new Set(unitsBody.units.filter((u) => u.reports && u.parentId).map((u) => u.parentId as string)),
  ]
    .map((id) => units.get(id))
    .filter((u): u is Unit => Boolean(u));

  const yearSel = select(
    'flt-year',
    L(R.year),
    years.filter(Boolean).map((y) => [String(y), String(y)]),
    String(year),
  );
  const levelSel = select(
    'flt-level',
    L(R.level),
    [['', L(R.all)], ...unitsBody.levels.map((l): [string, string] => [l.id, L(l.name)])],
    filters.level,
  );
  const parentSel = select(
    'flt-parent',
    L(R.parent),
    [['', L(R.all)], ...parents.map((u): [string, string] => [u.id, L(u.name)])],
    filters.parent,
  );
  const statusSel = select(
    'flt-status',
    L(R.status),
    [['', L(R.all)], ...STATUSES.map((s): [string, string] => [s, L(M.status[s])])],
    filters.status,
  );
  const form = h(
    'form',
    { class: 'filters', 'aria-labelledby': 'filters-h' },
    h('h2', { id: 'filters-h', class: 'visually-hidden' }, L(R.filters)),
    yearSel.row,
    levelSel.row,
    parentSel.row,
    statusSel.row,
    h(
      'div',
      { class: 'filters__actions' },
      h('button', { type: 'submit', class: 'button' }, L(R.apply)),
      h('a', { href: `#/review/${year}`, class: 'button button--secondary' }, L(R.clear)),
    ),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    if (levelSel.el.value) next.set('level', levelSel.el.value);
    if (parentSel.el.value) next.set('parent', parentSel.el.value);
    if (statusSel.el.value) next.set('status', statusSel.el.value);
    const q = next.toString();
    navigate(`#/review/${yearSel.el.value}${q ? `?${q}` : ''}`);
  });

  const tbody = h('tbody', null, rows(year, list.items, units, levels));
  let cursor = list.nextCursor;
  const more = h('button', { type: 'button', class: 'button button--secondary', hidden: !cursor }, L(R.more));
  more.addEventListener('click', async () => {
    if (!cursor) return;
    qs.set('cursor', cursor);
    try {
      const page = await get<ReviewList>(`/review/${year}/reports?${qs}`);
      const added = rows(year, page.items, units, levels);
      tbody.append(...added);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      added[0]?.querySelector('a')?.focus();
    } catch (error) {
      showError(main, { error, retry: () => navigate(location.hash) });
    }
  });

  replace(
    main,
    h('h1', null, L(R.listTitle(year))),
    form,
    countsBlock(list),
    h(
      'section',
      { 'aria-labelledby': 'units-h' },
      h('h2', { id: 'units-h' }, L(R.units)),
      list.items.length
        ? h(
            'table',
            { class: 'table table--stack units-table' },
            h('caption', { class: 'visually-hidden' }, L(R.units)),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [R.code, R.unit, R.level, R.parent, R.status, R.version, R.submittedAt].map((c) =>
                  h('th', { scope: 'col' }, L(c)),
                ),
              ),
            ),
            tbody,
          )
        : h('p', null, L(R.none)),
      more,
    ),
  );
};

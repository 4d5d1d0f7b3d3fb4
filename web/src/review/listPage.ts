import { DISPLAY_STATUSES } from '#shared/contract/statuses';
import {
  DEFAULT_REVIEW_SORT,
  REVIEW_NAME_QUERY_MAX,
  parseSortParam,
  sortParam,
  type ReviewSort,
  type ReviewSortKey,
} from '#shared/contract/reviewList';
import type { Bilingual } from '#shared/contract/i18n';
import { get } from '../api.ts';
import { catalogYears } from '../catalog.ts';
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

const deadlineText = (iso: string) => M.deadline(fmtDeadline(iso));

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

/** The list's query: the filters and the order, read from and written to the page's address. */
const FILTER_KEYS = ['level', 'parent', 'status', 'name', 'submittedFrom', 'submittedTo'] as const;

const listHref = (year: string | number, q: URLSearchParams) => {
  const text = q.toString();
  return `#/review/${year}${text ? `?${text}` : ''}`;
};

/** A column header that sorts by its column, saying which way it is sorted now (aria-sort). */
function sortHeader(
  label: Bilingual,
  key: ReviewSortKey | undefined,
  current: ReviewSort,
  hrefFor: (sort: ReviewSort) => string,
): HTMLElement {
  if (!key) return h('th', { scope: 'col' }, L(label));
  const active = current.key === key;
  const next: ReviewSort = { key, descending: active ? !current.descending : false };
  const arrow = active ? (current.descending ? ' ▼' : ' ▲') : '';
  return h(
    'th',
    {
      scope: 'col',
      'aria-sort': active ? (current.descending ? 'descending' : 'ascending') : 'none',
      'data-sort-key': key,
    },
    h(
      'a',
      {
        href: hrefFor(next),
        class: 'sort-link',
        'aria-label': L(R.sortBy(L(label), next.descending)),
      },
      L(label),
      h('span', { 'aria-hidden': 'true' }, arrow),
    ),
  );
}

/**
 * Every unit expected to report in a year, sortable by each column and filterable by name, level, parent,
 * status and submission day, with completeness counts. The server sorts and filters; the address keeps both.
 */
export const listPage: Page = async ({ main, params, query }) => {
  const year = Number(params.year);
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query.get(k) ?? ''])) as Record<
    (typeof FILTER_KEYS)[number],
    string
  >;
  const sort = parseSortParam(query.get('sort')) ?? DEFAULT_REVIEW_SORT;
  const search: Record<string, string> = { limit: '50' };
  for (const [k, v] of Object.entries(filters)) if (v) search[k] = v;
  if (query.get('sort')) search.sort = sortParam(sort);
  const [unitsBody, list, years] = await Promise.all([
    get('listUnits', { query: { year: String(year) } }),
    get('listReviewReports', { params: { year }, query: search }),
    catalogYears(),
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
    [...years].reverse().map((y) => [String(y), String(y)]),
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
  const input = (id: string, label: Bilingual, attrs: Record<string, string | number>) => {
    const el = h('input', { id, name: id, ...attrs }) as HTMLInputElement;
    return {
      el,
      row: h('div', { class: 'field field--compact' }, h('label', { class: 'label', for: id }, L(label)), el),
    };
  };
  const nameIn = input('flt-name', R.nameSearch, {
    type: 'search',
    maxlength: REVIEW_NAME_QUERY_MAX,
    value: filters.name,
  });
  const fromIn = input('flt-from', R.submittedFrom, { type: 'date', value: filters.submittedFrom });
  const toIn = input('flt-to', R.submittedTo, { type: 'date', value: filters.submittedTo });
  const form = h(
    'form',
    { class: 'filters', 'aria-labelledby': 'filters-h' },
    h('h2', { id: 'filters-h', class: 'visually-hidden' }, L(R.filters)),
    yearSel.row,
    nameIn.row,
    levelSel.row,
    parentSel.row,
    statusSel.row,
    fromIn.row,
    toIn.row,
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
    const chosen: Record<(typeof FILTER_KEYS)[number], string> = {
      level: levelSel.el.value,
      parent: parentSel.el.value,
      status: statusSel.el.value,
      name: nameIn.el.value.trim(),
      submittedFrom: fromIn.el.value,
      submittedTo: toIn.el.value,
    };
    for (const k of FILTER_KEYS) if (chosen[k]) next.set(k, chosen[k]);
    if (query.get('sort')) next.set('sort', sortParam(sort));
    navigate(listHref(yearSel.el.value, next));
  });
  // A header keeps the filters and changes the order.
  const hrefFor = (s: ReviewSort) => {
    const q = new URLSearchParams();
    for (const k of FILTER_KEYS) if (filters[k]) q.set(k, filters[k]);
    q.set('sort', sortParam(s));
    return listHref(year, q);
  };
  const columns: [Bilingual, ReviewSortKey | undefined][] = [
    [R.code, 'code'],
    [R.unit, 'name'],
    [R.level, 'level'],
    [R.parent, 'parent'],
    [R.status, 'status'],
    [R.version, undefined],
    [R.submittedAt, 'submittedAt'],
  ];

  const tbody = h('tbody', null, rows(year, list.items, units, levels));
  let cursor = list.nextCursor;
  const more = h('button', { type: 'button', class: 'button button--secondary', hidden: !cursor }, L(R.more));
  more.addEventListener('click', async () => {
    if (!cursor) return;
    search.cursor = cursor;
    try {
      const page = await get('listReviewReports', { params: { year }, query: search });
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
                columns.map(([label, key]) => sortHeader(label, key, sort, hrefFor)),
              ),
            ),
            tbody,
          )
        : h('p', null, L(R.none)),
      more,
    ),
  );
};

import { get } from '../api.ts';
import { h } from '../dom.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import { person } from '../people.ts';
import type { AuditLog, Unit } from '../types.ts';
import { A } from './messages.ts';

const PAGE = 20;

/** The year's audit log, newest first: filtered by unit (on the server) and action, in pages, with the chain's state. */
export function auditSection(
  year: number,
  units: readonly Unit[],
  onSessionEnded: (e: unknown) => void,
): HTMLElement {
  const nameOf = (id: string) => L(units.find((u) => u.id === id)?.name) || id;
  const unitSel = h(
    'select',
    { id: 'audit-unit' },
    h('option', { value: '' }, L(A.allUnits)),
    units.filter((u) => u.reports).map((u) => h('option', { value: u.id }, L(u.name))),
  );
  const actionSel = h('select', { id: 'audit-action' }, h('option', { value: '' }, L(A.allActions)));
  const out = h('div', { 'aria-live': 'polite' });
  const failure = inlineFailure(onSessionEnded);
  let log: AuditLog | undefined;
  let page = 0;

  const draw = () => {
    if (!log) return;
    const entries = [...log.entries]
      .filter((e) => !actionSel.value || e.action === actionSel.value)
      .sort((a, b) => b.seq - a.seq);
    const pages = Math.max(1, Math.ceil(entries.length / PAGE));
    page = Math.min(page, pages - 1);
    const shown = entries.slice(page * PAGE, (page + 1) * PAGE);
    const nav = (label: string, to: number, disabled: boolean) =>
      h(
        'button',
        {
          type: 'button',
          class: 'button button--small button--secondary',
          disabled,
          onclick: () => {
            page = to;
            draw();
          },
        },
        label,
      );
    out.replaceChildren(
      h(
        'p',
        {
          class: log.chain.verified ? 'notice notice--ok' : 'notice notice--error',
          'data-chain': String(log.chain.verified),
        },
        log.chain.verified ? L(A.chainOk(log.chain.count)) : L(A.chainBroken(log.chain.brokenAt ?? 0)),
      ),
      shown.length
        ? h(
            'table',
            { class: 'table table--stack audit-table' },
            h('caption', { class: 'visually-hidden' }, L(A.audit)),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                [A.at, A.actor, A.action, A.unit].map((c) => h('th', { scope: 'col' }, L(c))),
              ),
            ),
            h(
              'tbody',
              null,
              shown.map((e) =>
                h(
                  'tr',
                  { 'data-seq': e.seq },
                  h('td', { 'data-label': L(A.at) }, fmtDateTime(e.at)),
                  h('td', { 'data-label': L(A.actor) }, person(e.actor, nameOf(e.unitId))),
                  h('td', { 'data-label': L(A.action) }, e.action),
                  h('th', { scope: 'row', 'data-label': L(A.unit) }, nameOf(e.unitId)),
                ),
              ),
            ),
          )
        : h('p', { class: 'muted' }, L(A.noEntries)),
      h(
        'p',
        { class: 'pager' },
        nav(L(A.prev), page - 1, page === 0),
        ' ',
        h('span', { 'data-page': page + 1 }, L(A.pageOf(page + 1, pages))),
        ' ',
        nav(L(A.next), page + 1, page >= pages - 1),
      ),
    );
  };

  const load = () =>
    failure.run(async () => {
      log = await get('getAuditLog', {
        query: { year: String(year), ...(unitSel.value ? { unit: unitSel.value } : {}) },
      });
      const actions = [...new Set(log.entries.map((e) => e.action))].sort();
      const keep = actionSel.value;
      actionSel.replaceChildren(
        h('option', { value: '' }, L(A.allActions)),
        ...actions.map((a) => h('option', { value: a }, a)),
      );
      actionSel.value = actions.includes(keep) ? keep : '';
      page = 0;
      draw();
    });
  unitSel.addEventListener('change', () => void load());
  actionSel.addEventListener('change', () => {
    page = 0;
    draw();
  });
  void load();

  return h(
    'section',
    { class: 'admin-card', 'aria-labelledby': 'audit-h', id: 'admin-audit' },
    h('h2', { id: 'audit-h' }, L(A.audit)),
    h(
      'div',
      { class: 'admin-row' },
      h(
        'div',
        { class: 'field field--compact' },
        h('label', { class: 'label', for: unitSel.id }, L(A.auditUnit)),
        unitSel,
      ),
      h(
        'div',
        { class: 'field field--compact' },
        h('label', { class: 'label', for: actionSel.id }, L(A.auditAction)),
        actionSel,
      ),
    ),
    failure.el,
    out,
  );
}

import { AUDIT_ACTIONS, auditActionLabel } from '#shared/contract/auditActions';
import { get } from '../api.ts';
import { columnHeads, h } from '../dom.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import { person } from '../people.ts';
import type { AuditLog, AuditVerification, Unit } from '../types.ts';
import { A } from './messages.ts';

const PAGE = 20;

/** The year's audit log in time order, filtered by unit and action and paged on the server, with its chains' state. */
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
  const actionSel = h(
    'select',
    { id: 'audit-action' },
    h('option', { value: '' }, L(A.allActions)),
    AUDIT_ACTIONS.map((a) => h('option', { value: a }, L(auditActionLabel(a)))),
  );
  const out = h('div', { 'aria-live': 'polite' });
  const failure = inlineFailure(onSessionEnded);
  let log: AuditLog | undefined;
  let chain: AuditVerification | undefined;
  // The server pages by cursor: the cursor of each page seen so far, so "previous" goes back without a count.
  let cursors: (string | undefined)[] = [undefined];
  let page = 0;

  const chainLine = () => {
    if (!chain) return null;
    const broken = chain.chains.find((c) => !c.verified);
    const count = chain.chains.reduce((n, c) => n + c.count, 0);
    return h(
      'p',
      {
        class: chain.verified ? 'notice notice--ok' : 'notice notice--error',
        'data-chain': String(chain.verified),
      },
      chain.verified ? L(A.chainOk(count)) : L(A.chainBroken(broken?.brokenAt ?? 0)),
    );
  };

  const draw = () => {
    if (!log) return;
    const shown = log.entries;
    const nav = (label: string, to: number, disabled: boolean) =>
      h(
        'button',
        {
          type: 'button',
          class: 'button button--small button--secondary',
          disabled,
          onclick: () => {
            page = to;
            void loadPage();
          },
        },
        label,
      );
    out.replaceChildren(
      ...[chainLine()].filter((x) => x !== null),
      shown.length
        ? h(
            'table',
            { class: 'table table--stack audit-table' },
            h('caption', { class: 'visually-hidden' }, L(A.audit)),
            columnHeads([A.at, A.actor, A.action, A.unit].map((c) => L(c))),
            h(
              'tbody',
              null,
              shown.map((e) =>
                h(
                  'tr',
                  { 'data-seq': e.seq },
                  h('td', { 'data-label': L(A.at) }, fmtDateTime(e.at)),
                  h('td', { 'data-label': L(A.actor) }, person(e.actor, nameOf(e.unitId))),
                  h('td', { 'data-label': L(A.action), title: e.action }, L(auditActionLabel(e.action))),
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
        h('span', { 'data-page': page + 1 }, L(A.page(page + 1))),
        ' ',
        nav(L(A.next), page + 1, !log.next),
      ),
    );
  };

  const filters = () => ({
    year: String(year),
    ...(unitSel.value ? { unit: unitSel.value } : {}),
    ...(actionSel.value ? { action: actionSel.value } : {}),
  });
  const loadPage = () =>
    failure.run(async () => {
      const cursor = cursors[page];
      log = await get('getAuditLog', {
        query: { ...filters(), limit: String(PAGE), ...(cursor ? { cursor } : {}) },
      });
      cursors = [...cursors.slice(0, page + 1), log.next];
      draw();
    });
  // A change of filter starts again from the first page, and the chains are checked for the scope shown:
  // the unit chosen, or the province's own chains.
  const load = () =>
    failure.run(async () => {
      page = 0;
      cursors = [undefined];
      chain = await get('verifyAuditLog', { query: { year: String(year), unit: unitSel.value || '*' } });
      await loadPage();
    });
  unitSel.addEventListener('change', () => void load());
  actionSel.addEventListener('change', () => {
    page = 0;
    cursors = [undefined];
    void loadPage();
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

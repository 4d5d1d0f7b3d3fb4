import { REMINDER_SKIP_LABELS, REMINDER_STATUS_LABELS, type Reminder } from '#shared/contract/reminders';
import { STATUS_LABELS } from '#shared/contract/statuses';
import { call, get } from '../api.ts';
import { h } from '../dom.ts';
import { fmtDateTime, L } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import type { ReviewList, Unit } from '../types.ts';
import { A } from './messages.ts';

const OUTBOX_PAGE = '50';

/**
 * Completeness with its one-click reminders: who has not submitted (the review list filtered to those
 * statuses), a button per unit and one for all of them, and the outbox the reminders land in (GET
 * /reminders: in AWS what SES took, locally what the SES emulator received). The job sends; the page shows
 * the queue at once and the outcome when asked to refresh.
 */
export function remindersSection(
  year: number,
  missing: ReviewList,
  units: readonly Unit[],
  onSessionEnded: (e: unknown) => void,
): HTMLElement {
  const byId = new Map(units.map((u) => [u.id, u]));
  const nameOf = (id: string) => L(byId.get(id)?.name) || id;
  const total = missing.counts.not_started + missing.counts.draft + missing.counts.returned;
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const failure = inlineFailure(onSessionEnded);

  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'button button--secondary', hidden: true }, L(A.more));
  const outboxFailure = inlineFailure(onSessionEnded);
  let cursor: string | undefined;
  const row = (r: Reminder) =>
    h(
      'tr',
      { 'data-reminder': r.unitId, 'data-status': r.status },
      h('td', { 'data-label': L(A.at) }, fmtDateTime(r.sentAt ?? r.createdAt)),
      h('td', { 'data-label': L(A.unit) }, nameOf(r.unitId)),
      h('td', { 'data-label': L(A.sentTo) }, r.to ?? '—'),
      h('td', { 'data-label': L(A.reminderKind) }, L(r.kind === 'scheduled' ? A.scheduled : A.byAdmin)),
      h(
        'td',
        { 'data-label': L(A.reminderStatus) },
        L(REMINDER_STATUS_LABELS[r.status]),
        r.error ? h('span', { class: 'muted' }, ` (${r.error})`) : null,
      ),
      h(
        'td',
        { 'data-label': L(A.message) },
        h('details', null, h('summary', null, r.subject), h('pre', { class: 'reminder-text' }, r.text)),
      ),
    );
  const loadOutbox = (reset: boolean) =>
    outboxFailure.run(async () => {
      const data = await get('listReminders', {
        params: { year },
        query: { limit: OUTBOX_PAGE, ...(cursor && !reset ? { cursor } : {}) },
      });
      if (reset) rows.replaceChildren();
      rows.append(...data.items.map(row));
      if (!rows.children.length) {
        rows.append(h('tr', null, h('td', { colspan: 6, class: 'muted' }, L(A.noReminders))));
      }
      cursor = data.next;
      more.hidden = !cursor;
    });
  more.addEventListener('click', () => void loadOutbox(false));

  const remind = (unitIds: string[] | undefined, button: HTMLButtonElement) => {
    return () => {
      // One key per click, kept by the retry: a retry after a lost answer is the same round. The button is
      // disabled until the answer, so a double click is one click; a later click asks again.
      const idempotencyKey = crypto.randomUUID();
      status.hidden = true;
      button.disabled = true;
      void failure
        .run(async () => {
          const { data } = await call('remindUnits', {
            params: { year },
            body: unitIds ? { unitIds } : {},
            idempotencyKey,
          });
          const skipped = data.skipped.map(
            (s) => `${nameOf(s.unitId)} (${L(REMINDER_SKIP_LABELS[s.reason])})`,
          );
          const queued = data.queued - data.noAddress;
          status.textContent =
            [
              queued ? L(A.remindersQueued(queued)) : '',
              data.noAddress ? L(A.remindersNoAddress(data.noAddress)) : '',
              skipped.length ? `${L(A.remindersSkipped)} ${skipped.join(', ')}.` : '',
            ]
              .filter(Boolean)
              .join(' ') || L(A.remindersNone);
          status.hidden = false;
          await loadOutbox(true);
        })
        .finally(() => {
          button.disabled = false;
        });
    };
  };

  const remindAll = h(
    'button',
    { type: 'button', class: 'button button--primary', 'data-action': 'remind-all' },
    L(A.remindAll(total)),
  ) as HTMLButtonElement;
  remindAll.addEventListener('click', remind(undefined, remindAll));
  const refresh = h(
    'button',
    { type: 'button', class: 'button button--secondary', 'data-action': 'refresh-outbox' },
    L(A.refreshOutbox),
  );
  refresh.addEventListener('click', () => void loadOutbox(true));
  void loadOutbox(true);

  return h(
    'section',
    { class: 'admin-card', 'aria-labelledby': 'complete-h', id: 'admin-completeness' },
    h('h2', { id: 'complete-h' }, L(A.completeness)),
    h('p', null, total ? L(A.notSubmitted(total)) : L(A.allSubmitted)),
    total
      ? h(
          'ul',
          { class: 'missing-units' },
          missing.items.map((i) => {
            const button = h(
              'button',
              {
                type: 'button',
                class: 'button button--small button--secondary',
                'data-action': 'remind',
                'aria-label': L(A.remindOne(L(i.name))),
              },
              L(A.remind),
            ) as HTMLButtonElement;
            button.addEventListener('click', remind([i.unitId], button));
            return h(
              'li',
              { 'data-missing': i.unitId },
              h('a', { href: `#/review/${year}/${encodeURIComponent(i.unitId)}` }, L(i.name)),
              ` · ${L(STATUS_LABELS[i.status])} `,
              button,
            );
          }),
        )
      : null,
    missing.nextCursor ? h('p', { class: 'muted' }, L(A.firstMissing(missing.items.length))) : null,
    total ? h('p', null, remindAll) : null,
    failure.el,
    status,
    h('h3', { id: 'outbox-h' }, L(A.outbox)),
    h('p', { class: 'muted' }, L(A.outboxHint)),
    h('p', null, refresh),
    h(
      'table',
      { class: 'table table--stack', 'aria-labelledby': 'outbox-h' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          [A.at, A.unit, A.sentTo, A.reminderKind, A.reminderStatus, A.message].map((m) =>
            h('th', { scope: 'col' }, L(m)),
          ),
        ),
      ),
      rows,
    ),
    outboxFailure.el,
    h('p', null, more),
  );
}

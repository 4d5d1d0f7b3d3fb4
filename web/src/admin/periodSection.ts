import { REMINDER_DAYS_BEFORE } from '#shared/contract/reminders';
import { DEFAULT_OBJECTION_WINDOW_DAYS, OBJECTION_WINDOW_DAYS } from '#shared/contract/review';
import { call } from '../api.ts';
import { h } from '../dom.ts';
import { L } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import type { PeriodView, Unit } from '../types.ts';
import { fromLocalInput, toLocalInput } from './dates.ts';
import { A } from './messages.ts';

type Exception = PeriodView['lockExceptions'][number];

// A hint sits under its own field, not below the row, so that it reads as that field's.
const labelled = (id: string, label: string, control: HTMLElement, hint?: HTMLElement) =>
  h(
    'div',
    { class: 'field field--compact' },
    h('label', { class: 'label', for: id }, label),
    control,
    hint ?? null,
  );

/** The opening date, the deadline and each unit's lock exception (reason and expiry), saved with PUT /periods. */
export function periodSection(
  year: number,
  period: PeriodView,
  units: readonly Unit[],
  onSessionEnded: (e: unknown) => void,
): HTMLElement {
  const reporting = units.filter((u) => u.reports);
  const nameOf = (id: string) => L(units.find((u) => u.id === id)?.name) || id;
  const opens = h('input', { id: 'p-opens', type: 'datetime-local', value: toLocalInput(period.opensAt) });
  const deadline = h('input', {
    id: 'p-deadline',
    type: 'datetime-local',
    value: toLocalInput(period.deadline),
  });
  const remindDays = h('input', {
    id: 'p-remind',
    type: 'number',
    inputmode: 'numeric',
    min: REMINDER_DAYS_BEFORE.min,
    max: REMINDER_DAYS_BEFORE.max,
    step: 1,
    value: period.reminderDaysBefore === undefined ? '' : String(period.reminderDaysBefore),
    'aria-describedby': 'p-remind-hint',
  });
  const objectionDays = h('input', {
    id: 'p-objection',
    type: 'number',
    inputmode: 'numeric',
    min: OBJECTION_WINDOW_DAYS.min,
    max: OBJECTION_WINDOW_DAYS.max,
    step: 1,
    value: period.objectionWindowDays === undefined ? '' : String(period.objectionWindowDays),
    'aria-describedby': 'p-objection-hint',
  });
  let exceptions: Exception[] = [...period.lockExceptions];
  const list = h('ul', { class: 'exceptions' });
  const drawList = () =>
    list.replaceChildren(
      ...(exceptions.length
        ? exceptions.map((x, i) =>
            h(
              'li',
              { 'data-exception': x.unitId },
              h('strong', null, nameOf(x.unitId)),
              ` — ${L(A.exceptionUntil)} ${toLocalInput(x.until).replace('T', ' ')} · ${x.reason} `,
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button--small button--secondary',
                  'aria-label': L(A.removeException(nameOf(x.unitId))),
                  onclick: () => {
                    exceptions = exceptions.filter((_, j) => j !== i);
                    drawList();
                  },
                },
                '×',
              ),
            ),
          )
        : [h('li', { class: 'muted' }, L(A.noExceptions))]),
    );
  drawList();

  const xUnit = h(
    'select',
    { id: 'x-unit' },
    reporting.map((u) => h('option', { value: u.id }, L(u.name))),
  );
  const xUntil = h('input', { id: 'x-until', type: 'datetime-local' });
  const xReason = h('input', { id: 'x-reason', type: 'text', maxlength: 500, autocomplete: 'off' });
  const xError = h('p', { class: 'field__error', id: 'x-err', role: 'alert', hidden: true });
  const addException = () => {
    const until = fromLocalInput(xUntil.value);
    const reason = xReason.value.trim();
    xError.hidden = Boolean(until && reason);
    xError.textContent = !until ? L(A.needDate) : !reason ? L(A.needReason) : '';
    if (!until || !reason) return (until ? xReason : xUntil).focus();
    exceptions = [
      ...exceptions.filter((x) => x.unitId !== xUnit.value),
      { unitId: xUnit.value, until, reason },
    ];
    xReason.value = '';
    drawList();
  };

  const status = h('p', { class: 'notice notice--ok', role: 'status', hidden: true });
  const failure = inlineFailure(onSessionEnded);
  const save = (e: Event) => {
    e.preventDefault();
    status.hidden = true;
    const opensAt = fromLocalInput(opens.value);
    const due = fromLocalInput(deadline.value);
    if (!opensAt || !due) return (opensAt ? deadline : opens).focus();
    void failure.run(async () => {
      await call('putPeriod', {
        params: { year },
        body: {
          opensAt,
          deadline: due,
          lockExceptions: exceptions,
          // Kept as it is: this page does not edit the hierarchy day, and a PUT replaces the period.
          ...(period.hierarchyAsOf ? { hierarchyAsOf: period.hierarchyAsOf } : {}),
          ...(remindDays.value === '' ? {} : { reminderDaysBefore: Number(remindDays.value) }),
          ...(objectionDays.value === '' ? {} : { objectionWindowDays: Number(objectionDays.value) }),
        },
      });
      status.textContent = L(A.periodSaved);
      status.hidden = false;
    });
  };

  return h(
    'section',
    { class: 'admin-card', 'aria-labelledby': 'period-h', id: 'admin-period' },
    h('h2', { id: 'period-h' }, L(A.period)),
    period.isDefault ? h('p', { class: 'muted' }, L(A.periodDefault)) : null,
    h(
      'form',
      { onsubmit: save },
      h(
        'div',
        { class: 'admin-row' },
        labelled(opens.id, L(A.opensAt), opens),
        labelled(deadline.id, L(A.deadline), deadline),
        labelled(
          remindDays.id,
          L(A.remindDays),
          remindDays,
          h(
            'p',
            { class: 'field__hint', id: 'p-remind-hint' },
            L(A.remindDaysHint(REMINDER_DAYS_BEFORE.min, REMINDER_DAYS_BEFORE.max)),
          ),
        ),
        labelled(
          objectionDays.id,
          L(A.objectionDays),
          objectionDays,
          h(
            'p',
            { class: 'field__hint', id: 'p-objection-hint' },
            L(
              A.objectionDaysHint(
                OBJECTION_WINDOW_DAYS.min,
                OBJECTION_WINDOW_DAYS.max,
                DEFAULT_OBJECTION_WINDOW_DAYS,
              ),
            ),
          ),
        ),
      ),
      h('h3', null, L(A.exceptions)),
      list,
      h(
        'div',
        { class: 'admin-row' },
        labelled(xUnit.id, L(A.exceptionUnit), xUnit),
        labelled(xUntil.id, L(A.exceptionUntil), xUntil),
        labelled(xReason.id, L(A.exceptionReason), xReason),
      ),
      xError,
      h(
        'p',
        null,
        h(
          'button',
          { type: 'button', class: 'button button--secondary', onclick: addException },
          L(A.addException),
        ),
      ),
      h(
        'p',
        null,
        h(
          'button',
          { type: 'submit', class: 'button button--primary', 'data-action': 'save-period' },
          L(A.savePeriod),
        ),
      ),
      failure.el,
      status,
    ),
  );
}

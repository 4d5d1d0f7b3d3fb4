import { validateDraft } from '#shared/catalog/schema';
import type { CatalogField } from '#shared/catalog/types';
import type { Bilingual } from '#shared/contract/i18n';
import { DOCUMENT_VERDICT_LABELS, OBJECTION_VERDICT_LABELS } from '#shared/contract/statuses';
import { call } from '../api.ts';
import { asCatalog } from '../catalog.ts';
import { h } from '../dom.ts';
import { formatValue } from '../format.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { reviewStep } from '../reviewStep.ts';
import type { EvidenceItem, PublicCatalog, Report } from '../types.ts';
import { W } from './roundsMessages.ts';
import { valueControl } from './verifyTable.ts';

export interface RoundOptions {
  readonly params: { readonly year: number; readonly unitId: string };
  readonly catalog: PublicCatalog;
  readonly report: Report;
  readonly files: readonly EvidenceItem[];
  readonly onError: (error: unknown) => void;
  readonly onDone: (message: string) => void;
}

const runner = (opts: RoundOptions, error: HTMLElement) => reviewStep(error, opts.onDone, opts.onError);

/**
 * The decision on one verified document, for the evidence table: what was decided, and while the team may
 * still judge (submitted, or objected with new documents), accept or reject with a reason.
 */
export function documentDecision(opts: RoundOptions): (item: EvidenceItem) => HTMLElement | null {
  const judging =
    opts.report.status === 'submitted' || opts.report.status === 'late' || opts.report.status === 'objected';
  return (item) => {
    const made = opts.report.documents?.[item.evidenceId];
    const shown = made
      ? h(
          'p',
          { 'data-decision': made.verdict },
          h(
            'span',
            { class: `badge badge--${made.verdict === 'accepted' ? 'ok' : 'warn'}` },
            L(DOCUMENT_VERDICT_LABELS[made.verdict]),
          ),
          made.reason ? ` ${made.reason}` : '',
        )
      : null;
    if (!judging) return shown;
    const error = h('p', { class: 'field__error', role: 'alert', hidden: true });
    const run = runner(opts, error);
    const id = `reason-${item.evidenceId}`;
    const reason = h('input', { id, type: 'text', class: 'input input--small', maxlength: 2000 });
    const decide = (verdict: 'accepted' | 'rejected') => {
      const text = reason.value.trim();
      if (verdict === 'rejected' && !text) {
        error.textContent = L(W.needReason);
        error.hidden = false;
        return reason.focus();
      }
      void run(
        () =>
          call('decideEvidence', {
            params: { ...opts.params, evidenceId: item.evidenceId },
            body: { verdict, ...(text ? { reason: text } : {}) },
          }),
        verdict === 'accepted' ? W.doneAccepted : W.doneRejected,
      );
    };
    return h(
      'div',
      { class: 'decision', 'data-decide': item.evidenceId },
      shown,
      h('label', { class: 'label small', for: id }, L(W.reason)),
      reason,
      h(
        'span',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'button button--small',
            'data-action': 'accept-document',
            onclick: () => decide('accepted'),
          },
          L(W.acceptDoc),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'button button--small button--danger',
            'data-action': 'reject-document',
            onclick: () => decide('rejected'),
          },
          L(W.rejectDoc),
        ),
      ),
      error,
    );
  };
}

/**
 * The review's rounds for the auditors: publish the preliminary result, answer each objection (upheld with the
 * value it sets, or dismissed), and finalize. Return and accept stay in the actions below.
 */
export function roundsSection(opts: RoundOptions): HTMLElement | null {
  const { report, params } = opts;
  const status = report.status;
  const error = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const run = runner(opts, error);
  const fields = new Map(opts.catalog.fields.map((f) => [f.code, f]));
  const button = (text: Bilingual, action: string, onclick: () => void, cls = '') =>
    h('button', { type: 'button', class: `button ${cls}`, 'data-action': action, onclick }, L(text));

  const children: (HTMLElement | null)[] = [];
  if (status === 'submitted' || status === 'late') {
    children.push(
      h('p', null, L(W.publishHint)),
      button(
        W.publish,
        'publish-preliminary',
        () => void run(() => call('publishPreliminary', { params }), W.donePublish),
      ),
    );
  }
  if (report.preliminary && (status === 'preliminary' || status === 'objected' || status === 'accepted')) {
    children.unshift(
      h(
        'p',
        null,
        L(
          W.window(
            fmtDateTime(report.preliminary.publishedAt),
            fmtDateTime(report.preliminary.objectionDeadline),
          ),
        ),
      ),
    );
  }
  const objections = Object.entries(report.objections ?? {});
  if (objections.length) {
    const fileName = (id: string) => opts.files.find((f) => f.evidenceId === id)?.fileName ?? id;
    children.push(
      h('h3', null, L(W.objections)),
      h(
        'ul',
        { class: 'objections' },
        objections.map(([code, o], i) => {
          const field = fields.get(code);
          const answer = o.answer;
          const li = h(
            'li',
            { 'data-objection': code },
            h('p', null, h('strong', null, `${L(field?.label) || code}: `), o.explanation),
            o.evidenceIds.length
              ? h('p', { class: 'muted' }, L(W.attached), ' ', o.evidenceIds.map(fileName).join('; '))
              : null,
            answer
              ? h(
                  'p',
                  { 'data-answer': answer.verdict },
                  h('span', { class: 'badge' }, L(OBJECTION_VERDICT_LABELS[answer.verdict])),
                  answer.verdict === 'upheld' ? ` ${formatValue(field, answer.value)}` : '',
                  ` — ${answer.reason}`,
                )
              : null,
          );
          if (status === 'objected' && field) li.append(answerForm(opts, field, i, run));
          return li;
        }),
      ),
    );
  }
  if (status === 'preliminary' || status === 'objected') {
    children.push(
      button(
        W.finalize,
        'finalize-review',
        () => void run(() => call('finalizeReview', { params }), W.doneFinalize),
        'button--primary',
      ),
    );
  }
  if (!children.length) return null;
  return h(
    'section',
    { class: 'review-rounds', 'aria-labelledby': 'rounds-h' },
    h('h2', { id: 'rounds-h' }, L(W.title)),
    ...children,
    error,
  );
}

function answerForm(
  opts: RoundOptions,
  field: CatalogField,
  i: number,
  run: ReturnType<typeof runner>,
): HTMLElement {
  const verdictName = `verdict-${i}`;
  const radio = (value: 'upheld' | 'dismissed') =>
    h(
      'label',
      { class: 'check' },
      h('input', { type: 'radio', name: verdictName, value, 'data-verdict': value }),
      ` ${L(OBJECTION_VERDICT_LABELS[value])}`,
    );
  const value = valueControl(field, `answer-value-${i}`, L(W.newValue), undefined, false);
  const reason = h('textarea', { id: `answer-reason-${i}`, rows: 2, maxlength: 2000 });
  const error = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const say = (text: Bilingual, focus: HTMLElement) => {
    error.textContent = L(text);
    error.hidden = false;
    focus.focus();
  };
  const send = () => {
    const chosen = form.querySelector<HTMLInputElement>(`input[name=${verdictName}]:checked`)?.value as
      'upheld' | 'dismissed' | undefined;
    if (!chosen) return say(W.needVerdict, form.querySelector<HTMLInputElement>('input[type=radio]')!);
    if (!reason.value.trim()) return say(W.needReason, reason);
    const v = value.read();
    if (chosen === 'upheld') {
      if (v === undefined) return say(W.needValue, value.el);
      const checked = validateDraft(asCatalog(opts.catalog), { [field.code]: v });
      if (!checked.ok) return say(checked.issues[0]!.message, value.el);
    }
    void run(
      () =>
        call('answerObjection', {
          params: { ...opts.params, field: field.code },
          body: {
            verdict: chosen,
            reason: reason.value.trim(),
            ...(chosen === 'upheld' ? { value: v } : {}),
          },
        }),
      W.doneAnswer,
    );
  };
  const form = h(
    'fieldset',
    { class: 'answer-form', 'data-answer-form': field.code },
    h('legend', null, L(W.answerOf(L(field.label)))),
    radio('upheld'),
    radio('dismissed'),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: `answer-value-${i}` }, L(W.newValue)),
      value.el,
    ),
    h('div', { class: 'field' }, h('label', { class: 'label', for: reason.id }, L(W.reason)), reason),
    error,
    h(
      'button',
      { type: 'button', class: 'button button--small', 'data-action': 'answer-objection', onclick: send },
      L(W.saveAnswer),
    ),
  );
  return form;
}

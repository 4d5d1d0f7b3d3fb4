import type { CatalogField } from '#shared/catalog/types';
import { DOCUMENT_VERDICT_LABELS } from '#shared/contract/statuses';
import { call } from '../api.ts';
import { columnHeads, h } from '../dom.ts';
import type { EvidenceStore } from '../evidence/store.ts';
import { formatValue } from '../format.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { quickUpload } from '../evidence/quickUpload.ts';
import { ACCEPT } from '../evidence/upload.ts';
import { reviewStep } from '../reviewStep.ts';
import type { PublicCatalog, Report } from '../types.ts';
import { P } from './reviewMessages.ts';

export interface ReviewRoundOptions {
  readonly year: number;
  readonly catalog: PublicCatalog;
  readonly report: Report;
  readonly store: EvidenceStore;
  /** The step went through; the page reloads with this message. */
  readonly onDone: (message: string) => void;
  readonly onError: (error: unknown) => void;
}

/**
 * The agency's side of the two-round review: the preliminary result with the decision on each document, and
 * agreeing or objecting before the window closes; then the objections sent; once final, the answers. Nothing
 * for a report that never had a preliminary result.
 */
export function reviewRoundPanel(opts: ReviewRoundOptions): HTMLElement | null {
  const { report } = opts;
  if (!report.preliminary) return null;
  const fields = new Map(opts.catalog.fields.map((f) => [f.code, f]));
  const label = (code: string) => L(fields.get(code)?.label) || code;
  const objections = Object.entries(report.objections ?? {});
  if (report.status === 'objected')
    return section(
      'review-sent',
      P.sentTitle,
      h('p', null, L(P.sentIntro)),
      objectionList(objections, label),
    );
  if (report.status === 'accepted') {
    if (!objections.length) return null;
    return section('review-answers', P.answersTitle, objectionList(objections, label, fields));
  }
  if (report.status !== 'preliminary') return null;
  return preliminaryPanel(opts, fields, label);
}

function section(id: string, title: { vi: string; en: string }, ...children: (HTMLElement | null)[]) {
  return h(
    'section',
    { class: 'notice review-round', id, 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, L(title)),
    ...children,
  );
}

function objectionList(
  objections: [string, NonNullable<Report['objections']>[string]][],
  label: (code: string) => string,
  fields?: ReadonlyMap<string, CatalogField>,
): HTMLElement {
  return h(
    'ul',
    { class: 'objections' },
    objections.map(([code, o]) =>
      h(
        'li',
        { 'data-objection': code },
        h('strong', null, `${label(code)}: `),
        o.explanation,
        o.answer
          ? h(
              'p',
              { class: 'objection__answer', 'data-answer': o.answer.verdict },
              o.answer.verdict === 'upheld'
                ? L(P.upheldWith(formatValue(fields?.get(code), o.answer.value)))
                : L(P.dismissed),
              ` — ${o.answer.reason}`,
            )
          : null,
      ),
    ),
  );
}

function preliminaryPanel(
  opts: ReviewRoundOptions,
  fields: ReadonlyMap<string, CatalogField>,
  label: (code: string) => string,
): HTMLElement {
  const { report, year } = opts;
  const deadline = fmtDateTime(report.preliminary?.objectionDeadline);
  const changed = Object.entries(report.verification).filter(([, v]) => v.value !== undefined || v.comment);
  const error = h('p', { class: 'field__error', role: 'alert', hidden: true });
  const run = reviewStep(error, opts.onDone, opts.onError);

  const verified = opts.store.live().filter((i) => i.status === 'verified');
  const rows = h('div', { class: 'objection-rows' });
  let n = 0;
  const addRow = (code?: string) => {
    const i = n++;
    const select = h(
      'select',
      { id: `objection-field-${i}`, class: 'input', 'data-objection-field': '' },
      [...fields.values()].map((f) => h('option', { value: f.code, selected: f.code === code }, L(f.label))),
    );
    const text = h('textarea', {
      id: `objection-text-${i}`,
      rows: 3,
      maxlength: 2000,
      'data-objection-text': '',
      'aria-describedby': `objection-err-${i}`,
    });
    const err = h('p', { class: 'field__error', id: `objection-err-${i}`, hidden: true });
    const pick = (f: { evidenceId: string; fileName: string }, checked = false) =>
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', value: f.evidenceId, checked, 'data-objection-file': '' }),
        ` ${f.fileName} `,
      );
    const files = h(
      'div',
      null,
      verified.map((f) => pick(f)),
    );
    // A new document goes up for the field picked, then is ticked to go with the objection.
    const upload = quickUpload({
      store: opts.store,
      year,
      id: `objection-upload-${i}`,
      label: L(P.newDocument),
      accept: ACCEPT,
      fields: () => [select.value],
      title: () => L(P.documentTitle(label(select.value))),
      onDone: (item) => files.append(pick(item, true)),
    });
    const row = h(
      'fieldset',
      { class: 'objection-row', 'data-objection-row': '' },
      h('legend', { class: 'visually-hidden' }, `${L(P.field)} ${i + 1}`),
      h('div', { class: 'field' }, h('label', { class: 'label', for: select.id }, L(P.field)), select),
      h('div', { class: 'field' }, h('label', { class: 'label', for: text.id }, L(P.explanation)), text, err),
      h('div', { class: 'field' }, h('p', { class: 'label' }, L(P.attach)), files, upload),
      h(
        'button',
        { type: 'button', class: 'button button--secondary', onclick: () => row.remove() },
        L(P.remove),
      ),
    );
    rows.append(row);
    return { select, text };
  };

  const send = () => {
    const body = [...rows.querySelectorAll<HTMLElement>('[data-objection-row]')].map((row) => ({
      field: row.querySelector<HTMLSelectElement>('select')!.value,
      explanation: row.querySelector<HTMLTextAreaElement>('textarea')!.value.trim(),
      evidenceIds: [...row.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map(
        (c) => c.value,
      ),
    }));
    const blank = rows.querySelectorAll<HTMLElement>('[data-objection-row]');
    let first: HTMLTextAreaElement | undefined;
    body.forEach((o, i) => {
      const row = blank[i]!;
      const err = row.querySelector<HTMLElement>('.field__error')!;
      err.textContent = o.explanation ? '' : L(P.needExplanation);
      err.hidden = !!o.explanation;
      if (!o.explanation) first ??= row.querySelector('textarea')!;
    });
    if (first) return first.focus();
    void run(
      () => call('objectToPreliminary', { params: { year }, body: { objections: body } }),
      P.doneObject,
    );
  };

  const form = h(
    'div',
    { class: 'objection-form', hidden: true, id: 'objection-form' },
    h('h3', null, L(P.objectTitle)),
    h('p', { class: 'hint' }, L(P.objectHint)),
    rows,
    h(
      'p',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', class: 'button button--secondary', onclick: () => addRow().select.focus() },
        L(P.addField),
      ),
      h(
        'button',
        { type: 'button', class: 'button', 'data-action': 'send-objections', onclick: send },
        L(P.send),
      ),
    ),
  );
  const openForm = () => {
    form.hidden = false;
    if (!rows.children.length) addRow(changed[0]?.[0]).text.focus();
  };

  const decisions = Object.entries(report.documents ?? {});
  const fileName = (id: string) => opts.store.live().find((i) => i.evidenceId === id)?.fileName ?? id;
  const panel = section(
    'review-preliminary',
    P.title,
    h('p', null, L(P.intro(deadline))),
    changed.length
      ? h(
          'table',
          { class: 'table table--stack' },
          h('caption', { class: 'visually-hidden' }, L(P.title)),
          columnHeads([P.field, P.reported, P.verified, P.comment].map((c) => L(c))),
          h(
            'tbody',
            null,
            changed.map(([code, v]) =>
              h(
                'tr',
                { 'data-preliminary-field': code },
                h('th', { scope: 'row', 'data-label': L(P.field) }, label(code)),
                h('td', { 'data-label': L(P.reported) }, formatValue(fields.get(code), report.values[code])),
                h(
                  'td',
                  { 'data-label': L(P.verified) },
                  v.value === undefined ? '—' : formatValue(fields.get(code), v.value),
                ),
                h('td', { 'data-label': L(P.comment) }, v.comment ?? ''),
              ),
            ),
          ),
        )
      : h('p', null, L(P.noChanges)),
    decisions.length
      ? h(
          'div',
          null,
          h('h3', null, L(P.documents)),
          h(
            'ul',
            null,
            decisions.map(([id, d]) =>
              h(
                'li',
                { 'data-decision': d.verdict },
                `${fileName(id)}: ${L(DOCUMENT_VERDICT_LABELS[d.verdict])}`,
                d.reason ? ` — ${d.reason}` : '',
              ),
            ),
          ),
        )
      : null,
    report.unsupported?.length
      ? h(
          'p',
          { class: 'notice notice--warn' },
          L(P.unsupported),
          ' ',
          report.unsupported.map(label).join('; '),
        )
      : null,
    error,
    h(
      'p',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          'data-action': 'agree',
          onclick: () => void run(() => call('agreeWithPreliminary', { params: { year } }), P.doneAgree),
        },
        L(P.agree),
      ),
      h(
        'button',
        { type: 'button', class: 'button button--secondary', 'data-action': 'object', onclick: openForm },
        L(P.object),
      ),
    ),
    form,
  );
  return panel;
}

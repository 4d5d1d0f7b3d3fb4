import { validateDraft } from '#shared/catalog/schema';
import type { FieldValue } from '#shared/catalog/types';
import { ApiError, call } from '../api.ts';
import { asCatalog } from '../catalog.ts';
import { focusElement, h } from '../dom.ts';
import { L } from '../i18n.ts';
import type { PublicCatalog, Report } from '../types.ts';
import { R } from './messages.ts';
import type { VerifyRow } from './verifyTable.ts';
import { confirmDecision } from './confirmDialog.ts';

export interface ReviewActionOptions {
  /** The report under review. */
  readonly params: { readonly year: number; readonly unitId: string };
  readonly catalog: PublicCatalog;
  readonly report: Report;
  readonly rows: readonly VerifyRow[];
  readonly reviewable: boolean;
  /** The unit's name, as the confirmation names it. */
  readonly unitName: string;
  readonly onError: (error: unknown) => void;
  /** The action went through; the page reloads with this message. */
  readonly onDone: (message: string) => void;
}

/**
 * The auditor's decision: record verified values (checked with the catalog's rules before they are sent),
 * accept, or return with comments. Row comments double as the field comments sent back with a return.
 */
export function reviewActions(opts: ReviewActionOptions): HTMLElement {
  const { params, report, rows, reviewable } = opts;
  const actionError = h('p', { class: 'field__error', id: 'review-action-err', role: 'alert', hidden: true });
  const general = h('textarea', {
    id: 'review-general',
    rows: 3,
    maxlength: 2000,
    disabled: !reviewable,
    'aria-describedby': 'review-general-hint',
  });

  const fail = (text: string, focus: (() => void) | HTMLElement = actionError) => {
    actionError.textContent = text;
    actionError.hidden = false;
    if (typeof focus === 'function') focus();
    else focusElement(focus);
  };
  const act = async (send: () => Promise<unknown>, done: string) => {
    actionError.hidden = true;
    try {
      await send();
      opts.onDone(done);
    } catch (error) {
      if (error instanceof ApiError && error.status !== 401 && error.status !== 403) {
        const first = error.issues[0];
        const row = first && rows.find((r) => first.path.startsWith(`fields.${r.field.code}`));
        if (row && first) row.setError(L(first.message));
        fail(L(error.bilingual) || error.code, row ? () => row.focus() : actionError);
      } else opts.onError(error);
    }
  };

  const saveVerification = () => {
    const fields: Record<string, { value?: FieldValue; comment?: string }> = {};
    const candidate: Record<string, unknown> = {};
    for (const r of rows) {
      const before = report.verification[r.field.code];
      const value = r.value();
      const comment = r.comment();
      r.setError(undefined);
      const entry: { value?: FieldValue; comment?: string } = {};
      if (value !== undefined && value !== before?.value) {
        entry.value = value as FieldValue;
        candidate[r.field.code] = value;
      }
      if (comment && comment !== before?.comment) entry.comment = comment;
      if (entry.value !== undefined || entry.comment) fields[r.field.code] = entry;
    }
    const checked = validateDraft(asCatalog(opts.catalog), candidate);
    if (!checked.ok) {
      let first: VerifyRow | undefined;
      for (const issue of checked.issues) {
        const row = rows.find((r) => r.field.code === issue.path);
        row?.setError(L(issue.message));
        first ??= row;
      }
      first?.focus();
      return;
    }
    if (!Object.keys(fields).length) return fail(L(R.nothingToVerify));
    void act(() => call('putVerification', { params, body: { fields } }), L(R.doneVerify));
  };

  const returnIt = () => {
    const comments = [
      ...(general.value.trim() ? [{ text: general.value.trim() }] : []),
      ...rows.filter((r) => r.comment()).map((r) => ({ field: r.field.code, text: r.comment() })),
    ];
    if (!comments.length) return fail(L(R.needComment), general);
    const labelOf = (code: string) => L(rows.find((r) => r.field.code === code)?.field.label) || code;
    void confirmDecision({
      title: L(R.confirmReturn(opts.unitName)),
      lines: comments.map((c) => ('field' in c ? `${labelOf(c.field)}: ${c.text}` : c.text)),
      confirm: L(R.returnIt),
      danger: true,
    }).then(
      (ok) => void (ok && act(() => call('returnReport', { params, body: { comments } }), L(R.doneReturn))),
    );
  };

  const accept = () => {
    const comment = general.value.trim();
    void confirmDecision({
      title: L(R.confirmAccept(opts.unitName)),
      lines: comment ? [comment] : [],
      confirm: L(R.accept),
    }).then(
      (ok) =>
        void (
          ok && act(() => call('acceptReport', { params, body: comment ? { comment } : {} }), L(R.doneAccept))
        ),
    );
  };

  const button = (text: string, onclick: () => void, cls: string, action: string) =>
    h(
      'button',
      { type: 'button', class: `button ${cls}`, onclick, disabled: !reviewable, 'data-action': action },
      text,
    );
  const actions = h(
    'section',
    { class: 'review-actions', 'aria-labelledby': 'actions-h' },
    h('h2', { id: 'actions-h' }, L(R.actions)),
    reviewable
      ? null
      : h(
          'p',
          { class: 'muted' },
          L(
            report.status === 'not_started' || report.status === 'draft'
              ? R.notSubmittedYet
              : R.onlySubmitted,
          ),
        ),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: general.id }, L(R.generalComment)),
      h('p', { class: 'hint', id: 'review-general-hint' }, L(R.generalHint)),
      general,
    ),
    actionError,
    h(
      'p',
      { class: 'actions' },
      button(L(R.saveVerification), saveVerification, 'button--secondary', 'verify'),
      button(L(R.accept), accept, 'button--primary', 'accept'),
      button(L(R.returnIt), returnIt, 'button--danger', 'return'),
    ),
  );

  return actions;
}

import type { Bilingual } from '#shared/contract/i18n';
import { h } from '../dom.ts';
import { L, fmtDeadline } from '../i18n.ts';
import { M } from '../messages.ts';
import type { Report, ReviewComment } from '../types.ts';
import { A } from './messages.ts';

/** Reviewers' comments of the latest round: by field, and the general ones. */
export function latestComments(report: Report) {
  const byField = new Map<string, ReviewComment[]>();
  const general: ReviewComment[] = [];
  for (const c of report.comments.filter((x) => x.round === report.submissions)) {
    if (c.field) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
    else general.push(c);
  }
  return { byField, general };
}

/** The title block, with a status badge that follows the report as autosave changes it. */
export function pageHeader(opts: { year: number; unitLine: string; deadline: string }) {
  const badge = h('span', { class: 'badge' });
  const deadline = fmtDeadline(opts.deadline);
  const element = h(
    'header',
    { class: 'page-header' },
    h('h1', { id: 'report-title' }, L(A.title(opts.year))),
    h('p', { class: 'page-header__unit' }, opts.unitLine),
    h(
      'p',
      { class: 'page-header__meta' },
      h('span', null, `${L(A.statusLabel)}: `, badge),
      ' · ',
      h('span', null, L(M.deadline(deadline))),
    ),
  );
  const showStatus = (status: Report['status']) => {
    badge.className = `badge badge--${status}`;
    badge.dataset.status = status;
    badge.textContent = L(M.status[status]);
  };
  return { element, showStatus };
}

/** Why the form cannot be edited, when it cannot, with the way to the receipt once submitted. */
export function statusNotice(report: Report, canEdit: boolean, year: number): HTMLElement | null {
  const receipt = h('a', { href: `#/report/${year}/receipt` }, L(A.viewReceipt));
  if (report.status === 'accepted')
    return h('div', { class: 'notice notice--ok' }, h('p', null, L(A.accepted), ' ', receipt));
  if (report.status === 'submitted' || report.status === 'late')
    return h('div', { class: 'notice' }, h('p', null, L(A.locked), ' ', receipt));
  // The review round's own panel says what the unit can do (agency/reviewRound.ts).
  if (report.status === 'preliminary' || report.status === 'objected') return h('p', null, receipt);
  if (!canEdit) return h('div', { class: 'notice notice--warn' }, h('p', null, L(A.deadlinePassed)));
  return null;
}

/** A returned report opens with what the reviewers said: in general, and field by field with links. */
export function returnedBanner(
  comments: ReturnType<typeof latestComments>,
  labelOf: (code: string) => Bilingual,
  focusField: (code: string) => void,
): HTMLElement {
  const { byField, general } = comments;
  return h(
    'div',
    { class: 'notice notice--warn', role: 'region', 'aria-label': L(A.reviewerComment) },
    h('p', null, h('strong', null, L(A.returnedBanner))),
    general.length ? h('p', { class: 'comment__title' }, L(A.generalComments)) : null,
    general.map((g) => h('p', { class: 'comment' }, g.text)),
    byField.size ? h('p', { class: 'comment__title' }, L(A.fieldComments)) : null,
    byField.size
      ? h(
          'ul',
          null,
          [...byField].map(([code, list]) =>
            h(
              'li',
              null,
              h(
                'a',
                {
                  href: `#field-${code}`,
                  onclick: (e: MouseEvent) => {
                    e.preventDefault();
                    focusField(code);
                  },
                },
                L(labelOf(code)),
              ),
              `: ${list.map((c) => c.text).join(' ')}`,
            ),
          ),
        )
      : null,
  );
}

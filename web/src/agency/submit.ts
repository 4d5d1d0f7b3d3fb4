import type { FieldIssue } from '#shared/contract/errors';
import { h, focusElement, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { A } from './messages.ts';

export interface SubmitPanelOptions {
  /** Where a summary link leads: the field's input, or its evidence box for missing evidence. */
  readonly focusIssue: (issue: FieldIssue) => void;
  readonly submit: () => Promise<void>;
}

/**
 * The panel above the form that the "check and submit" button fills: either everything still missing, as
 * links to the fields, or a last confirmation. Focus moves to it, so the first thing read is the first problem.
 */
export function submitPanel(opts: SubmitPanelOptions) {
  const element = h('section', {
    class: 'submit-panel',
    id: 'submit-panel',
    hidden: true,
    'aria-labelledby': 'submit-panel-h',
  });

  function showProblems(issues: readonly FieldIssue[]): void {
    element.hidden = false;
    element.className = 'submit-panel submit-panel--problems';
    replace(
      element,
      h('h2', { id: 'submit-panel-h' }, L(A.problemsTitle(issues.length))),
      h('p', null, L(A.problemsIntro)),
      h(
        'ol',
        { class: 'problem-list' },
        issues.map((issue) =>
          h(
            'li',
            null,
            h(
              'a',
              {
                href: `#field-${issue.path}`,
                'data-issue-field': issue.path,
                'data-issue-code': issue.code,
                onclick: (e: MouseEvent) => {
                  e.preventDefault();
                  opts.focusIssue(issue);
                },
              },
              L(issue.message),
            ),
          ),
        ),
      ),
    );
    focusElement(element);
  }

  function showReady(verifiedFiles: number): void {
    element.hidden = false;
    element.className = 'submit-panel submit-panel--ready';
    const status = h('p', { role: 'status', class: 'submit-panel__status' });
    const go = h('button', { type: 'button', class: 'button', 'data-action': 'submit-now' }, L(A.submitNow));
    const later = h('button', { type: 'button', class: 'button button--secondary' }, L(A.cancel));
    go.addEventListener('click', async () => {
      go.disabled = true;
      status.textContent = L(A.submitting);
      try {
        await opts.submit();
      } finally {
        go.disabled = false;
        status.textContent = '';
      }
    });
    later.addEventListener('click', hide);
    replace(
      element,
      h('h2', { id: 'submit-panel-h' }, L(A.readyTitle)),
      h('p', null, L(A.readyText(verifiedFiles))),
      h('p', { class: 'actions' }, go, later),
      status,
    );
    go.focus();
  }

  function hide(): void {
    element.hidden = true;
    element.replaceChildren();
  }

  return { element, showProblems, showReady, hide };
}

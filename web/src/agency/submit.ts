import type { FieldIssue } from '#shared/contract/errors';
import { ATTESTATION, MAX_HEAD_CHARS } from '#shared/contract/review';
import { h, focusElement, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { A } from './messages.ts';

/** What POST /reports/{year}/submit carries: the head of the agency and the attestation. */
export interface Attested {
  readonly head: { readonly name: string; readonly title: string };
  readonly attest: true;
}

export interface SubmitPanelOptions {
  /** Where a summary link leads: the field's input, or its evidence box for missing evidence. */
  readonly focusIssue: (issue: FieldIssue) => void;
  /** Resolves to the API's field issues on the attestation when it refused them, else nothing. */
  readonly submit: (attested: Attested) => Promise<readonly FieldIssue[] | void>;
}

/** One labelled text box of the attestation, with its own error line. */
function headInput(id: string, label: string, hint?: string) {
  const error = h('p', { class: 'field__error', id: `${id}-err`, hidden: true });
  const input = h('input', {
    id,
    type: 'text',
    class: 'input',
    maxlength: MAX_HEAD_CHARS,
    required: true,
    'aria-required': 'true',
    autocomplete: 'off',
    'aria-describedby': [hint ? `${id}-hint` : '', `${id}-err`].filter(Boolean).join(' '),
  });
  const element = h(
    'div',
    { class: 'field' },
    h('label', { class: 'label', for: id }, label),
    hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null,
    input,
    error,
  );
  const setError = (text: string | undefined) => {
    error.textContent = text ?? '';
    error.hidden = !text;
    input.setAttribute('aria-invalid', text ? 'true' : 'false');
  };
  return { element, input, setError };
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
    const name = headInput('head-name', L(A.headName));
    const title = headInput('head-title', L(A.headRole), L(A.headRoleHint));
    const attestError = h('p', { class: 'field__error', id: 'head-attest-err', hidden: true });
    const attest = h('input', {
      id: 'head-attest',
      type: 'checkbox',
      required: true,
      'aria-describedby': 'head-attest-err',
    });
    const byPath: Record<string, (text: string | undefined) => void> = {
      'head.name': name.setError,
      'head.title': title.setError,
      attest: (text) => {
        attestError.textContent = text ?? '';
        attestError.hidden = !text;
      },
    };
    const show = (issues: readonly FieldIssue[]) => {
      for (const set of Object.values(byPath)) set(undefined);
      for (const i of issues) byPath[i.path]?.(L(i.message));
      const first = issues.find((i) => byPath[i.path]);
      if (first?.path === 'head.name') name.input.focus();
      else if (first?.path === 'head.title') title.input.focus();
      else if (first) attest.focus();
    };
    go.addEventListener('click', async () => {
      // The browser checks what it can; the API checks again and names the same paths.
      const missing: FieldIssue[] = [];
      const need = (path: string) => missing.push({ path, code: 'required', message: A.required });
      if (!name.input.value.trim()) need('head.name');
      if (!title.input.value.trim()) need('head.title');
      if (!attest.checked) need('attest');
      show(missing);
      if (missing.length) return;
      go.disabled = true;
      status.textContent = L(A.submitting);
      try {
        const refused = await opts.submit({
          head: { name: name.input.value.trim(), title: title.input.value.trim() },
          attest: true,
        });
        if (refused?.length) show(refused);
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
      h(
        'fieldset',
        { class: 'attestation' },
        h('legend', null, L(A.headTitle)),
        name.element,
        title.element,
        h(
          'div',
          { class: 'field field--check' },
          attest,
          ' ',
          h('label', { for: 'head-attest' }, L(ATTESTATION)),
          attestError,
        ),
      ),
      h('p', { class: 'actions' }, go, later),
      status,
    );
    name.input.focus();
  }

  function hide(): void {
    element.hidden = true;
    element.replaceChildren();
  }

  return { element, showProblems, showReady, hide };
}

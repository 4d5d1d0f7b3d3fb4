import { h } from '../dom.ts';
import { L } from '../i18n.ts';
import { R } from './messages.ts';

/**
 * Asks before a decision the unit will see: a modal dialog (focus kept inside, Escape cancels) saying what
 * will be sent. Resolves true only on the confirm button.
 */
export function confirmDecision(opts: {
  readonly title: string;
  readonly lines: readonly string[];
  readonly confirm: string;
  readonly danger?: boolean;
}): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = 'confirm-h';
    const dialog = h(
      'dialog',
      { class: 'confirm-dialog', 'aria-labelledby': titleId, 'data-confirm': '' },
      h('h2', { id: titleId }, opts.title),
      h('p', null, L(R.willSend)),
      opts.lines.length
        ? h(
            'ul',
            { class: 'confirm-dialog__lines' },
            opts.lines.map((t) => h('li', null, t)),
          )
        : h('p', { class: 'muted' }, L(R.sendsNothingElse)),
      h(
        'p',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            class: `button ${opts.danger ? 'button--danger' : 'button--primary'}`,
            'data-action': 'confirm',
            onclick: () => close(true),
          },
          opts.confirm,
        ),
        h(
          'button',
          { type: 'button', class: 'button button--secondary', onclick: () => close(false) },
          L(R.cancel),
        ),
      ),
    );
    const opener = document.activeElement as HTMLElement | null;
    let answered = false;
    function close(ok: boolean) {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      opener?.focus();
      resolve(ok);
    }
    dialog.addEventListener('cancel', () => close(false));
    document.body.append(dialog);
    dialog.showModal();
  });
}

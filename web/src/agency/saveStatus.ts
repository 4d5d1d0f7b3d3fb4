import { h } from '../dom.ts';
import { L, fmtDateTime, fmtTime } from '../i18n.ts';
import type { SaveState } from './autosave.ts';
import { A } from './messages.ts';

const whenText = (at: Date) =>
  new Date().toDateString() === at.toDateString() ? fmtTime(at) : fmtDateTime(at.toISOString());

/** The one line that always says whether the figures are safe on the server: "Đã lưu" or "Chưa lưu". */
export function saveStatus(opts: { version: number; at?: Date; invalid: () => number }) {
  const text = h('span', { class: 'savebar__text' });
  const action = h('span', { class: 'savebar__action' });
  const element = h('div', { class: 'savebar', role: 'status', 'data-save-state': 'saved' }, text, action);
  let last: SaveState = { kind: 'saved', version: opts.version, ...(opts.at ? { at: opts.at } : {}) };

  function show(s: SaveState): void {
    last = s;
    element.dataset.saveState = s.kind;
    action.replaceChildren();
    let line: string;
    switch (s.kind) {
      case 'saved': {
        const base =
          s.version === 0
            ? L(A.savedNothing)
            : s.at
              ? L(A.saved(whenText(s.at), s.version))
              : L(A.saved('—', s.version));
        const bad = opts.invalid();
        line = bad ? `${base} ${L(A.notSavedErrors(bad))}` : base;
        if (bad) element.dataset.saveState = 'partial';
        // Nothing entered yet is news, not success: a neutral line.
        else if (s.version === 0) element.dataset.saveState = 'empty';
        break;
      }
      case 'dirty':
        line = s.kept ? L(A.keptHere) : L(A.notSaved);
        break;
      case 'conflict':
        line = L(A.conflict(s.count));
        break;
      case 'saving':
        line = L(A.saving);
        break;
      case 'offline':
        line = L(A.offline);
        break;
      case 'unauthorized':
        line = L(A.sessionEnded);
        action.append(h('a', { href: '#/signin' }, L(A.signInAgain)));
        break;
      case 'locked':
        line = L(A.locked);
        break;
      case 'error':
        line = L(A.saveFailed(L(s.message) || s.code));
        break;
    }
    text.textContent = line;
    element.classList.toggle('savebar--unsaved', s.kind !== 'saved' || opts.invalid() > 0);
    element.classList.toggle('savebar--empty', element.dataset.saveState === 'empty');
  }

  show(last);
  return {
    element,
    show,
    /** Draws attention back to the status when an action had to wait for a save that did not happen. */
    flash() {
      show(last);
      element.classList.add('savebar--flash');
      window.setTimeout(() => element.classList.remove('savebar--flash'), 1500);
    },
  };
}

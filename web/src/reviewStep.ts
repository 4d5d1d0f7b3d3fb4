import type { Bilingual } from '#shared/contract/i18n';
import { ApiError } from './api.ts';
import { focusElement } from './dom.ts';
import { L } from './i18n.ts';

/**
 * One step of the two-round review, from either side: sent, then `onDone` with its message (the page reloads);
 * a refusal (409 window closed, 400 naming a field…) is said in `error`, where it was asked, with the field
 * issues; a lost session or a refusal of access goes to the page's own error handling.
 */
export function reviewStep(
  error: HTMLElement,
  onDone: (message: string) => void,
  onError: (error: unknown) => void,
) {
  return async (send: () => Promise<unknown>, done: Bilingual): Promise<void> => {
    error.hidden = true;
    try {
      await send();
      onDone(L(done));
    } catch (e) {
      if (e instanceof ApiError && e.status !== 401 && e.status !== 403) {
        error.textContent = [L(e.bilingual) || e.code, ...e.issues.map((i) => L(i.message))].join(' ');
        error.hidden = false;
        focusElement(error);
      } else onError(e);
    }
  };
}

import { ApiError, NetworkError } from './api.ts';
import { h } from './dom.ts';
import { L } from './i18n.ts';
import { M } from './messages.ts';

export interface InlineFailure {
  /** Where the message appears: put it beside the file, field or button the action is about. */
  readonly el: HTMLElement;
  /** Runs the action; a failure shows here with a retry that runs it again, and the page stays. */
  run(action: () => Promise<unknown>): Promise<void>;
}

/**
 * A failure about one thing stays beside that thing. Only an ended session goes to the page (signing in
 * again is the one way on); everything else, a 409 or a lost connection alike, is said here.
 */
export function inlineFailure(onSessionEnded: (error: unknown) => void): InlineFailure {
  const el = h('div', { class: 'inline-failure', role: 'alert', hidden: true, 'data-inline-error': '' });
  const run = async (action: () => Promise<unknown>): Promise<void> => {
    el.hidden = true;
    el.replaceChildren();
    try {
      await action();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return onSessionEnded(error);
      const text =
        error instanceof NetworkError
          ? L(M.errorNetworkText)
          : error instanceof ApiError
            ? L(error.bilingual) || L(M.errorCode(error.code, error.requestId))
            : L(M.errorOtherTitle);
      if (!(error instanceof ApiError) && !(error instanceof NetworkError)) console.warn(error);
      el.append(
        h('span', { class: 'inline-failure__text' }, text),
        ' ',
        h(
          'button',
          {
            type: 'button',
            class: 'button button--small button--secondary',
            onclick: () => void run(action),
          },
          L(M.retry),
        ),
      );
      el.hidden = false;
    }
  };
  return { el, run };
}

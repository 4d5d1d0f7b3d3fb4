import { ApiError, NetworkError } from '../api.ts';
import { h, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { M } from '../messages.ts';
import { setTitle } from '../shell.ts';

export type ErrorKind = '401' | '403' | '404' | 'network' | 'other';

export function kindOf(error: unknown): ErrorKind {
  if (error instanceof NetworkError) return 'network';
  if (error instanceof ApiError) {
    if (error.status === 401) return '401';
    if (error.status === 403) return '403';
    if (error.status === 404) return '404';
  }
  return 'other';
}

const TEXTS = {
  '401': [M.error401Title, M.error401Text],
  '403': [M.error403Title, M.error403Text],
  '404': [M.error404Title, M.error404Text],
  network: [M.errorNetworkTitle, M.errorNetworkText],
  other: [M.errorOtherTitle, M.errorNetworkText],
} as const;

/** A whole-page error: what happened in words, and the one or two things the user can do about it. */
export function showError(
  main: HTMLElement,
  opts: { kind?: ErrorKind; error?: unknown; retry?: () => void },
): void {
  const kind = opts.kind ?? kindOf(opts.error);
  const [title, text] = TEXTS[kind];
  const api = opts.error instanceof ApiError ? opts.error : undefined;
  if (kind === 'other' && !api) console.error(opts.error);
  setTitle(title);
  replace(
    main,
    h(
      'section',
      { class: 'error-page', 'data-error': kind, 'aria-labelledby': 'error-title' },
      h('h1', { id: 'error-title' }, L(title)),
      h('p', null, kind === 'other' && api?.bilingual ? L(api.bilingual) : L(text)),
      api && kind === 'other' ? h('p', { class: 'muted' }, L(M.errorCode(api.code, api.requestId))) : null,
      h(
        'p',
        { class: 'actions' },
        kind === '401'
          ? h('a', { class: 'button', href: '#/signin' }, L(M.signIn))
          : opts.retry && (kind === 'network' || kind === 'other')
            ? h('button', { type: 'button', class: 'button', onclick: opts.retry }, L(M.retry))
            : null,
        h('a', { class: 'button button--secondary', href: '#/' }, L(M.home)),
      ),
    ),
  );
  main.querySelector('h1')?.setAttribute('tabindex', '-1');
  (main.querySelector('h1') as HTMLElement | null)?.focus();
}

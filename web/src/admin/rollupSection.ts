import { call, get } from '../api.ts';
import { columnHeads, h, replace } from '../dom.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import { personName } from '../people.ts';
import { fetchLinked, sandboxedFrame, saveAs } from '../savedFile.ts';
import type { Rollup, RollupRuns } from '../types.ts';
import { A } from './messages.ts';

/** What each published file is saved as: the year and what it holds, never the storage key's bare name. */
const fileName = (year: number, file: string, url: string) => {
  const ext = /\.(\w+)(?:\?|$)/.exec(new URL(url).pathname)?.[1] ?? 'bin';
  const what = file.replace(/Csv$|Xlsx$/, '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `bao-cao-cntt-tong-hop-${year}-${what}.${ext}`;
};

const POLL_MS = 1000;

/** What the section shows: the newest run with its links, and every run of the year, newest first. */
export interface RollupState {
  readonly rollup?: Rollup;
  readonly runs: RollupRuns['runs'];
}

/** The year's runs, then the newest one's links: before the first run there is nothing to ask for, not a 404. */
export async function loadRollup(year: number): Promise<RollupState> {
  const { runs } = await get('listRollupRuns', { params: { year } });
  return runs.length ? { rollup: await get('getRollup', { params: { year } }), runs } : { runs };
}

function runsTable(runs: RollupRuns['runs']): HTMLElement | null {
  if (!runs.length) return null;
  return h(
    'table',
    { class: 'table table--stack', 'data-rollup-runs': '' },
    h('caption', null, L(A.pastRuns)),
    columnHeads([A.runStarted, A.runBy, A.runStatus, A.runFinished, A.runTargets].map((c) => L(c))),
    h(
      'tbody',
      null,
      runs.map((r) =>
        h(
          'tr',
          { 'data-run': r.runId },
          h('td', { 'data-label': L(A.runStarted) }, fmtDateTime(r.startedAt)),
          h('td', { 'data-label': L(A.runBy) }, personName({ sub: r.requestedBy, role: 'admin' })),
          h(
            'td',
            { 'data-label': L(A.runStatus) },
            h('span', { class: `badge badge--rollup-${r.status}` }, L(A.rollupStatus[r.status])),
          ),
          h('td', { 'data-label': L(A.runFinished) }, r.finishedAt ? fmtDateTime(r.finishedAt) : '—'),
          h('td', { 'data-label': L(A.runTargets) }, r.targetSet ?? '—'),
        ),
      ),
    ),
  );
}

/** Start the year's rollup, watch it run, open its report here and download its files. */
export function rollupSection(
  year: number,
  first: RollupState,
  onSessionEnded: (e: unknown) => void,
): { el: HTMLElement; stop: () => void } {
  const body = h('div', { 'aria-live': 'polite' });
  const viewer = h('div', { class: 'report-viewer' });
  const failure = inlineFailure(onSessionEnded);
  let timer: number | undefined;
  const stop = () => window.clearTimeout(timer);

  const history = h('div');
  const draw = ({ rollup: r, runs }: RollupState) => {
    replace(history, runsTable(runs) ?? '');
    if (!r) return replace(body, h('p', { class: 'muted' }, L(A.noRollup)));
    const links = Object.entries(r.links ?? {});
    replace(
      body,
      h(
        'p',
        { 'data-rollup-status': r.status },
        h('span', { class: `badge badge--rollup-${r.status}` }, L(A.rollupStatus[r.status])),
        ' ',
        // Only an admin starts a rollup from the API; the schedule and the command line are named as such.
        L(A.ranBy(personName({ sub: r.requestedBy, role: 'admin' }), fmtDateTime(r.startedAt))),
        r.finishedAt ? ` · ${L(A.finishedAt(fmtDateTime(r.finishedAt)))}` : '',
      ),
      r.error ? h('p', { class: 'field__error' }, r.error) : null,
      links.length
        ? h(
            'div',
            null,
            r.links?.html
              ? h(
                  'p',
                  null,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button',
                      'data-action': 'open-report',
                      // The report is the rollup's own HTML with its inline styles: framed from its link,
                      // sandboxed with no permission, rather than as a blob under this page's CSP.
                      onclick: () =>
                        viewer.replaceChildren(sandboxedFrame(r.links!.html!, L(A.reportFrame(year)))),
                    },
                    L(A.openReport),
                  ),
                )
              : null,
            h('h3', null, L(A.downloads)),
            h(
              'ul',
              { class: 'downloads' },
              links.map(([file, url]) =>
                h(
                  'li',
                  null,
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'button button--small button--secondary',
                      'data-download': file,
                      onclick: () =>
                        void failure.run(async () =>
                          saveAs(await fetchLinked(url), fileName(year, file, url)),
                        ),
                    },
                    L(A.downloadAs(L(A.files[file]) || file)),
                  ),
                ),
              ),
            ),
          )
        : null,
    );
    if (r.status === 'running') timer = window.setTimeout(() => void poll(), POLL_MS);
  };
  const poll = () => failure.run(async () => draw(await loadRollup(year)));

  const start = h(
    'button',
    {
      type: 'button',
      class: 'button button--primary',
      'data-action': 'start-rollup',
      onclick: () =>
        void failure.run(async () => {
          stop();
          viewer.replaceChildren();
          await call('startRollup', { params: { year } });
          await poll();
        }),
    },
    L(A.startRollup),
  );
  draw(first);
  return {
    el: h(
      'section',
      { class: 'admin-card', 'aria-labelledby': 'rollup-h', id: 'admin-rollup' },
      h('h2', { id: 'rollup-h' }, L(A.rollup)),
      h('p', null, start),
      failure.el,
      body,
      viewer,
      history,
    ),
    stop,
  };
}

import type { Bilingual } from '#shared/contract/i18n';
import { columnHeads, h, type Child } from '../dom.ts';
import { L, fmtBytes, fmtDateTime, fmtIsoDate } from '../i18n.ts';
import type { EvidenceItem } from '../types.ts';
import { E } from './messages.ts';
import { previewOf } from '#shared/contract/evidence';
import { get } from '../api.ts';
import { pdfFrame } from './pdfFrame.ts';
import { downloadEvidence, fetchCheckedEvidence, type EvidenceStore } from './store.ts';
import { base64ToHex } from './checksum.ts';
import { inlineFailure, type InlineFailure } from '../inlineFailure.ts';

export function statusBadge(item: EvidenceItem): HTMLElement {
  return h('span', { class: `badge badge--ev-${item.status}` }, L(E.status[item.status]));
}

export function documentLine(item: EvidenceItem): string {
  const d = item.document;
  return [d.number, d.title, d.issuedOn ? L(E.issued(fmtIsoDate(d.issuedOn))) : undefined]
    .filter(Boolean)
    .join(' · ');
}

export interface EvidenceTableOptions {
  readonly caption: Bilingual;
  readonly labelOf: (code: string) => Bilingual;
  readonly canWithdraw: boolean;
  readonly canDownload: boolean;
  readonly onError: (error: unknown) => void;
  /** What the reviewer decided of a verified file, or the control to decide it (review/rounds.ts). */
  readonly decision?: (item: EvidenceItem) => HTMLElement | null;
}

function withdrawControl(store: EvidenceStore, item: EvidenceItem, failure: InlineFailure): HTMLElement {
  // A declaration still waiting for its file is cancelled; a checked file is withdrawn. Both free the slot.
  const pending = item.status === 'pending';
  const box = h('span', { class: 'inline-confirm' });
  const ask = () =>
    box.replaceChildren(
      h('span', null, L(pending ? E.cancelConfirm : E.withdrawConfirm), ' '),
      h(
        'button',
        {
          type: 'button',
          class: 'button button--small button--danger',
          onclick: () => {
            idle();
            void failure.run(() => store.withdraw(item));
          },
        },
        L(pending ? E.cancelYes : E.withdrawYes),
      ),
      h(
        'button',
        { type: 'button', class: 'button button--small button--secondary', onclick: idle },
        L(E.withdrawNo),
      ),
    );
  function idle() {
    box.replaceChildren(
      h(
        'button',
        {
          type: 'button',
          class: 'button button--small button--secondary',
          'aria-label': L(pending ? E.cancelOf(item.fileName) : E.withdrawOf(item.fileName)),
          onclick: () => {
            ask();
            (box.querySelector('button') as HTMLButtonElement | null)?.focus();
          },
        },
        L(pending ? E.cancel : E.withdraw),
      ),
    );
  }
  idle();
  return box;
}

/**
 * Shows a verified file below the table. An image: in a frame with no permission, from the link the server
 * signed to serve it as the type it verified (never the type the browser would guess). A PDF: drawn by the
 * site's viewer in a frame sandboxed to scripts only, from bytes checked against the recorded SHA-256.
 * Asking for either link is on the audit log like a download.
 */
async function showPreview(viewer: HTMLElement, item: EvidenceItem): Promise<void> {
  const title = L(E.previewTitle(item.fileName));
  let frame: HTMLIFrameElement;
  const note = h('p', { class: 'muted', role: 'status', 'data-preview-note': '' });
  if (previewOf(item.contentType) === 'pdf') {
    const { blob } = await fetchCheckedEvidence(item);
    const drawing = pdfFrame(await blob.arrayBuffer(), title);
    frame = drawing.frame;
    void drawing.outcome.then((o) => {
      note.textContent =
        o.kind === 'unreadable'
          ? L(E.previewUnreadable)
          : o.drawn < o.pages
            ? L(E.previewFirstPages(o.drawn, o.pages))
            : L(E.previewPages(o.pages));
      note.dataset.previewNote = o.kind;
    });
  } else {
    const link = await get('downloadEvidence', { params: { evidenceId: item.evidenceId } });
    if (!link.viewUrl) return;
    const { sandboxedFrame } = await import('../savedFile.ts');
    frame = sandboxedFrame(link.viewUrl, title);
  }
  const close = h(
    'button',
    {
      type: 'button',
      class: 'button button--small button--secondary',
      onclick: () => viewer.replaceChildren(),
    },
    L(E.previewClose),
  );
  viewer.replaceChildren(
    h(
      'figure',
      { class: 'evidence-preview', 'data-preview': item.evidenceId },
      h('figcaption', null, title, ' ', close),
      note,
      frame,
    ),
  );
  close.focus();
}

/** Every live file of the report: what it is, which fields it backs, its checksum and status. */
export function evidenceTable(store: EvidenceStore, opts: EvidenceTableOptions): HTMLElement {
  const wrap = h('div', { class: 'evidence-table' });
  const table = h('div');
  const viewer = h('div', { class: 'evidence-viewer' });
  wrap.append(table, viewer);
  const render = () => {
    const items = store.live();
    let body: Child;
    if (!store.available) body = h('p', { class: 'muted' }, L(E.unavailable));
    else if (!items.length) body = h('p', { class: 'muted' }, L(E.none));
    else
      body = h(
        'table',
        { class: 'table table--stack' },
        h('caption', { class: 'visually-hidden' }, L(opts.caption)),
        columnHeads(
          [E.fileCol, E.docCol, E.fieldsCol, E.statusCol, E.checksum].map((c) => L(c)),
          opts.canDownload || opts.canWithdraw ? h('th', { scope: 'col' }, L(E.actionsCol)) : null,
        ),
        h(
          'tbody',
          null,
          items.map((item) => {
            // A failed download or withdrawal is said beside its file, with a retry; the page stays.
            const failure = inlineFailure(opts.onError);
            return h(
              'tr',
              { 'data-evidence': item.evidenceId },
              h(
                'td',
                { 'data-label': L(E.fileCol) },
                h('span', { class: 'file-name' }, item.fileName),
                h('br'),
                h('span', { class: 'muted' }, fmtBytes(item.size)),
                item.signed
                  ? h(
                      'p',
                      { 'data-signed': '' },
                      h('span', { class: 'badge badge--ok' }, L(E.signed)),
                      ' ',
                      h('span', { class: 'muted small' }, L(E.signedNote)),
                    )
                  : null,
              ),
              h('td', { 'data-label': L(E.docCol) }, documentLine(item)),
              h(
                'td',
                { 'data-label': L(E.fieldsCol) },
                item.purpose === 'official_report'
                  ? L(E.officialReport)
                  : item.fields.map((f) => L(opts.labelOf(f))).join('; '),
              ),
              h(
                'td',
                { 'data-label': L(E.statusCol) },
                statusBadge(item),
                item.status === 'pending' && item.pendingUntil
                  ? h('p', { class: 'muted' }, L(E.waitingUntil(fmtDateTime(item.pendingUntil))))
                  : null,
                item.rejectedReason ? h('p', { class: 'field__error' }, L(item.rejectedReason)) : null,
                item.status === 'verified' ? (opts.decision?.(item) ?? null) : null,
              ),
              h(
                'td',
                { 'data-label': L(E.checksum) },
                h('code', { class: 'checksum', 'data-sha256': item.sha256 }, base64ToHex(item.sha256)),
              ),
              opts.canDownload || opts.canWithdraw
                ? h(
                    'td',
                    { 'data-label': L(E.actionsCol) },
                    opts.canDownload && item.status === 'verified'
                      ? h(
                          'button',
                          {
                            type: 'button',
                            class: 'button button--small',
                            'aria-label': L(E.downloadOf(item.fileName)),
                            onclick: () => void failure.run(() => downloadEvidence(item)),
                          },
                          L(E.download),
                        )
                      : null,
                    opts.canDownload && item.status === 'verified' && previewOf(item.contentType)
                      ? h(
                          'button',
                          {
                            type: 'button',
                            class: 'button button--small button--secondary',
                            'aria-label': L(E.previewOf(item.fileName)),
                            onclick: () => void failure.run(() => showPreview(viewer, item)),
                          },
                          L(E.preview),
                        )
                      : null,
                    opts.canWithdraw ? withdrawControl(store, item, failure) : null,
                    failure.el,
                  )
                : null,
            );
          }),
        ),
      );
    table.replaceChildren(body as Node);
    // A view of a file no longer live (withdrawn since) goes with it.
    const shown = viewer.querySelector<HTMLElement>('[data-preview]')?.dataset.preview;
    if (shown && !items.some((i) => i.evidenceId === shown && i.status === 'verified'))
      viewer.replaceChildren();
  };
  store.subscribe(render);
  render();
  return wrap;
}

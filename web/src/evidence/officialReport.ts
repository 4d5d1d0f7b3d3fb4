import { EVIDENCE_MAX_BYTES } from '#shared/contract/evidence';
import { h } from '../dom.ts';
import { L, fmtBytes } from '../i18n.ts';
import { UploadJob, type JobState } from './job.ts';
import { E } from './messages.ts';
import type { EvidenceStore } from './store.ts';

/**
 * The signed official report (Circular 06/2013: signed by the head of the agency), attached as a document of
 * its own kind: a PDF backing no field. The upload check then says whether it carries a digital signature.
 */
export function officialReportBox(store: EvidenceStore, year: number): HTMLElement {
  const input = h('input', {
    id: 'official-report-file',
    type: 'file',
    accept: '.pdf,application/pdf',
    'aria-describedby': 'official-report-hint official-report-status',
  });
  const status = h('p', { class: 'upload__status', id: 'official-report-status', role: 'status' });
  const send = h(
    'button',
    { type: 'button', class: 'button', 'data-action': 'upload-official-report' },
    L(E.upload),
  );
  const show = (state: JobState) => {
    send.disabled = !['failed', 'rejected', 'done'].includes(state.step);
    status.textContent =
      state.step === 'done'
        ? L(E.done(state.item.fileName))
        : state.step === 'failed'
          ? state.network
            ? L(E.failedNetwork)
            : L(E.failed(L(state.message) || '—'))
          : state.step === 'rejected'
            ? L(E.rejected(L(state.reason) || '—'))
            : state.step === 'uploading'
              ? L(E.uploading(fmtBytes(state.loaded), fmtBytes(state.total), ''))
              : L(
                  state.step === 'hashing'
                    ? E.hashing
                    : state.step === 'declaring'
                      ? E.declaring
                      : E.checking,
                );
  };
  send.addEventListener('click', () => {
    const file = input.files?.[0];
    const problem = !file
      ? E.errNoFile
      : !/\.pdf$/i.test(file.name)
        ? E.errPdf
        : file.size === 0
          ? E.errEmpty
          : file.size > EVIDENCE_MAX_BYTES
            ? E.errSize(fmtBytes(EVIDENCE_MAX_BYTES))
            : undefined;
    if (problem || !file) {
      status.textContent = L(problem);
      input.focus();
      return;
    }
    const job = new UploadJob(
      store,
      year,
      file,
      'application/pdf',
      [],
      { title: L(E.officialReportTitle(year)) },
      show,
      'official_report',
    );
    void job.start();
  });
  return h(
    'div',
    { class: 'official-report', 'data-official-report': '' },
    h('h3', null, L(E.officialReport)),
    h('p', { class: 'hint', id: 'official-report-hint' }, L(E.officialReportHint)),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: input.id }, L(E.officialReportFile)),
      input,
    ),
    h('p', { class: 'actions' }, send),
    status,
  );
}

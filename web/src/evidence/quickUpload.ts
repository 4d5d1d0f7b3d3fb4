import type { EvidenceContentType, EvidencePurpose } from '#shared/contract/evidence';
import { EVIDENCE_MAX_BYTES } from '#shared/contract/evidence';
import { h } from '../dom.ts';
import { L, fmtBytes } from '../i18n.ts';
import type { EvidenceItem } from '../types.ts';
import { UploadJob, type JobState } from './job.ts';
import { E } from './messages.ts';
import type { EvidenceStore } from './store.ts';
import { contentTypeOf, TYPE_LABELS } from './upload.ts';

export interface QuickUploadOptions {
  readonly store: EvidenceStore;
  readonly year: number;
  /** Prefix of the elements' ids, unique on the page. */
  readonly id: string;
  readonly label: string;
  readonly accept: string;
  /** Only this type, when the document must be one (the official report is a PDF). */
  readonly only?: EvidenceContentType;
  readonly fields: () => readonly string[];
  readonly title: () => string;
  readonly purpose?: EvidencePurpose;
  readonly onDone?: (item: EvidenceItem) => void;
}

/**
 * A file input and its upload, with no more to describe than a title given by the caller: the signed official
 * report, or a document sent with an objection. The same job as the field boxes' (hash, declare, upload,
 * check), so a large file goes up in parts and resumes.
 */
export function quickUpload(opts: QuickUploadOptions): HTMLElement {
  const input = h('input', {
    id: `${opts.id}-file`,
    type: 'file',
    accept: opts.accept,
    'aria-describedby': `${opts.id}-status`,
  });
  const status = h('p', { class: 'upload__status', id: `${opts.id}-status`, role: 'status' });
  const send = h(
    'button',
    { type: 'button', class: 'button button--secondary', 'data-upload': opts.id },
    L(E.upload),
  );
  const show = (state: JobState) => {
    send.disabled = !['failed', 'rejected', 'done'].includes(state.step);
    if (state.step === 'done') opts.onDone?.(state.item);
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
    const type = file ? contentTypeOf(file) : undefined;
    const problem = !file
      ? E.errNoFile
      : !type || (opts.only && type !== opts.only)
        ? opts.only === 'application/pdf'
          ? E.errPdf
          : E.errType(TYPE_LABELS)
        : file.size === 0
          ? E.errEmpty
          : file.size > EVIDENCE_MAX_BYTES
            ? E.errSize(fmtBytes(EVIDENCE_MAX_BYTES))
            : undefined;
    if (problem || !file || !type) {
      status.textContent = L(problem);
      input.focus();
      return;
    }
    const job = new UploadJob(
      opts.store,
      opts.year,
      file,
      type,
      opts.fields(),
      { title: opts.title() },
      show,
      opts.purpose,
    );
    void job.start();
  });
  return h(
    'div',
    { class: 'quick-upload' },
    h('div', { class: 'field' }, h('label', { class: 'label', for: input.id }, opts.label), input),
    h('p', { class: 'actions' }, send),
    status,
  );
}

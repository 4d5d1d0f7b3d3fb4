import type { CatalogField } from '#shared/catalog/types';
import { h } from '../dom.ts';
import { L, fmtBytes, fmtNumber } from '../i18n.ts';
import type { EvidenceDocument } from '../types.ts';
import { UploadJob, type JobState } from './job.ts';
import { documentLine, statusBadge } from './list.ts';
import { E } from './messages.ts';
import type { EvidenceStore } from './store.ts';
import { ACCEPT, TYPE_LABELS, contentTypeOf } from './upload.ts';
import { EVIDENCE_MAX_BYTES } from '#shared/contract/evidence';

export interface FieldBoxOptions {
  readonly field: CatalogField;
  readonly store: EvidenceStore;
  readonly year: number;
  readonly editable: boolean;
  /** Fields that need evidence right now, offered as what one document may also support. */
  readonly candidates: () => CatalogField[];
}

function errorLine(id: string): HTMLParagraphElement {
  return h('p', { class: 'field__error', id, hidden: true });
}

function setError(input: HTMLElement, line: HTMLElement, text: string | undefined, hintId?: string): void {
  line.textContent = text ?? '';
  line.hidden = !text;
  input.setAttribute('aria-invalid', String(Boolean(text)));
  const ids = [hintId, text ? line.id : undefined].filter(Boolean).join(' ');
  if (ids) input.setAttribute('aria-describedby', ids);
  else input.removeAttribute('aria-describedby');
}

/** The upload form: a file (picked or dropped), what document it is, and which fields it backs. */
function uploadPanel(opts: FieldBoxOptions, panelId: string, onDone: () => void) {
  const p = `${panelId}-`;
  const maxText = fmtBytes(EVIDENCE_MAX_BYTES);
  let chosen: File | undefined;
  const fileInput = h('input', { type: 'file', id: `${p}file`, accept: ACCEPT });
  const fileHintId = `${p}file-hint`;
  const fileErr = errorLine(`${p}file-err`);
  const chosenLine = h('p', { class: 'muted', 'aria-live': 'polite' });
  const choose = (file: File | undefined) => {
    chosen = file;
    chosenLine.textContent = file ? L(E.chosen(file.name, fmtBytes(file.size))) : '';
    setError(fileInput, fileErr, undefined, fileHintId);
  };
  fileInput.addEventListener('change', () => choose(fileInput.files?.[0]));
  const drop = h(
    'div',
    { class: 'dropzone' },
    h('p', null, L(E.drop)),
    h('label', { for: fileInput.id, class: 'label' }, L(E.fileLabel)),
    h('p', { class: 'hint', id: fileHintId }, L(E.fileHint(TYPE_LABELS, maxText))),
    fileInput,
    chosenLine,
    fileErr,
  );
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('dropzone--over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dropzone--over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('dropzone--over');
    const file = e.dataTransfer?.files[0];
    if (file) choose(file);
  });

  const text = (key: string, label: string, attrs: Record<string, string | number> = {}, hint?: string) => {
    const input = h('input', { id: `${p}${key}`, type: 'text', autocomplete: 'off', ...attrs });
    const hintEl = hint ? h('p', { class: 'hint', id: `${p}${key}-hint` }, hint) : null;
    if (hintEl) input.setAttribute('aria-describedby', hintEl.id);
    return {
      input,
      row: h(
        'div',
        { class: 'field field--compact' },
        h('label', { for: input.id, class: 'label' }, label),
        hintEl,
        input,
      ),
    };
  };
  const number = text('number', L(E.number), { maxlength: 100 }, L(E.numberHint));
  const title = text('title', L(E.title), { maxlength: 300 });
  const titleErr = errorLine(`${p}title-err`);
  title.row.append(titleErr);
  const issued = text('issued', L(E.issuedOn), { type: 'date' });
  const summary = h('textarea', { id: `${p}summary`, rows: 2, maxlength: 2000 });

  let boxes: HTMLInputElement[] = [];
  const coversErr = errorLine(`${p}covers-err`);
  const coverList = h('div');
  const covers = h(
    'fieldset',
    { class: 'checkboxes' },
    h('legend', { class: 'label' }, L(E.covers)),
    coverList,
    coversErr,
  );
  // Which fields need proof changes as the form is filled in, so the choice is laid out each time it opens.
  const layoutCovers = () => {
    const checked = new Set(boxes.filter((b) => b.checked).map((b) => b.value));
    checked.add(opts.field.code);
    const candidates = opts.candidates();
    if (!candidates.some((f) => f.code === opts.field.code)) candidates.unshift(opts.field);
    boxes = candidates.map((f) =>
      h('input', {
        type: 'checkbox',
        id: `${p}cover-${f.code}`,
        value: f.code,
        checked: checked.has(f.code),
      }),
    );
    coverList.replaceChildren(
      ...candidates.map((f, i) =>
        h('label', { class: 'checkbox', for: boxes[i]!.id }, boxes[i]!, h('span', null, L(f.label))),
      ),
    );
  };

  const progress = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': L(E.progressLabel) });
  const statusLine = h('p', { class: 'upload__status', role: 'status' });
  const retry = h('button', { type: 'button', class: 'button button--secondary', hidden: true }, L(E.retry));
  const submit = h('button', { type: 'button', class: 'button' }, L(E.upload));
  let job: UploadJob | undefined;

  const show = (state: JobState) => {
    progress.hidden = state.step !== 'uploading' && state.step !== 'checking';
    retry.hidden = !(state.step === 'failed' && state.retryable);
    // Busy only while a file is on its way: after one is done, the next can be sent from the same panel.
    submit.disabled = !['failed', 'rejected', 'done'].includes(state.step);
    statusLine.className = `upload__status${state.step === 'failed' || state.step === 'rejected' ? ' upload__status--error' : ''}`;
    switch (state.step) {
      case 'hashing':
        statusLine.textContent = L(E.hashing);
        break;
      case 'declaring':
        statusLine.textContent = L(E.declaring);
        break;
      case 'uploading': {
        const pct = state.total ? Math.round((state.loaded / state.total) * 100) : 0;
        progress.value = pct;
        const left = state.bytesPerSecond
          ? Math.ceil((state.total - state.loaded) / state.bytesPerSecond)
          : undefined;
        statusLine.textContent =
          L(E.uploading(fmtBytes(state.loaded), fmtBytes(state.total), `${fmtNumber(pct, 0)}%`)) +
          (left !== undefined && left > 0 ? L(E.timeLeft(Math.floor(left / 60), left % 60)) : '');
        break;
      }
      case 'checking':
        progress.value = 100;
        statusLine.textContent = L(E.checking);
        break;
      case 'done':
        statusLine.textContent = L(E.done(state.item.fileName));
        job = undefined;
        clear();
        onDone();
        break;
      case 'failed':
        statusLine.textContent = state.network ? L(E.failedNetwork) : L(E.failed(L(state.message) || '—'));
        break;
      case 'rejected':
        statusLine.textContent = L(E.rejected(L(state.reason) || '—'));
        job = undefined;
        break;
    }
  };

  // After a file is in, the panel is ready for the next one: nothing of the last file's details is left to be
  // sent again by mistake, and the fields it backs are offered afresh.
  const clear = () => {
    fileInput.value = '';
    choose(undefined);
    for (const input of [number.input, title.input, issued.input]) input.value = '';
    summary.value = '';
    boxes = [];
    layoutCovers();
  };

  retry.addEventListener('click', () => void job?.retry());
  submit.addEventListener('click', () => {
    const type = chosen ? contentTypeOf(chosen) : undefined;
    const fileProblem = !chosen
      ? E.errNoFile
      : !type
        ? E.errType(TYPE_LABELS)
        : chosen.size === 0
          ? E.errEmpty
          : chosen.size > EVIDENCE_MAX_BYTES
            ? E.errSize(maxText)
            : undefined;
    setError(fileInput, fileErr, fileProblem && L(fileProblem), fileHintId);
    const titleText = title.input.value.trim();
    setError(title.input, titleErr, titleText ? undefined : L(E.errTitle));
    const fields = boxes.filter((b) => b.checked).map((b) => b.value);
    coversErr.textContent = fields.length ? '' : L(E.errFields);
    coversErr.hidden = fields.length > 0;
    const firstBad = fileProblem
      ? fileInput
      : !titleText
        ? title.input
        : !fields.length
          ? boxes[0]
          : undefined;
    if (firstBad) {
      firstBad.focus();
      return;
    }
    const doc: EvidenceDocument = {
      title: titleText,
      ...(number.input.value.trim() ? { number: number.input.value.trim() } : {}),
      ...(issued.input.value ? { issuedOn: issued.input.value } : {}),
      ...(summary.value.trim() ? { summary: summary.value.trim() } : {}),
    };
    job = new UploadJob(opts.store, opts.year, chosen!, type!, fields, doc, show);
    void job.start();
  });

  const panel = h(
    'div',
    { class: 'upload', id: panelId, hidden: true },
    drop,
    number.row,
    title.row,
    issued.row,
    h(
      'div',
      { class: 'field field--compact' },
      h('label', { for: summary.id, class: 'label' }, L(E.summary)),
      summary,
    ),
    covers,
    h('div', { class: 'upload__actions' }, submit, retry),
    progress,
    statusLine,
  );
  return { panel, layoutCovers };
}

/** Under a field that needs proof: the documents that back it and, while editable, a way to add one. */
export function fieldEvidenceBox(opts: FieldBoxOptions): HTMLElement {
  const { field } = opts;
  const kind = field.evidence.rule === 'none' ? undefined : field.evidence.kind;
  const list = h('ul', { class: 'evidence__list' });
  const panelId = `up-${field.code}`;
  const headingId = `ev-${field.code}-h`;
  const box = h(
    'div',
    { class: 'evidence', 'data-evidence-for': field.code, role: 'group', 'aria-labelledby': headingId },
    h('p', { class: 'evidence__need', id: headingId }, h('strong', null, `${L(E.needed)}: `), L(kind)),
    list,
  );
  const renderList = () => {
    const items = opts.store.forField(field.code);
    list.replaceChildren(
      ...(items.length
        ? items.map((item) =>
            h(
              'li',
              { 'data-evidence': item.evidenceId },
              h('span', { class: 'file-name' }, item.fileName),
              ' ',
              statusBadge(item),
              h('br'),
              h('span', { class: 'muted' }, documentLine(item)),
              item.rejectedReason ? h('span', { class: 'field__error' }, ` ${L(item.rejectedReason)}`) : null,
            ),
          )
        : [h('li', { class: 'muted' }, opts.store.available ? L(E.none) : L(E.unavailable))]),
    );
  };
  opts.store.subscribe(renderList);
  renderList();
  if (!opts.editable) return box;

  const toggle = h(
    'button',
    { type: 'button', class: 'button button--secondary', 'aria-expanded': 'false', 'aria-controls': panelId },
    L(E.add),
  );
  const { panel, layoutCovers } = uploadPanel(opts, panelId, () => undefined);
  toggle.addEventListener('click', () => {
    const open = panel.hidden;
    if (open) layoutCovers();
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    toggle.textContent = open ? L(E.close) : L(E.add);
    if (open) panel.querySelector<HTMLElement>('input[type=file]')?.focus();
  });
  box.append(toggle, panel);
  return box;
}

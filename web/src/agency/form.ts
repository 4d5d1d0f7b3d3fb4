import type { CatalogField } from '#shared/catalog/types';
import { h } from '../dom.ts';
import { L, fmtDateTime } from '../i18n.ts';
import type { PublicCatalog, ReviewComment, LevelRef } from '../types.ts';
import { indicatorPanel } from './indicators.ts';
import { controlFor, hintOf, inputId, type FieldControl } from './inputs.ts';
import { A } from './messages.ts';

export interface FieldView {
  readonly field: CatalogField;
  readonly control: FieldControl;
  readonly block: HTMLElement;
  /** Where the evidence box goes; hidden while the field needs no evidence. */
  readonly evidenceSlot: HTMLElement;
  /**
   * `errors` keep a value from being saved; `ruleErrors` (cross-field rules) do not, but block submission, so
   * they look like errors too.
   */
  setMessages(errors: readonly string[], ruleErrors: readonly string[]): void;
  /** Shown or hidden as the catalog's conditions hold, and marked required while one makes it so. */
  setApplies(applies: boolean, required: boolean): void;
  /** Marks a value copied from last year until the user confirms it (onConfirm) or changes it. */
  setCopied(fromYear: number | undefined, onConfirm?: () => void): void;
}

export interface SectionView {
  readonly id: string;
  readonly required: readonly string[];
  readonly progress: HTMLElement;
  readonly indicators: ReturnType<typeof indicatorPanel>;
}

export interface FormView {
  readonly element: HTMLElement;
  readonly toc: HTMLElement;
  readonly fields: ReadonlyMap<string, FieldView>;
  readonly sections: readonly SectionView[];
}

export const sectionAnchor = (id: string) => `sec-${id}`;

function fieldBlock(
  f: CatalogField,
  comments: readonly ReviewComment[],
  onInput: (code: string) => void,
): FieldView {
  const id = inputId(f.code);
  const control = controlFor(f, () => onInput(f.code));
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const warnId = `${id}-warn`;
  const commentId = `${id}-comment`;
  const unit = 'unit' in f && f.unit ? L(f.unit) : '';
  const hint = [L(f.help), unit && `${L(A.unitWord)}: ${unit}`, hintOf(f)].filter(Boolean).join(' · ');
  const marker = h('span', { 'data-required-marker': '' });
  const mark = (required: boolean) => {
    marker.className = required ? 'req' : 'opt';
    marker.textContent = `(${L(required ? A.required : A.optional)})`;
  };
  mark(f.required);
  const labelText = [h('span', null, L(f.label)), ' ', marker];
  const errorEl = h('p', { class: 'field__error', id: errId, hidden: true });
  const warnEl = h('p', { class: 'field__error field__rule', id: warnId, hidden: true });
  const commentEl = comments.length
    ? h(
        'div',
        { class: 'comment', id: commentId, 'data-comment-for': f.code },
        h('p', { class: 'comment__title' }, L(A.reviewerComment)),
        comments.map((c) =>
          h('p', null, c.text, ' ', h('span', { class: 'muted' }, `(${fmtDateTime(c.at)})`)),
        ),
      )
    : null;
  const evidenceSlot = h('div', { class: 'evidence-slot', hidden: true });
  const copiedNote = h('p', { class: 'field__copied', 'data-copied': f.code, hidden: true });
  const body = [
    h('p', { class: 'hint', id: hintId }, hint),
    h(
      'div',
      { class: 'input-row' },
      control.element,
      unit ? h('span', { class: 'unit', 'aria-hidden': 'true' }, unit) : null,
    ),
    copiedNote,
    errorEl,
    warnEl,
    commentEl,
    evidenceSlot,
  ];
  const block =
    f.type === 'boolean'
      ? h(
          'fieldset',
          { class: 'field', id: `field-${f.code}`, 'data-field': f.code },
          h('legend', { class: 'label' }, labelText),
          body,
        )
      : h(
          'div',
          { class: 'field', id: `field-${f.code}`, 'data-field': f.code },
          h('label', { class: 'label', for: id }, labelText),
          body,
        );
  const describe = (hasError: boolean, hasWarning: boolean) =>
    control.setDescribedBy(
      [hintId, hasError && errId, hasWarning && warnId, commentEl && commentId].filter(Boolean).join(' '),
    );
  describe(false, false);
  return {
    field: f,
    control,
    block,
    evidenceSlot,
    setMessages(errors, ruleErrors) {
      errorEl.textContent = errors.join(' ');
      errorEl.hidden = errors.length === 0;
      warnEl.textContent = ruleErrors.length ? `${L(A.ruleError)}: ${ruleErrors.join(' ')}` : '';
      warnEl.hidden = ruleErrors.length === 0;
      const invalid = errors.length > 0 || ruleErrors.length > 0;
      control.setInvalid(invalid);
      block.classList.toggle('field--invalid', invalid);
      describe(errors.length > 0, ruleErrors.length > 0);
    },
    setApplies(applies, required) {
      block.hidden = !applies;
      mark(required);
    },
    setCopied(fromYear, onConfirm) {
      copiedNote.hidden = fromYear === undefined;
      block.classList.toggle('field--copied', fromYear !== undefined);
      if (fromYear === undefined) {
        copiedNote.replaceChildren();
        return;
      }
      const confirm = h(
        'button',
        { type: 'button', class: 'link-button', 'data-action': 'confirm-copied' },
        L(A.confirmCopied),
      );
      confirm.addEventListener('click', () => onConfirm?.());
      copiedNote.replaceChildren(`${L(A.copiedFrom(fromYear))} `, confirm);
    },
  };
}

/** The whole form, laid out from the catalog: its sections in order, their fields and their indicators. */
export function renderForm(
  catalog: PublicCatalog,
  opts: {
    readonly level: LevelRef | undefined;
    readonly comments: ReadonlyMap<string, readonly ReviewComment[]>;
    readonly onInput: (code: string) => void;
  },
): FormView {
  const byCode = new Map(catalog.fields.map((f) => [f.code, f]));
  const fields = new Map<string, FieldView>();
  const sections: SectionView[] = [];
  const tocItems: HTMLElement[] = [];
  const sectionEls = catalog.sections.map((s) => {
    const views = s.fields.flatMap((code) => {
      const f = byCode.get(code);
      if (!f) return [];
      const view = fieldBlock(f, opts.comments.get(code) ?? [], opts.onInput);
      fields.set(code, view);
      return [view];
    });
    const progress = h('span', { class: 'toc__progress' });
    const indicators = indicatorPanel(catalog, s.indicators, opts.level);
    sections.push({
      id: s.id,
      required: views.filter((v) => v.field.required).map((v) => v.field.code),
      progress,
      indicators,
    });
    const headingId = `${sectionAnchor(s.id)}-h`;
    tocItems.push(
      h(
        'li',
        null,
        h('a', { href: `#${sectionAnchor(s.id)}`, 'data-section-link': s.id }, `${s.order}. ${L(s.title)}`),
        ' ',
        progress,
      ),
    );
    return h(
      'section',
      { class: 'form-section', id: sectionAnchor(s.id), 'aria-labelledby': headingId },
      h('h2', { id: headingId }, `${s.order}. ${L(s.title)}`),
      s.help ? h('p', { class: 'section-help' }, L(s.help)) : null,
      views.map((v) => v.block),
      indicators.element,
    );
  });
  const toc = h(
    'nav',
    { class: 'toc', 'aria-labelledby': 'toc-h' },
    h('h2', { id: 'toc-h', class: 'toc__title' }, L(A.contents)),
    h('ol', null, tocItems),
  );
  return { element: h('div', { class: 'form-sections' }, sectionEls), toc, fields, sections };
}

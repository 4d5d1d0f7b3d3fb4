import { dayMonthYear } from '#shared/catalog/messages';
import type { CatalogField, FieldValue } from '#shared/catalog/types';
import { h } from '../dom.ts';
import { L, fmtNumber, lang, type Lang } from '../i18n.ts';
import { M } from '../messages.ts';
import { A } from './messages.ts';

/*
 * One control per catalog field type. Numbers are text inputs with a numeric keypad: people type "1.500" for
 * fifteen hundred in Vietnamese and "1,500" in English, which <input type=number> would turn into 1.5 or reject.
 */
export const inputId = (code: string) => `f-${code}`;

const SPACES = /[\s\u00a0\u202f]/g;

/**
 * Whether a number read from `raw` could have been meant otherwise: a lone separator of the thousands kind
 * ("1.500" in Vietnamese is fifteen hundred, but someone used to English may have meant one and a half, and
 * "12.5" is read as twelve and a half only because it cannot be a grouping).
 */
export function isAmbiguousNumber(raw: string, language: Lang = lang()): boolean {
  const s = raw.replace(SPACES, '');
  const [thousands, decimal] = language === 'vi' ? ['.', ','] : [',', '.'];
  return (
    !s.includes(decimal) && s.split(thousands).length === 2 && typeof parseNumber(s, language) === 'number'
  );
}

/** The number typed, or the raw text when it is not one (the shared schema then explains what is wrong). */
export function parseNumber(raw: string, language: Lang = lang()): number | string | null {
  let s = raw.replace(SPACES, '');
  if (s === '') return null;
  if (!/^-?[\d.,]+$/.test(s)) return raw.trim();
  const [thousands, decimal] = language === 'vi' ? ['.', ','] : [',', '.'];
  const count = (c: string) => s.split(c).length - 1;
  if (s.includes(thousands) && s.includes(decimal)) {
    if (s.lastIndexOf(decimal) < s.lastIndexOf(thousands) || count(decimal) > 1) return raw.trim();
    s = s.split(thousands).join('').replace(decimal, '.');
  } else if (s.includes(thousands)) {
    const grouped = new RegExp(`^-?\\d{1,3}(\\${thousands}\\d{3})+$`);
    if (grouped.test(s)) s = s.split(thousands).join('');
    else if (count(thousands) === 1) s = s.replace(thousands, '.');
    else return raw.trim();
  } else if (s.includes(decimal)) {
    if (count(decimal) > 1) return raw.trim();
    s = s.replace(decimal, '.');
  }
  const n = Number(s);
  return Number.isFinite(n) ? n : raw.trim();
}

/** How a number goes back into its box: no grouping, the language's decimal mark. */
export function numberText(n: number, language: Lang = lang()): string {
  const s = String(n);
  return language === 'vi' ? s.replace('.', ',') : s;
}

export function hintOf(f: CatalogField): string {
  switch (f.type) {
    case 'integer':
    case 'decimal':
    case 'percent':
      return L(A.range(fmtNumber(f.min), fmtNumber(f.max)));
    case 'text':
      return L(A.maxChars(fmtNumber(f.maxLength)));
    case 'date':
      return f.min && f.max ? L(A.range(dayMonthYear(f.min), dayMonthYear(f.max))) : '';
    default:
      return '';
  }
}

export interface FieldControl {
  /** The element that takes focus when a summary link points at the field. */
  readonly focusTarget: HTMLElement;
  readonly element: HTMLElement;
  read(): FieldValue | string | undefined;
  write(value: FieldValue | string | undefined): void;
  setDescribedBy(ids: string): void;
  setInvalid(invalid: boolean): void;
}

function describe(el: HTMLElement, ids: string): void {
  if (ids) el.setAttribute('aria-describedby', ids);
  else el.removeAttribute('aria-describedby');
}

export function controlFor(f: CatalogField, onInput: () => void): FieldControl {
  const id = inputId(f.code);
  if (f.type === 'boolean') {
    // The field's fieldset and legend label the pair; each radio carries the description and state.
    const radios = [true, false].map((v) =>
      h('input', {
        type: 'radio',
        name: id,
        id: `${id}-${v ? 'yes' : 'no'}`,
        value: v ? 'true' : 'false',
        oninput: onInput,
      }),
    );
    const group = h(
      'div',
      { class: 'radios' },
      radios.map((r, i) =>
        h('label', { class: 'radio', for: r.id }, r, h('span', null, L(i === 0 ? M.yes : M.no))),
      ),
    );
    return {
      get focusTarget() {
        return radios.find((r) => r.checked) ?? radios[0]!;
      },
      element: group,
      read: () => {
        const on = radios.find((r) => r.checked);
        return on ? on.value === 'true' : null;
      },
      write: (v) =>
        radios.forEach((r) => (r.checked = v !== null && v !== undefined && r.value === String(v))),
      setDescribedBy: (ids) => radios.forEach((r) => describe(r, ids)),
      setInvalid: (bad) => radios.forEach((r) => r.setAttribute('aria-invalid', String(bad))),
    };
  }
  let input: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  if (f.type === 'choice') {
    input = h(
      'select',
      { id, oninput: onInput },
      h('option', { value: '' }, L(A.choose)),
      f.choices.map((c) => h('option', { value: c.value }, L(c.label))),
    );
  } else if (f.type === 'text' && f.maxLength > 200) {
    input = h('textarea', { id, rows: 3, maxlength: f.maxLength, oninput: onInput });
  } else if (f.type === 'text') {
    input = h('input', { id, type: 'text', maxlength: f.maxLength, autocomplete: 'off', oninput: onInput });
  } else if (f.type === 'date') {
    input = h('input', { id, type: 'date', min: f.min, max: f.max, oninput: onInput });
  } else {
    input = h('input', {
      id,
      type: 'text',
      inputmode: f.type === 'integer' ? 'numeric' : 'decimal',
      autocomplete: 'off',
      spellcheck: 'false',
      class: 'input--number',
      oninput: onInput,
    });
  }
  const numeric = f.type === 'integer' || f.type === 'decimal' || f.type === 'percent';
  // A number is echoed back as it was read, so "1.500" read as fifteen hundred is seen to be so.
  const echo = numeric ? h('output', { class: 'number-echo', for: id, 'data-echo': f.code }) : null;
  const updateEcho = () => {
    if (!echo) return;
    const v = parseNumber(input.value);
    const ambiguous = typeof v === 'number' && isAmbiguousNumber(input.value);
    echo.textContent =
      typeof v !== 'number'
        ? ''
        : L(ambiguous ? A.readAsAmbiguous(fmtNumber(v, 6)) : A.readAs(fmtNumber(v, 6)));
    echo.classList.toggle('number-echo--ambiguous', ambiguous);
    echo.dataset.ambiguous = String(ambiguous);
  };
  input.addEventListener('input', updateEcho);
  return {
    focusTarget: input,
    element: echo ? h('span', { class: 'number-box' }, input, echo) : input,
    read: () => {
      const raw = input.value;
      if (numeric) return parseNumber(raw);
      // Blank text clears the field (null); the schema treats "" as a value, which it is not.
      return raw.trim() === '' ? null : raw;
    },
    write: (v) => {
      if (v === null || v === undefined) input.value = '';
      else if (typeof v === 'number') input.value = numberText(v);
      else input.value = String(v);
      updateEcho();
    },
    setDescribedBy: (ids) => describe(input, ids),
    setInvalid: (bad) => input.setAttribute('aria-invalid', String(bad)),
  };
}

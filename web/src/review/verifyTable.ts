import type { CatalogField, FieldValue } from '#shared/catalog/types';
import { h } from '../dom.ts';
import { parseNumber, numberText } from '../agency/inputs.ts';
import { formatValue } from '../format.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { M } from '../messages.ts';
import type { PublicCatalog, Report } from '../types.ts';
import { R } from './messages.ts';

export interface VerifyRow {
  readonly field: CatalogField;
  /** undefined: left empty (not verified); otherwise the parsed value, or raw text that failed to parse. */
  value(): FieldValue | string | undefined;
  comment(): string;
  setError(text: string | undefined): void;
  focus(): void;
}

/** An input for one field's value, read as the catalog's type (raw text when it does not parse). */
export function valueControl(
  f: CatalogField,
  id: string,
  label: string,
  initial: FieldValue | undefined,
  disabled: boolean,
) {
  const common = { id, 'aria-label': label, disabled };
  if (f.type === 'boolean' || f.type === 'choice') {
    const options: [string, string][] =
      f.type === 'boolean'
        ? [
            ['', L(R.notSet)],
            ['true', L(M.yes)],
            ['false', L(M.no)],
          ]
        : [['', L(R.notSet)], ...f.choices.map((c): [string, string] => [c.value, L(c.label)])];
    const el = h(
      'select',
      common,
      options.map(([v, t]) => h('option', { value: v }, t)),
    );
    el.value = initial === undefined || initial === null ? '' : String(initial);
    return {
      el,
      read: (): FieldValue | string | undefined =>
        el.value === '' ? undefined : f.type === 'boolean' ? el.value === 'true' : el.value,
    };
  }
  const numeric = f.type === 'integer' || f.type === 'decimal' || f.type === 'percent';
  const el = h('input', {
    ...common,
    type: f.type === 'date' ? 'date' : 'text',
    inputmode: numeric ? 'decimal' : undefined,
    autocomplete: 'off',
    class: numeric ? 'input--number' : undefined,
  });
  el.value =
    initial === undefined || initial === null
      ? ''
      : typeof initial === 'number'
        ? numberText(initial)
        : String(initial);
  return {
    el,
    read: (): FieldValue | string | undefined => {
      if (el.value.trim() === '') return undefined;
      return numeric ? (parseNumber(el.value) ?? undefined) : el.value;
    },
  };
}

/** One table per section: what the unit reported beside what the auditor verified, row by row. */
export function verifyTables(
  catalog: PublicCatalog,
  report: Report,
  editable: boolean,
  /** Who recorded a verified value, by name. */
  reviewer: (sub: string) => HTMLElement,
) {
  const byCode = new Map(catalog.fields.map((f) => [f.code, f]));
  const rows: VerifyRow[] = [];
  const sections = catalog.sections.map((s) => {
    const trs = s.fields.flatMap((code) => {
      const f = byCode.get(code);
      if (!f) return [];
      const v = report.verification[code];
      const value = valueControl(
        f,
        `v-${code}`,
        L(R.verifiedOf(L(f.label))),
        v?.value ?? undefined,
        !editable,
      );
      const comment = h('input', {
        id: `c-${code}`,
        type: 'text',
        'aria-label': L(R.commentOf(L(f.label))),
        maxlength: 2000,
        disabled: !editable,
        autocomplete: 'off',
      });
      comment.value = v?.comment ?? '';
      const err = h('p', { class: 'field__error', id: `v-${code}-err`, hidden: true });
      const differs = v?.value !== undefined && v.value !== report.values[code];
      rows.push({
        field: f,
        value: value.read,
        comment: () => comment.value.trim(),
        setError: (text) => {
          err.textContent = text ?? '';
          err.hidden = !text;
          value.el.setAttribute('aria-invalid', String(Boolean(text)));
          if (text) value.el.setAttribute('aria-describedby', err.id);
          else value.el.removeAttribute('aria-describedby');
        },
        focus: () => value.el.focus(),
      });
      return [
        h(
          'tr',
          { 'data-field': code, class: differs ? 'row--differs' : undefined },
          h('th', { scope: 'row', 'data-label': L(R.field) }, L(f.label)),
          h(
            'td',
            { 'data-label': L(R.reported), 'data-reported': code },
            formatValue(f, report.values[code]),
          ),
          h(
            'td',
            { 'data-label': L(R.verified) },
            value.el,
            err,
            v
              ? h(
                  'p',
                  { class: 'muted small' },
                  L(R.verifiedByPrefix),
                  reviewer(v.by),
                  `, ${fmtDateTime(v.at)}`,
                )
              : null,
          ),
          h('td', { 'data-label': L(R.comment) }, comment),
        ),
      ];
    });
    const headingId = `vsec-${s.id}`;
    return h(
      'section',
      { class: 'review-section', 'aria-labelledby': headingId },
      h('h2', { id: headingId }, `${s.order}. ${L(s.title)}`),
      h(
        'table',
        { class: 'table table--stack verify-table' },
        h('caption', { class: 'visually-hidden' }, `${s.order}. ${L(s.title)}`),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [R.field, R.reported, R.verified, R.comment].map((c) => h('th', { scope: 'col' }, L(c))),
          ),
        ),
        h('tbody', null, trs),
      ),
    );
  });
  return { sections, rows };
}

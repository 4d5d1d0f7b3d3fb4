import { computeIndicators } from '#shared/catalog/formulas';
import type { ReportValues } from '#shared/catalog/types';
import { asCatalog } from '../catalog.ts';
import { h } from '../dom.ts';
import { base64ToHex } from '../evidence/checksum.ts';
import { documentLine } from '../evidence/list.ts';
import type { EvidenceStore } from '../evidence/store.ts';
import { formatValue } from '../format.ts';
import { L, fmtDateTime } from '../i18n.ts';
import type { PublicCatalog } from '../types.ts';
import { formatIndicator } from './indicators.ts';
import { A } from './messages.ts';

/**
 * The report as a document to print and sign: what the screen shows as a form, the printer gets as sections of
 * values, the indicators, the evidence with its checksums and a signature block for the head of the agency.
 * Built afresh before each print from the values that apply.
 */
export function printView(opts: {
  catalog: PublicCatalog;
  year: number;
  unitLine: string;
  values: () => ReportValues;
  version: () => number;
  store: EvidenceStore;
}): HTMLElement {
  const root = h('article', { class: 'print-report print-only', 'aria-hidden': 'true' });
  const fields = new Map(opts.catalog.fields.map((f) => [f.code, f]));
  const draw = () => {
    const values = opts.values();
    const indicators = computeIndicators(asCatalog(opts.catalog), values);
    const sections = opts.catalog.sections.map((s) => {
      const rows = s.fields
        .filter((code) => values[code] !== undefined)
        .map((code) => [
          h('dt', null, L(fields.get(code)?.label)),
          h('dd', null, formatValue(fields.get(code), values[code])),
        ]);
      const shown = opts.catalog.indicators.filter((i) => s.indicators.includes(i.code));
      return h(
        'section',
        { class: 'print-section', 'data-print-section': s.id },
        h('p', { class: 'print-report__section' }, `${s.order}. ${L(s.title)}`),
        rows.length
          ? h('dl', { class: 'print-values' }, rows)
          : h('p', { class: 'muted' }, L(A.printNothing)),
        shown.length
          ? h(
              'ul',
              { class: 'print-indicators' },
              shown.map((i) => {
                const v = indicators[i.code]?.value ?? null;
                return h('li', null, `${L(i.label)}: `, v === null ? L(A.noData) : formatIndicator(i, v));
              }),
            )
          : null,
      );
    });
    const files = opts.store.live();
    root.replaceChildren(
      // Not an h1: the screen's heading stays the page's only one.
      h('p', { class: 'print-report__title' }, L(A.title(opts.year))),
      h('p', null, opts.unitLine),
      h('p', null, L(A.printVersion(opts.version(), fmtDateTime(new Date().toISOString())))),
      ...sections,
      h(
        'section',
        { class: 'print-section', 'data-print-section': 'evidence' },
        h('p', { class: 'print-report__section' }, L(A.receiptEvidence)),
        files.length
          ? h(
              'table',
              { class: 'table print-files' },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  [A.fileCol, A.docCol, A.sha256].map((c) => h('th', null, L(c))),
                ),
              ),
              h(
                'tbody',
                null,
                files.map((f) =>
                  h(
                    'tr',
                    null,
                    h('td', null, f.fileName),
                    h('td', null, documentLine(f)),
                    h('td', null, h('code', { class: 'checksum' }, base64ToHex(f.sha256))),
                  ),
                ),
              ),
            )
          : h('p', null, L(A.receiptNone)),
      ),
      h(
        'section',
        { class: 'print-signature', 'data-print-section': 'signature' },
        h('p', null, L(A.printPlaceDate)),
        h('p', { class: 'print-signature__title' }, L(A.printHead)),
        h('p', { class: 'print-signature__note' }, L(A.printSignNote)),
      ),
    );
  };
  window.addEventListener('beforeprint', draw);
  // Print previews and emulated print media announce themselves through the media query, not beforeprint.
  window.matchMedia('print').addEventListener('change', (e) => {
    if (e.matches) draw();
  });
  draw();
  return root;
}

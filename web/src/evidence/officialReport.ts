import { h } from '../dom.ts';
import { L } from '../i18n.ts';
import { E } from './messages.ts';
import { quickUpload } from './quickUpload.ts';
import type { EvidenceStore } from './store.ts';

/**
 * The signed official report (Circular 06/2013: signed by the head of the agency), attached as a document of
 * its own kind: a PDF backing no field. The upload check then says whether it carries a digital signature.
 */
export function officialReportBox(store: EvidenceStore, year: number): HTMLElement {
  return h(
    'div',
    { class: 'official-report', 'data-official-report': '' },
    h('h3', null, L(E.officialReport)),
    h('p', { class: 'hint' }, L(E.officialReportHint)),
    quickUpload({
      store,
      year,
      id: 'official-report',
      label: L(E.officialReportFile),
      accept: '.pdf,application/pdf',
      only: 'application/pdf',
      fields: () => [],
      title: () => L(E.officialReportTitle(year)),
      purpose: 'official_report',
    }),
  );
}

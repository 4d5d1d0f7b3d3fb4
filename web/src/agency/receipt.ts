import { get } from '../api.ts';
import { whoAmI } from '../auth.ts';
import { loadCatalog } from '../catalog.ts';
import { columnHeads, h, replace } from '../dom.ts';
import { documentLine } from '../evidence/list.ts';
import { EvidenceStore } from '../evidence/store.ts';
import { base64ToHex } from '../evidence/checksum.ts';
import { L, fmtBytes, fmtDateTime, fmtNumber } from '../i18n.ts';
import { M } from '../messages.ts';
import { receiptLines } from '../receiptCheck.ts';
import type { Page } from '../router.ts';
import { setTitle } from '../shell.ts';
import { A } from './messages.ts';

/** A printable proof of submission: when, which version, and the exact files (by checksum) that went with it. */
export const receiptPage: Page = async ({ main, params }) => {
  const year = Number(params.year);
  const [me, catalog, report] = await Promise.all([
    whoAmI(),
    loadCatalog(year),
    get('getMyReport', { params: { year } }),
  ]);
  const store = new EvidenceStore(() => get('listMyEvidence', { params: { year } }));
  await store.load();
  setTitle(A.receiptTitle(year));
  const back = h('a', { href: `#/report/${year}`, class: 'button button--secondary' }, L(A.backToReport));
  if (!report.submittedAt) {
    replace(
      main,
      h('h1', null, L(A.receiptTitle(year))),
      h('p', null, L(A.receiptNotSubmitted)),
      h('p', null, back),
    );
    return;
  }
  const labels = new Map(catalog?.fields.map((f) => [f.code, f.label]) ?? []);
  const files = store.live().filter((i) => i.status === 'verified');
  const row = (label: string, value: string | HTMLElement) => [h('dt', null, label), h('dd', null, value)];
  const print = h('button', { type: 'button', class: 'button', onclick: () => window.print() }, L(A.print));
  replace(
    main,
    h(
      'article',
      { class: 'receipt', 'aria-labelledby': 'receipt-title' },
      h('h1', { id: 'receipt-title' }, L(A.receiptTitle(year))),
      h(
        'dl',
        { class: 'receipt__facts' },
        receiptLines(report).map((line) => row(L(line.label), line.value)),
        row(L(A.receiptUnit), me.unit ? `${L(me.unit.name)} (${me.unit.code})` : report.unitId),
        row(L(A.receiptYear), String(year)),
        row(L(A.receiptTime), fmtDateTime(report.submittedAt)),
        report.firstSubmittedAt && report.firstSubmittedAt !== report.submittedAt
          ? row(L(A.receiptFirst), fmtDateTime(report.firstSubmittedAt))
          : null,
        row(L(A.receiptVersion), fmtNumber(report.receipt?.version ?? report.version)),
        row(L(A.receiptRound), fmtNumber(report.submissions)),
        row(L(A.statusLabel), L(M.status[report.status])),
        report.late ? row(L(A.receiptLate), L(M.yes)) : null,
      ),
      h('h2', null, L(A.receiptEvidence)),
      files.length
        ? h(
            'table',
            { class: 'table table--stack receipt__files' },
            h('caption', { class: 'visually-hidden' }, L(A.receiptEvidence)),
            columnHeads([A.fileCol, A.docCol, A.fieldsCol, A.sizeCol, A.sha256].map((c) => L(c))),
            h(
              'tbody',
              null,
              files.map((f) =>
                h(
                  'tr',
                  null,
                  h('td', { 'data-label': L(A.fileCol) }, f.fileName),
                  h('td', { 'data-label': L(A.docCol) }, documentLine(f)),
                  h(
                    'td',
                    { 'data-label': L(A.fieldsCol) },
                    f.fields.map((c) => L(labels.get(c) ?? { vi: c, en: c })).join('; '),
                  ),
                  h('td', { 'data-label': L(A.sizeCol) }, fmtBytes(f.size)),
                  h(
                    'td',
                    { 'data-label': L(A.sha256) },
                    h('code', { class: 'checksum' }, base64ToHex(f.sha256)),
                  ),
                ),
              ),
            ),
          )
        : h('p', null, L(A.receiptNone)),
      h('p', { class: 'actions no-print' }, print, ' ', back),
    ),
  );
};

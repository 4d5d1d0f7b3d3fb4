import { valuesSha256 } from '#shared/contract/receipt';
import type { Bilingual } from '#shared/contract/i18n';
import { bi } from '#shared/contract/i18n';
import { h } from './dom.ts';
import { L } from './i18n.ts';
import type { Report } from './types.ts';

const M = {
  reference: bi('Số tham chiếu', 'Reference number'),
  hash: bi('SHA-256 của số liệu đã nộp', 'SHA-256 of the submitted values'),
  vouchedBy: bi('Thủ trưởng cơ quan xác nhận', 'Vouched for by the head of the agency'),
  matches: bi('khớp với số liệu đang hiển thị', 'matches the values shown'),
  differs: bi(
    'KHÔNG khớp với số liệu đang hiển thị — hãy báo cho Sở.',
    'does NOT match the values shown — tell the department.',
  ),
};

/**
 * The receipt's reference and the SHA-256 of the submitted values, as the API states them, checked here with
 * the same function against the values on screen. The agency's receipt and the auditors' view both show it.
 */
export function receiptLines(report: Report): { label: Bilingual; value: HTMLElement }[] {
  if (!report.receipt) return [];
  const same = valuesSha256(report.values) === report.receipt.valuesSha256;
  return [
    { label: M.reference, value: h('span', { 'data-receipt-reference': '' }, report.receipt.reference) },
    {
      label: M.hash,
      value: h(
        'span',
        null,
        h('code', { class: 'checksum', 'data-values-sha256': '' }, report.receipt.valuesSha256),
        ' ',
        h(
          'span',
          { class: same ? 'hash-ok' : 'hash-bad', 'data-hash-check': same ? 'ok' : 'mismatch' },
          `(${L(same ? M.matches : M.differs)})`,
        ),
      ),
    },
    ...(report.attestation
      ? [
          {
            label: M.vouchedBy,
            value: h(
              'span',
              { 'data-attested-by': '' },
              `${report.attestation.headName}, ${report.attestation.headTitle}`,
            ),
          },
        ]
      : []),
  ];
}

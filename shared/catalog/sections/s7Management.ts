import { bi, type Bilingual } from '../../contract/i18n.ts';
import { UNITS, date, evidenceIfTrue, inSection, integer, percent, text, yesNo } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'management',
  order: 7,
  title: bi('Quản lý CNTT và an toàn thông tin', 'IT management and information security'),
};

const f = inSection(section.id);

/** Earliest date a rule document may carry; older documents are almost certainly typing errors. */
export const EARLIEST_DOCUMENT_DATE = '1990-01-01';

/**
 * Each rule the agency may have issued is three fields: whether it was issued, the document number and its date.
 * The number and date are required by cross-field rules when the answer is yes.
 */
function issuedRule(
  key: string,
  subject: Bilingual,
  example: { number: string; date: string },
): CatalogField[] {
  return [
    yesNo(
      f(
        `rule_${key}_issued`,
        `Đã ban hành quy chế ${subject.vi}`,
        `Rules on ${subject.en} issued`,
        `Cơ quan đã ban hành quy chế, quy định về ${subject.vi}.`,
        `The agency has issued rules on ${subject.en}.`,
      ),
      {
        evidence: evidenceIfTrue(bi('Quyết định ban hành quy chế', 'Decision issuing the rules')),
        example: true,
      },
    ),
    text(
      f(
        `rule_${key}_doc_number`,
        `Số hiệu văn bản quy chế ${subject.vi}`,
        `Document number of the rules on ${subject.en}`,
        'Ví dụ: 12/QĐ-STTTT',
        'For example: 12/QĐ-STTTT',
      ),
      { maxLength: 50, required: false, example: example.number },
    ),
    date(
      f(
        `rule_${key}_doc_date`,
        `Ngày ban hành quy chế ${subject.vi}`,
        `Date the rules on ${subject.en} were issued`,
        'Ngày ký văn bản.',
        'The date the document was signed.',
      ),
      { required: false, min: EARLIEST_DOCUMENT_DATE, example: example.date },
    ),
  ];
}

export const fields: readonly CatalogField[] = [
  ...issuedRule('it_use', bi('quản lý, sử dụng hệ thống CNTT', 'managing and using IT systems'), {
    number: '12/QĐ-STTTT',
    date: '2019-03-15',
  }),
  ...issuedRule('email', bi('sử dụng thư điện tử công vụ', 'using official email'), {
    number: '25/QĐ-STTTT',
    date: '2020-06-01',
  }),
  ...issuedRule('security', bi('bảo đảm an toàn thông tin', 'information security'), {
    number: '40/QĐ-STTTT',
    date: '2021-09-20',
  }),
  integer(
    f(
      'security_incidents',
      'Số sự cố mất an toàn thông tin',
      'Information security incidents',
      'Sự cố (mã độc, tấn công, lộ lọt dữ liệu, …) phát hiện trong năm.',
      'Incidents (malware, attacks, data leaks, …) detected in the year.',
    ),
    { unit: UNITS.incidents, max: 100_000, example: 2 },
  ),
  yesNo(
    f(
      'antivirus_in_place',
      'Có phần mềm phòng chống mã độc',
      'Antivirus software in place',
      'Phần mềm phòng chống mã độc có bản quyền, quản lý tập trung hoặc cài trên từng máy.',
      'Licensed anti-malware, centrally managed or per computer.',
    ),
    { example: true },
  ),
  percent(
    f(
      'antivirus_coverage_pct',
      'Tỷ lệ máy tính được cài phần mềm phòng chống mã độc',
      'Share of computers with antivirus software',
      'Ước tính theo phần trăm số máy tính đang sử dụng.',
      'An estimate, as a percentage of the computers in use.',
    ),
    { example: 90 },
  ),
  yesNo(
    f(
      'firewall_in_place',
      'Có tường lửa',
      'Firewall in place',
      'Thiết bị hoặc phần mềm tường lửa bảo vệ mạng nội bộ.',
      'A firewall device or software protects the local network.',
    ),
    { example: true },
  ),
  yesNo(
    f(
      'backup_in_place',
      'Có sao lưu dữ liệu định kỳ',
      'Regular data backup',
      'Dữ liệu quan trọng được sao lưu định kỳ ra thiết bị hoặc hệ thống riêng.',
      'Important data is backed up regularly to separate media or systems.',
    ),
    { example: true },
  ),
];

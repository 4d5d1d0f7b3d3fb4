import { bi } from '../../contract/i18n.ts';
import { UNITS, choice, evidenceIfTrue, inSection, integer, text, yesNo } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'documents',
  order: 2,
  title: bi('Trao đổi văn bản điện tử', 'Electronic document exchange'),
  help: bi(
    'Văn bản đi và đến trong năm báo cáo (01/01–31/12).',
    'Documents sent and received in the reporting year (1 January – 31 December).',
  ),
};

const f = inSection(section.id);
const MAX_DOCS = 10_000_000;

export const fields: readonly CatalogField[] = [
  integer(
    f(
      'docs_sent_total',
      'Tổng số văn bản đi',
      'Documents sent, total',
      'Tất cả văn bản cơ quan phát hành trong năm.',
      'Every document the agency issued in the year.',
    ),
    { unit: UNITS.documents, max: MAX_DOCS, example: 2400 },
  ),
  integer(
    f(
      'docs_sent_electronic',
      'Số văn bản đi dưới dạng điện tử',
      'Documents sent electronically',
      'Văn bản đi được gửi qua hệ thống quản lý văn bản hoặc thư điện tử công vụ.',
      'Documents sent through the document system or official email.',
    ),
    { unit: UNITS.documents, max: MAX_DOCS, example: 1900 },
  ),
  integer(
    f(
      'docs_received_total',
      'Tổng số văn bản đến',
      'Documents received, total',
      'Tất cả văn bản cơ quan nhận được trong năm.',
      'Every document the agency received in the year.',
    ),
    { unit: UNITS.documents, max: MAX_DOCS, example: 5200 },
  ),
  integer(
    f(
      'docs_received_electronic',
      'Số văn bản đến dưới dạng điện tử',
      'Documents received electronically',
      'Văn bản đến nhận qua hệ thống quản lý văn bản hoặc thư điện tử công vụ.',
      'Documents received through the document system or official email.',
    ),
    { unit: UNITS.documents, max: MAX_DOCS, example: 4300 },
  ),
  choice(
    f(
      'docmgmt_software',
      'Phần mềm quản lý văn bản và điều hành',
      'Document management software',
      'Phần mềm quản lý văn bản và hồ sơ công việc đang dùng.',
      'The document and case management software in use.',
    ),
    {
      choices: [
        { value: 'none', label: bi('Chưa sử dụng', 'None') },
        { value: 'provincial', label: bi('Hệ thống dùng chung của tỉnh', 'The province’s shared system') },
        { value: 'own', label: bi('Phần mềm riêng của cơ quan', 'The agency’s own software') },
        { value: 'other', label: bi('Khác', 'Other') },
      ],
      example: 'provincial',
    },
  ),
  text(
    f(
      'docmgmt_software_name',
      'Tên phần mềm quản lý văn bản',
      'Name of the document management software',
      'Tên và đơn vị cung cấp, nếu có.',
      'Name and supplier, if any.',
    ),
    { maxLength: 200, required: false, example: 'iOffice' },
  ),
  yesNo(
    f(
      'digital_signature_in_use',
      'Sử dụng chữ ký số',
      'Digital signatures in use',
      'Cơ quan ký số văn bản điện tử bằng chứng thư số chuyên dùng.',
      'The agency signs electronic documents with official digital certificates.',
    ),
    {
      evidence: evidenceIfTrue(
        bi('Văn bản cấp chứng thư số chuyên dùng', 'Letter issuing the digital certificates'),
      ),
      example: true,
    },
  ),
  integer(
    f(
      'digital_certificates',
      'Số chứng thư số đã cấp',
      'Digital certificates issued',
      'Số chứng thư số (cơ quan và cá nhân) còn hiệu lực. Bắt buộc khi có sử dụng chữ ký số.',
      'Valid certificates (agency and personal). Required when digital signatures are in use.',
    ),
    { unit: UNITS.certificates, max: 100_000, required: false, example: 15 },
  ),
];

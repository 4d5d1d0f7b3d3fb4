import { bi } from '../../contract/i18n.ts';
import { UNITS, evidenceIfTrue, inSection, integer, text, yesNo } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'portal',
  order: 3,
  title: bi(
    'Trang thông tin điện tử và dịch vụ công trực tuyến',
    'Website or portal and online public services',
  ),
  help: bi(
    'Dịch vụ công trực tuyến “một phần” tương ứng mức độ 3 cũ, “toàn trình” tương ứng mức độ 4 cũ.',
    '“Partial” online services match the former level 3, “full” the former level 4.',
  ),
};

const f = inSection(section.id);
const MAX_DOSSIERS = 10_000_000;

export const fields: readonly CatalogField[] = [
  yesNo(
    f(
      'portal_operating',
      'Có trang/cổng thông tin điện tử đang hoạt động',
      'Has a website or portal in operation',
      'Trang hoặc cổng thông tin điện tử của cơ quan đang hoạt động.',
      'The agency’s own website or portal is online.',
    ),
    {
      evidence: evidenceIfTrue(
        bi(
          'Quyết định thành lập hoặc giấy phép trang thông tin điện tử',
          'Decision establishing or licensing the website',
        ),
      ),
      example: true,
    },
  ),
  text(
    f(
      'portal_url',
      'Địa chỉ trang thông tin điện tử',
      'Website address',
      'Ví dụ: https://stttt.dienbien.gov.vn',
      'For example: https://stttt.dienbien.gov.vn',
    ),
    { maxLength: 200, required: false, example: 'https://stttt.dienbien.gov.vn' },
  ),
  yesNo(
    f(
      'portal_mandated_info',
      'Trang thông tin có đủ thông tin bắt buộc',
      'Website carries all mandated information',
      'Đủ các thông tin phải cung cấp theo quy định (tổ chức bộ máy, văn bản, thủ tục hành chính, …).',
      'All information the rules require (organisation, legal documents, administrative procedures, …).',
    ),
    { required: false, example: true },
  ),
  integer(
    f(
      'procedures_total',
      'Tổng số thủ tục hành chính',
      'Administrative procedures, total',
      'Thủ tục hành chính thuộc thẩm quyền giải quyết của cơ quan.',
      'Administrative procedures the agency handles.',
    ),
    { unit: UNITS.procedures, max: 5_000, example: 85 },
  ),
  integer(
    f(
      'procedures_partial_online',
      'Số thủ tục cung cấp trực tuyến một phần',
      'Procedures partly online',
      'Dịch vụ công trực tuyến một phần (mức độ 3 cũ).',
      'Partly online public services (former level 3).',
    ),
    { unit: UNITS.procedures, max: 5_000, example: 30 },
  ),
  integer(
    f(
      'procedures_full_online',
      'Số thủ tục cung cấp trực tuyến toàn trình',
      'Procedures fully online',
      'Dịch vụ công trực tuyến toàn trình (mức độ 4 cũ).',
      'Fully online public services (former level 4).',
    ),
    { unit: UNITS.procedures, max: 5_000, example: 40 },
  ),
  integer(
    f(
      'dossiers_total',
      'Tổng số hồ sơ thủ tục hành chính tiếp nhận',
      'Dossiers received, total',
      'Hồ sơ tiếp nhận trong năm qua mọi kênh.',
      'Dossiers received in the year through every channel.',
    ),
    { unit: UNITS.dossiers, max: MAX_DOSSIERS, example: 3000 },
  ),
  integer(
    f(
      'dossiers_online',
      'Số hồ sơ tiếp nhận trực tuyến',
      'Dossiers received online',
      'Hồ sơ nộp qua dịch vụ công trực tuyến.',
      'Dossiers filed through online public services.',
    ),
    { unit: UNITS.dossiers, max: MAX_DOSSIERS, example: 1350 },
  ),
];

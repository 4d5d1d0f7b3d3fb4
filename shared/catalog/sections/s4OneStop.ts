import { bi } from '../../contract/i18n.ts';
import { UNITS, evidenceIfTrue, inSection, integer, yesNo } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'onestop',
  order: 4,
  title: bi('Hệ thống một cửa điện tử', 'Electronic one-stop shop'),
};

const f = inSection(section.id);

export const fields: readonly CatalogField[] = [
  yesNo(
    f(
      'onestop_in_use',
      'Sử dụng hệ thống một cửa điện tử',
      'Electronic one-stop shop in use',
      'Cơ quan tiếp nhận và trả kết quả hồ sơ qua hệ thống một cửa điện tử.',
      'The agency receives dossiers and returns results through an electronic one-stop system.',
    ),
    {
      evidence: evidenceIfTrue(
        bi(
          'Quyết định áp dụng cơ chế một cửa điện tử',
          'Decision applying the electronic one-stop mechanism',
        ),
      ),
      example: true,
    },
  ),
  integer(
    f(
      'onestop_handled',
      'Số hồ sơ xử lý qua một cửa điện tử',
      'Dossiers handled through the one-stop shop',
      'Hồ sơ đã giải quyết xong trong năm qua hệ thống. Bắt buộc khi có sử dụng.',
      'Dossiers settled through the system in the year. Required when it is in use.',
    ),
    { unit: UNITS.dossiers, max: 10_000_000, required: false, example: 2800 },
  ),
  integer(
    f(
      'onestop_on_time',
      'Số hồ sơ giải quyết đúng hạn',
      'Dossiers resolved on time',
      'Trong số hồ sơ xử lý qua một cửa điện tử, số hồ sơ giải quyết đúng hoặc trước hạn.',
      'Of the dossiers handled through the one-stop shop, those settled on or before the deadline.',
    ),
    { unit: UNITS.dossiers, max: 10_000_000, required: false, example: 2660 },
  ),
];

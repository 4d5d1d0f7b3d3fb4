import { bi } from '../../contract/i18n.ts';
import { UNITS, choice, decimal, evidenceAlways, inSection, integer } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'spending',
  order: 6,
  title: bi('Kinh phí và dự án đầu tư CNTT', 'IT spending and investment projects'),
  help: bi(
    'Số tiền tính bằng triệu đồng, theo số quyết toán (hoặc ước thực hiện) của năm báo cáo.',
    'Amounts in million VND, as settled (or estimated) for the reporting year.',
  ),
};

const f = inSection(section.id);
const MAX_MILLION_VND = 10_000_000;

export const fields: readonly CatalogField[] = [
  decimal(
    f(
      'it_spend_state',
      'Chi cho CNTT từ ngân sách nhà nước',
      'IT spending from the state budget',
      'Chi thường xuyên và đầu tư cho ứng dụng, phát triển CNTT từ ngân sách nhà nước.',
      'Recurrent and investment spending on IT from the state budget.',
    ),
    { unit: UNITS.millionVnd, max: MAX_MILLION_VND, example: 450 },
  ),
  decimal(
    f(
      'it_spend_other',
      'Chi cho CNTT từ nguồn khác',
      'IT spending from other sources',
      'Nguồn thu sự nghiệp, tài trợ, xã hội hóa, …',
      'Service revenue, grants, private contributions, …',
    ),
    { unit: UNITS.millionVnd, max: MAX_MILLION_VND, example: 50 },
  ),
  decimal(
    f(
      'budget_total',
      'Tổng dự toán ngân sách được giao trong năm',
      'Total budget allocated for the year',
      'Tổng dự toán chi ngân sách nhà nước được giao cho cơ quan.',
      'The agency’s total state budget allocation for the year.',
    ),
    {
      unit: UNITS.millionVnd,
      max: MAX_MILLION_VND,
      min: 0,
      evidence: evidenceAlways(bi('Quyết định giao dự toán ngân sách', 'Budget allocation decision')),
      example: 25_000,
    },
  ),
  integer(
    f(
      'it_projects_count',
      'Số dự án đầu tư CNTT sử dụng vốn ngân sách',
      'IT investment projects funded by the state budget',
      'Dự án đang chuẩn bị, đang triển khai hoặc hoàn thành trong năm.',
      'Projects in preparation, under way or completed in the year.',
    ),
    { unit: UNITS.projects, max: 1_000, example: 1 },
  ),
  decimal(
    f(
      'it_projects_value',
      'Tổng mức đầu tư các dự án CNTT',
      'Total value of the IT projects',
      'Tổng mức đầu tư được duyệt. Bắt buộc khi có dự án.',
      'Approved total investment. Required when there are projects.',
    ),
    { unit: UNITS.millionVnd, max: MAX_MILLION_VND, required: false, example: 1_200 },
  ),
  choice(
    f(
      'it_projects_status',
      'Tình trạng các dự án CNTT',
      'Status of the IT projects',
      'Tình trạng chung của các dự án trong năm. Bắt buộc khi có dự án.',
      'Overall status of the projects in the year. Required when there are projects.',
    ),
    {
      choices: [
        { value: 'preparing', label: bi('Đang chuẩn bị đầu tư', 'In preparation') },
        { value: 'implementing', label: bi('Đang triển khai', 'Under way') },
        { value: 'completed', label: bi('Đã hoàn thành', 'Completed') },
        { value: 'delayed', label: bi('Chậm tiến độ', 'Behind schedule') },
      ],
      required: false,
      example: 'implementing',
    },
  ),
];

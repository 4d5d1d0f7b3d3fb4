import { bi } from '../../contract/i18n.ts';
import { UNITS, inSection, integer } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'staffUse',
  order: 5,
  title: bi(
    'Sử dụng máy tính, thư điện tử và Internet của CBCCVC',
    'Staff use of computers, email and the Internet',
  ),
  help: bi('Đếm số người, không đếm số máy hay số hộp thư.', 'Count people, not machines or mailboxes.'),
};

const f = inSection(section.id);
const staffCount = { unit: UNITS.people, max: 100_000 } as const;

export const fields: readonly CatalogField[] = [
  integer(
    f(
      'staff_with_computer',
      'Số CBCCVC được trang bị máy tính',
      'Staff with a computer',
      'CBCCVC có máy tính để dùng cho công việc (riêng hoặc dùng chung).',
      'Staff who have a computer for their work, their own or shared.',
    ),
    { ...staffCount, example: 118 },
  ),
  integer(
    f(
      'staff_official_mailbox',
      'Số CBCCVC có hộp thư điện tử công vụ',
      'Staff with an official mailbox',
      'CBCCVC được cấp hộp thư trên hệ thống thư điện tử công vụ.',
      'Staff given a mailbox on the official email system.',
    ),
    { ...staffCount, example: 115 },
  ),
  integer(
    f(
      'staff_email_regular',
      'Số CBCCVC thường xuyên sử dụng thư điện tử công vụ',
      'Staff regularly using official email for work',
      'CBCCVC dùng thư điện tử công vụ trong công việc hằng ngày (Quyết định 48/2009/QĐ-TTg).',
      'Staff who use official email in their daily work (Decision 48/2009/QĐ-TTg).',
    ),
    { ...staffCount, example: 100 },
  ),
  integer(
    f(
      'staff_foreign_mail',
      'Số CBCCVC dùng hộp thư miễn phí nước ngoài cho công việc',
      'Staff using free foreign mailboxes for work',
      'CBCCVC được biết vẫn dùng Yahoo, Gmail, … để trao đổi công việc; đây là rủi ro an toàn thông tin.',
      'Staff known to use Yahoo, Gmail and the like for work; a security risk.',
    ),
    { ...staffCount, example: 12 },
  ),
  integer(
    f(
      'staff_internet',
      'Số CBCCVC được truy cập Internet',
      'Staff with Internet access',
      'CBCCVC truy cập được Internet tại nơi làm việc.',
      'Staff who can reach the Internet at work.',
    ),
    { ...staffCount, example: 118 },
  ),
];

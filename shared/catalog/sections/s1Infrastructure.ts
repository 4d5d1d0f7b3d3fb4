import { bi } from '../../contract/i18n.ts';
import { UNITS, choice, decimal, inSection, integer, yesNo } from '../define.ts';
import type { CatalogField, CatalogSection } from '../types.ts';

export const section: CatalogSection = {
  id: 'infrastructure',
  order: 1,
  title: bi('Cơ sở hạ tầng kỹ thuật CNTT', 'Technical IT infrastructure'),
  help: bi('Số liệu tại ngày 31/12 của năm báo cáo.', 'Figures as of 31 December of the reporting year.'),
};

const f = inSection(section.id);

export const fields: readonly CatalogField[] = [
  integer(
    f(
      'staff_total',
      'Tổng số cán bộ, công chức, viên chức (CBCCVC)',
      'Total staff (civil servants and public employees)',
      'Số CBCCVC trong biên chế và hợp đồng làm việc thường xuyên tại cơ quan.',
      'Civil servants and public employees on the payroll or on standing contracts.',
    ),
    { unit: UNITS.people, min: 1, max: 100_000, example: 120 },
  ),
  integer(
    f(
      'computers_in_use',
      'Số máy tính đang sử dụng',
      'Computers in use',
      'Máy tính để bàn và máy tính xách tay của cơ quan đang dùng cho công việc.',
      'Desktops and laptops owned by the agency and used for work.',
    ),
    { unit: UNITS.computers, max: 200_000, example: 130 },
  ),
  integer(
    f(
      'computers_old',
      'Số máy tính trên 5 năm hoặc hư hỏng',
      'Computers over 5 years old or broken',
      'Trong số máy tính đang sử dụng, số máy đã dùng trên 5 năm hoặc đã hư hỏng, xuống cấp.',
      'Of the computers in use, those over five years old or worn out or broken.',
    ),
    { unit: UNITS.computers, max: 200_000, example: 26 },
  ),
  integer(
    f(
      'computers_internet',
      'Số máy tính kết nối Internet băng rộng',
      'Computers on broadband Internet',
      'Trong số máy tính đang sử dụng, số máy kết nối Internet băng rộng.',
      'Of the computers in use, those connected to broadband Internet.',
    ),
    { unit: UNITS.computers, max: 200_000, example: 124 },
  ),
  yesNo(
    f(
      'lan_available',
      'Có mạng nội bộ (LAN)',
      'Has a local area network (LAN)',
      'Cơ quan có mạng nội bộ kết nối các máy tính.',
      'The agency has a local network linking its computers.',
    ),
    { example: true },
  ),
  choice(
    f(
      'internet_type',
      'Hình thức kết nối Internet chính',
      'Main Internet connection type',
      'Chọn đường truyền Internet chủ yếu của cơ quan.',
      'The agency’s main Internet line.',
    ),
    {
      choices: [
        { value: 'none', label: bi('Chưa kết nối', 'Not connected') },
        { value: 'adsl', label: bi('ADSL', 'ADSL') },
        { value: 'fiber', label: bi('Cáp quang (FTTH)', 'Fibre (FTTH)') },
        { value: 'leased_line', label: bi('Kênh thuê riêng', 'Leased line') },
        { value: 'mobile', label: bi('Di động (3G/4G/5G)', 'Mobile (3G/4G/5G)') },
      ],
      example: 'fiber',
    },
  ),
  decimal(
    f(
      'internet_bandwidth_mbps',
      'Tổng băng thông Internet',
      'Total Internet bandwidth',
      'Tổng băng thông tải xuống của các đường truyền Internet theo hợp đồng (Mbps). Bắt buộc khi đã kết nối.',
      'Contracted download bandwidth of all Internet lines (Mbps). Required when connected.',
    ),
    { unit: UNITS.mbps, max: 100_000, required: false, example: 300 },
  ),
  integer(
    f(
      'servers_count',
      'Số máy chủ',
      'Servers',
      'Máy chủ vật lý và máy chủ ảo cơ quan đang vận hành.',
      'Physical and virtual servers the agency runs.',
    ),
    { unit: UNITS.servers, max: 10_000, example: 3 },
  ),
  yesNo(
    f(
      'specialised_network',
      'Kết nối mạng truyền số liệu chuyên dùng',
      'Connected to the specialised data transmission network',
      'Cơ quan đã kết nối mạng truyền số liệu chuyên dùng của các cơ quan Đảng, Nhà nước.',
      'The agency is connected to the specialised data network of Party and State agencies.',
    ),
    { example: true },
  ),
];

import { bi } from '../contract/i18n.ts';
import type { Source } from './types.ts';

/*
 * The documents behind targets, point weights and band cut-offs. Anything without one says so in these words:
 * a provincial choice nobody has signed is a system default, not a legal target. docs/sources.md has the
 * links and what each document says.
 */

export const SYSTEM_DEFAULT_SOURCE: Source = {
  id: 'system-default',
  document: null,
  title: bi('mặc định của hệ thống, chưa có văn bản', 'system default, no legal source'),
};

export const DECISION_48_2009: Source = {
  id: 'qd-48-2009-ttg',
  document: '48/2009/QĐ-TTg',
  title: bi(
    'Quyết định phê duyệt Kế hoạch ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước giai đoạn 2009 – 2010',
    'Decision approving the plan for IT use in state agencies, 2009–2010',
  ),
  note: bi(
    'Mục tiêu đến hết năm 2010, theo loại tỉnh: tỷ lệ trung bình cán bộ, công chức sử dụng thư điện tử cho công việc 80% ở bộ, ngành và UBND thành phố trực thuộc Trung ương; 60% ở UBND tỉnh; 30% ở tỉnh miền núi (tới cấp huyện). Điện Biên là tỉnh miền núi: 30% cho cấp tỉnh và cấp huyện. Quyết định không đặt mục tiêu cho cấp xã.',
    'Targets for the end of 2010, by kind of province: average share of civil servants using email for work 80% in ministries and centrally-run cities’ People’s Committees; 60% in provincial People’s Committees; 30% in mountainous provinces (down to district level). Điện Biên is mountainous: 30% for provincial and district agencies. The Decision sets no commune target.',
  ),
  links: [
    'https://123docz.net/document/7128475-i-muc-tieu-den-het-nam-2010.htm',
    'https://hoatieu.vn/download/phap-luat/quyet-dinh-so-48-2009-qd-ttg-ve-ke-hoach-ung-dung-cong-nghe-thong-tin-trong-hoat-dong-cua-co-quan-nh-54644',
  ],
};

export const BINH_PHUOC_1538_2014: Source = {
  id: 'qd-1538-2014-binh-phuoc',
  document: 'Quyết định số 1538 (2014) của UBND tỉnh Bình Phước',
  title: bi(
    'Quyết định ban hành tiêu chí đánh giá tình hình ứng dụng công nghệ thông tin của các sở, ban, ngành, các cơ quan đảng, đoàn thể cấp tỉnh và các huyện, thị xã',
    'Decision issuing the criteria for assessing IT use by provincial departments, Party and mass organisations and districts',
  ),
  note: bi(
    'Thang xếp loại của tỉnh Bình Phước, hiệu lực từ 14/7/2014: Tốt 85–100 điểm, Khá 70–84, Trung bình 50–69, Yếu dưới 50. Dùng làm thang mặc định vì tỉnh Điện Biên chưa ban hành thang riêng.',
    'Bình Phước province’s bands, in force from 14 July 2014: Good 85–100 points, Fair 70–84, Medium 50–69, Weak below 50. Used as the default because Điện Biên has issued none of its own.',
  ),
  links: [
    'https://binhphuoc.gov.vn/vi/news/thong-tin-chi-dao-dieu-hanh/Ban-hanh-tieu-chi-danh-gia-tinh-hinh-ung-dung-CNTT-cua-cac-don-vi-2528.html',
  ],
};

export const CATALOG_SOURCES: readonly Source[] = [
  SYSTEM_DEFAULT_SOURCE,
  DECISION_48_2009,
  BINH_PHUOC_1538_2014,
];

import type { Level, Unit } from '#shared/hierarchy';
import type { LocalIdentityInput } from './identity.ts';

/*
 * Điện Biên province through time: as it stood from 2014 (province → district → commune) to 2025, and as it
 * stands since (province → commune), with the 2025 reorganization recorded for every seeded unit. The 2014
 * inspection checked 11 agencies; the news item names the departments of Information and Communications,
 * Finance, Science and Technology, Planning and Investment, and Mường Ảng district. The other units stand in
 * for the unnamed ones. Sources (also in docs/hierarchy.md):
 *
 * - Departments, from 1 March 2025. Decree 45/2025/NĐ-CP of 28 February 2025 lists the departments every
 *   province has, Sở Tài chính, Sở Khoa học và Công nghệ and Sở Nội vụ among them
 *   (http://hdnd.dongnai.gov.vn/Pages/glp-quydinhmoivecoquanchuyenmonthu-glpnd-34299-glpnc-4-glpsite-1.html);
 *   the seed's Sở Nội vụ, Sở Y tế, Sở Tư pháp, Sở Giáo dục và Đào tạo and Sở Văn hóa, Thể thao và Du lịch are on
 *   that list and go on unchanged.
 *   Điện Biên's People's Council, at its 18th session on 20 February 2025, resolved to establish the
 *   specialized agencies of the provincial People's Committee
 *   (https://en.baodienbienphu.com.vn/thoi-su-chinh-tri/dien-bien-provincial-peoples-council-passes-two-key-resolutions-24VsAU5Ng.html);
 *   the merged departments of Science and Technology (with Information and Communications) started work on
 *   1 March 2025 (https://ictvietnam.vn/print/69097.html). The resolution's number is not in those sources,
 *   so the seed names it by session and date.
 * - Districts, ended 30 June 2025. Resolution 203/2025/QH15 of 16 June 2025 amending the 2013 Constitution
 *   organizes local government in two tiers and ends the district level
 *   (https://thoibaotaichinhvietnam.vn/quoc-hoi-thong-qua-nghi-quyet-sua-hien-phap-danh-dau-cot-moc-lich-su-cua-dat-nuoc-178375.html);
 *   Điện Biên's ten district-level Party committees ended on 1 July 2025
 *   (https://nhandan.vn/ocop/dien-bien-cong-bo-nghi-quyet-cua-quoc-hoi-ve-thanh-lap-45-don-vi-hanh-chinh-cap-xa-post890649.html).
 * - Communes, from 1 July 2025. Resolution 1661/NQ-UBTVQH15 of 16 June 2025 of the National Assembly
 *   Standing Committee turned Điện Biên's 129 commune-level units into 45 (same nhandan.vn source; the plan:
 *   https://moha.gov.vn/nhiem-vu-trong-tam/dien-bien-sau-sap-xep-du-kien-con-45-don-vi-hanh-c-d943-t57188.html).
 *   Its predecessors, per new unit: xã Mường Ảng from thị trấn Mường Ảng, xã Ẳng Nưa and xã Ẳng Cang
 *   (https://vreview.vn/muong-ang-dien-bien); phường Điện Biên Phủ from phường Him Lam, Mường Thanh, Tân
 *   Thanh, Thanh Bình, Thanh Trường and xã Thanh Minh (https://en.wikipedia.org/wiki/Him_Lam); xã Chiềng Sinh
 *   from xã Chiềng Sinh, Nà Sáy, Mường Thín and Mường Khong (https://boingaysinh.com/?p=14063); xã Pa Ham from
 *   xã Pa Ham and Hừa Ngài (https://tracuusapnhap.com/dien-bien/xa-hua-ngai-huyen-muong-cha). The last two
 *   are reference sites that cite the resolution; check against its text before relying on them.
 *
 * `validFrom: 2014-01-01` is where this system's records begin (the year of the inspection), not a founding
 * date. Codes: the national codes the seed knew (03253, 03262, 03265, 03136) are kept; the others, and those
 * of the units formed in 2025, are placeholders of the form 11.X.NAME, not the national codes.
 */
const RECORDS_BEGIN = '2014-01-01';

const DEPARTMENTS_MERGED = '2025-03-01';
const DEPARTMENTS_DOCUMENT =
  'Nghị quyết của HĐND tỉnh Điện Biên (kỳ họp thứ 18, ngày 20/02/2025) về thành lập cơ quan chuyên môn thuộc UBND tỉnh; Nghị định 45/2025/NĐ-CP ngày 28/02/2025';
const TWO_TIERS = '2025-07-01';
const DISTRICTS_DOCUMENT = 'Nghị quyết 203/2025/QH15 ngày 16/6/2025 sửa đổi, bổ sung Hiến pháp năm 2013';
const COMMUNES_DOCUMENT = 'Nghị quyết 1661/NQ-UBTVQH15 ngày 16/6/2025 của Ủy ban Thường vụ Quốc hội';
const DAY_BEFORE_DEPARTMENTS = '2025-02-28';
const DAY_BEFORE_TWO_TIERS = '2025-06-30';

export const seedLevels: readonly Level[] = [
  { id: 'province', name: { vi: 'Cấp tỉnh', en: 'Provincial' }, rank: 0, validFrom: RECORDS_BEGIN },
  {
    id: 'district',
    name: { vi: 'Cấp huyện', en: 'District' },
    rank: 1,
    validFrom: RECORDS_BEGIN,
    validTo: DAY_BEFORE_TWO_TIERS,
    endedBy: DISTRICTS_DOCUMENT,
  },
  { id: 'commune', name: { vi: 'Cấp xã', en: 'Commune' }, rank: 2, validFrom: RECORDS_BEGIN },
];

const province: Unit = {
  id: 'dien-bien',
  code: '11',
  name: { vi: 'UBND tỉnh Điện Biên', en: 'Điện Biên Provincial People’s Committee' },
  level: 'province',
  reports: false,
  validFrom: RECORDS_BEGIN,
};

type Span = Pick<Unit, 'validFrom' | 'validTo' | 'predecessors' | 'establishedBy' | 'endedBy'>;
const always: Span = { validFrom: RECORDS_BEGIN };
const endedWithDepartments: Span = {
  validFrom: RECORDS_BEGIN,
  validTo: DAY_BEFORE_DEPARTMENTS,
  endedBy: DEPARTMENTS_DOCUMENT,
};
const mergedDepartment = (...from: string[]): Span => ({
  validFrom: DEPARTMENTS_MERGED,
  predecessors: from.map((unitId) => ({ unitId, change: 'merge' })),
  establishedBy: DEPARTMENTS_DOCUMENT,
});
const endedWithDistricts = (document: string): Span => ({
  validFrom: RECORDS_BEGIN,
  validTo: DAY_BEFORE_TWO_TIERS,
  endedBy: document,
});
const mergedCommune = (...from: string[]): Span => ({
  validFrom: TWO_TIERS,
  predecessors: from.map((unitId) => ({ unitId, change: 'merge' })),
  establishedBy: COMMUNES_DOCUMENT,
});

const department = (id: string, code: string, vi: string, en: string, span: Span): Unit => ({
  id,
  code,
  name: { vi, en },
  level: 'province',
  parentId: province.id,
  reports: true,
  ...span,
});

const district = (id: string, code: string, vi: string, en: string): Unit => ({
  id,
  code,
  name: { vi: `UBND ${vi}`, en: `${en} People’s Committee` },
  level: 'district',
  parentId: province.id,
  reports: true,
  ...endedWithDistricts(DISTRICTS_DOCUMENT),
});

const commune = (id: string, code: string, parentId: string, vi: string, en: string, span: Span): Unit => ({
  id,
  code,
  name: { vi: `UBND ${vi}`, en: `${en} People’s Committee` },
  level: 'commune',
  parentId,
  reports: true,
  ...span,
});

/** A commune of the three-tier province, merged away on 1 July 2025. */
const oldCommune = (id: string, code: string, parentId: string, vi: string, en: string): Unit =>
  commune(id, code, parentId, vi, en, endedWithDistricts(COMMUNES_DOCUMENT));

const seedUnitList: readonly Unit[] = [
  province,
  department(
    'so-tttt',
    '11.STTTT',
    'Sở Thông tin và Truyền thông',
    'Department of Information and Communications',
    endedWithDepartments,
  ),
  department('so-tai-chinh', '11.STC', 'Sở Tài chính', 'Department of Finance', endedWithDepartments),
  department(
    'so-khcn',
    '11.SKHCN',
    'Sở Khoa học và Công nghệ',
    'Department of Science and Technology',
    endedWithDepartments,
  ),
  department(
    'so-khdt',
    '11.SKHDT',
    'Sở Kế hoạch và Đầu tư',
    'Department of Planning and Investment',
    endedWithDepartments,
  ),
  department(
    'so-khcn-2025',
    '11.SKHCN',
    'Sở Khoa học và Công nghệ',
    'Department of Science and Technology',
    mergedDepartment('so-khcn', 'so-tttt'),
  ),
  department(
    'so-tai-chinh-2025',
    '11.STC',
    'Sở Tài chính',
    'Department of Finance',
    mergedDepartment('so-tai-chinh', 'so-khdt'),
  ),
  department('so-noi-vu', '11.SNV', 'Sở Nội vụ', 'Department of Home Affairs', always),
  department('so-y-te', '11.SYT', 'Sở Y tế', 'Department of Health', always),
  department('so-tu-phap', '11.STP', 'Sở Tư pháp', 'Department of Justice', always),
  department(
    'so-gd-dt',
    '11.SGDDT',
    'Sở Giáo dục và Đào tạo',
    'Department of Education and Training',
    always,
  ),
  department(
    'so-vhttdl',
    '11.SVHTTDL',
    'Sở Văn hóa, Thể thao và Du lịch',
    'Department of Culture, Sports and Tourism',
    always,
  ),

  district('muong-ang', '103', 'huyện Mường Ảng', 'Mường Ảng District'),
  district('tuan-giao', '102', 'huyện Tuần Giáo', 'Tuần Giáo District'),
  district('dien-bien-phu', '094', 'thành phố Điện Biên Phủ', 'Điện Biên Phủ City'),
  district('muong-cha', '098', 'huyện Mường Chà', 'Mường Chà District'),

  oldCommune('tt-muong-ang', '03253', 'muong-ang', 'thị trấn Mường Ảng', 'Mường Ảng Township'),
  oldCommune('xa-ang-nua', '03262', 'muong-ang', 'xã Ẳng Nưa', 'Ẳng Nưa Commune'),
  oldCommune('xa-ang-cang', '03265', 'muong-ang', 'xã Ẳng Cang', 'Ẳng Cang Commune'),
  oldCommune('phuong-him-lam', '11.X.HIM-LAM', 'dien-bien-phu', 'phường Him Lam', 'Him Lam Ward'),
  oldCommune('phuong-muong-thanh', '03136', 'dien-bien-phu', 'phường Mường Thanh', 'Mường Thanh Ward'),
  oldCommune('phuong-tan-thanh', '11.X.TAN-THANH', 'dien-bien-phu', 'phường Tân Thanh', 'Tân Thanh Ward'),
  oldCommune('phuong-thanh-binh', '11.X.THANH-BINH', 'dien-bien-phu', 'phường Thanh Bình', 'Thanh Bình Ward'),
  oldCommune(
    'phuong-thanh-truong',
    '11.X.THANH-TRUONG',
    'dien-bien-phu',
    'phường Thanh Trường',
    'Thanh Trường Ward',
  ),
  oldCommune('xa-thanh-minh', '11.X.THANH-MINH', 'dien-bien-phu', 'xã Thanh Minh', 'Thanh Minh Commune'),
  oldCommune('xa-chieng-sinh', '11.X.CHIENG-SINH', 'tuan-giao', 'xã Chiềng Sinh', 'Chiềng Sinh Commune'),
  oldCommune('xa-na-say', '11.X.NA-SAY', 'tuan-giao', 'xã Nà Sáy', 'Nà Sáy Commune'),
  oldCommune('xa-muong-thin', '11.X.MUONG-THIN', 'tuan-giao', 'xã Mường Thín', 'Mường Thín Commune'),
  oldCommune('xa-muong-khong', '11.X.MUONG-KHONG', 'tuan-giao', 'xã Mường Khong', 'Mường Khong Commune'),
  oldCommune('xa-pa-ham', '11.X.PA-HAM', 'muong-cha', 'xã Pa Ham', 'Pa Ham Commune'),
  oldCommune('xa-hua-ngai', '11.X.HUA-NGAI', 'muong-cha', 'xã Hừa Ngài', 'Hừa Ngài Commune'),

  commune(
    'xa-muong-ang',
    '11.X.MUONG-ANG',
    province.id,
    'xã Mường Ảng',
    'Mường Ảng Commune',
    mergedCommune('tt-muong-ang', 'xa-ang-nua', 'xa-ang-cang'),
  ),
  commune(
    'phuong-dien-bien-phu',
    '11.X.DIEN-BIEN-PHU',
    province.id,
    'phường Điện Biên Phủ',
    'Điện Biên Phủ Ward',
    mergedCommune(
      'phuong-him-lam',
      'phuong-muong-thanh',
      'phuong-tan-thanh',
      'phuong-thanh-binh',
      'phuong-thanh-truong',
      'xa-thanh-minh',
    ),
  ),
  commune(
    'xa-chieng-sinh-2025',
    '11.X.CHIENG-SINH-2025',
    province.id,
    'xã Chiềng Sinh',
    'Chiềng Sinh Commune',
    mergedCommune('xa-chieng-sinh', 'xa-na-say', 'xa-muong-thin', 'xa-muong-khong'),
  ),
  commune(
    'xa-pa-ham-2025',
    '11.X.PA-HAM-2025',
    province.id,
    'xã Pa Ham',
    'Pa Ham Commune',
    mergedCommune('xa-pa-ham', 'xa-hua-ngai'),
  ),
];

/**
 * Each reporting unit's office mailbox, for the reminders; made-up addresses under the reserved `.example`
 * name, so a copy of the seed can never mail a real office. The Department of Culture, Sports and Tourism has
 * none, as a unit whose address nobody has entered yet: its reminder is listed as "no contact email".
 */
const WITHOUT_CONTACT = new Set(['so-vhttdl']);
export const seedUnits: readonly Unit[] = seedUnitList.map((u) =>
  u.reports && !WITHOUT_CONTACT.has(u.id) ? { ...u, contactEmail: `vanthu@${u.id}.dienbien.example` } : u,
);

export type DevIdentity = LocalIdentityInput & { readonly name: string };

/** Besides one agency user per reporting unit: the inspection team's auditor and the department's admin. */
export const staffIdentities: readonly DevIdentity[] = [
  {
    sub: 'auditor-doan-kiem-tra',
    role: 'auditor',
    name: 'Đoàn kiểm tra CNTT tỉnh / Provincial IT inspection team',
  },
  {
    sub: 'admin-so-khcn',
    role: 'admin',
    unitId: 'so-khcn-2025',
    name: 'Quản trị Sở KH&CN / Department admin',
  },
];

export const agencyIdentityOf = (unit: Unit): DevIdentity => ({
  sub: `agency-${unit.id}`,
  role: 'agency',
  unitId: unit.id,
  name: unit.name.vi,
});

import type { Unit } from '#shared/hierarchy';
import type { LocalIdentityInput } from './identity.ts';

/*
 * Điện Biên province as it stood in 2014 (province → district → commune). The 2014 inspection checked 11
 * agencies; the news item names the departments of Information and Communications, Finance, Science and
 * Technology, Planning and Investment, and Mường Ảng district. The other six stand in for the unnamed ones.
 */
const province: Unit = {
  id: 'dien-bien',
  code: '11',
  name: { vi: 'UBND tỉnh Điện Biên', en: 'Điện Biên Provincial People’s Committee' },
  level: 'province',
  reports: false,
};

const department = (id: string, code: string, vi: string, en: string): Unit => ({
  id,
  code,
  name: { vi, en },
  level: 'province',
  parentId: province.id,
  reports: true,
});

const district = (id: string, code: string, vi: string, en: string): Unit => ({
  id,
  code,
  name: { vi: `UBND ${vi}`, en: `${en} People’s Committee` },
  level: 'district',
  parentId: province.id,
  reports: true,
});

const commune = (id: string, code: string, parentId: string, vi: string, en: string): Unit => ({
  id,
  code,
  name: { vi: `UBND ${vi}`, en: `${en} People’s Committee` },
  level: 'commune',
  parentId,
  reports: true,
});

export const seedUnits: readonly Unit[] = [
  province,
  department(
    'so-tttt',
    '11.STTTT',
    'Sở Thông tin và Truyền thông',
    'Department of Information and Communications',
  ),
  department('so-tai-chinh', '11.STC', 'Sở Tài chính', 'Department of Finance'),
  department('so-khcn', '11.SKHCN', 'Sở Khoa học và Công nghệ', 'Department of Science and Technology'),
  department('so-khdt', '11.SKHDT', 'Sở Kế hoạch và Đầu tư', 'Department of Planning and Investment'),
  department('so-noi-vu', '11.SNV', 'Sở Nội vụ', 'Department of Home Affairs'),
  district('muong-ang', '103', 'huyện Mường Ảng', 'Mường Ảng District'),
  district('tuan-giao', '102', 'huyện Tuần Giáo', 'Tuần Giáo District'),
  district('dien-bien-phu', '094', 'thành phố Điện Biên Phủ', 'Điện Biên Phủ City'),
  district('muong-cha', '098', 'huyện Mường Chà', 'Mường Chà District'),
  commune('tt-muong-ang', '03253', 'muong-ang', 'thị trấn Mường Ảng', 'Mường Ảng Township'),
  commune('xa-ang-nua', '03262', 'muong-ang', 'xã Ẳng Nưa', 'Ẳng Nưa Commune'),
];

export type DevIdentity = LocalIdentityInput & { readonly name: string };

/** Besides one agency user per reporting unit: the inspection team's auditor and the department's admin. */
export const staffIdentities: readonly DevIdentity[] = [
  {
    sub: 'auditor-doan-kiem-tra',
    role: 'auditor',
    name: 'Đoàn kiểm tra CNTT tỉnh / Provincial IT inspection team',
  },
  { sub: 'admin-so-tttt', role: 'admin', unitId: 'so-tttt', name: 'Quản trị Sở TT&TT / Department admin' },
];

export const agencyIdentityOf = (unit: Unit): DevIdentity => ({
  sub: `agency-${unit.id}`,
  role: 'agency',
  unitId: unit.id,
  name: unit.name.vi,
});

import { bi } from '#shared/contract/i18n';
import { fmtIsoDate } from '../i18n.ts';

/** The units-through-time page's words (web/src/admin/unitsPage.ts). */
export const U = {
  title: bi('Đơn vị theo thời gian', 'Units through time'),
  back: (year: number) => bi(`← Về trang quản trị năm ${year}`, `← Back to the ${year} console`),
  treeHeading: bi('Cây đơn vị tại một ngày', 'The tree on a day'),
  asOf: bi('Tại ngày', 'On'),
  noneOn: (day: string) =>
    bi(`Không có đơn vị nào có hiệu lực ngày ${fmtIsoDate(day)}.`, `No unit is valid on ${fmtIsoDate(day)}.`),
  since: (day: string) => bi(`từ ${fmtIsoDate(day)}`, `since ${fmtIsoDate(day)}`),
  until: (day: string) => bi(`đến hết ${fmtIsoDate(day)}`, `until ${fmtIsoDate(day)}`),
  from: (names: string) => bi(`lập từ: ${names}`, `formed from: ${names}`),
  changeHeading: bi('Thay đổi đơn vị', 'Change the units'),
  changeHelp: bi(
    'Mỗi thay đổi có ngày hiệu lực và văn bản; số liệu các năm trước giữ theo cây đơn vị của năm đó. Xem trước rồi mới lưu.',
    'Each change has an effective date and a document; earlier years keep their own tree. Preview, then save.',
  ),
  kind: bi('Loại thay đổi', 'Kind of change'),
  kinds: {
    split: bi('Chia tách', 'Split'),
    establish: bi('Thành lập đơn vị mới', 'Establish a unit'),
    rename: bi('Đổi tên', 'Rename'),
    merge: bi('Hợp nhất', 'Merge'),
    retire: bi('Giải thể', 'Retire'),
  },
  date: bi('Ngày hiệu lực', 'Effective date'),
  document: bi('Văn bản (số hiệu, ngày, cơ quan ban hành)', 'Document (number, date, issuer)'),
  fromLabel: bi('Đơn vị hiện có (đang có hiệu lực trước ngày đó)', 'Existing unit(s), valid the day before'),
  into: bi('Đơn vị sau thay đổi', 'The unit after the change'),
  intoId: bi('Mã hệ thống (mới)', 'System id (new)'),
  intoCode: bi('Mã đơn vị', 'Unit code'),
  intoVi: bi('Tên (tiếng Việt)', 'Name (Vietnamese)'),
  intoEn: bi('Tên (tiếng Anh)', 'Name (English)'),
  intoLevel: bi('Cấp', 'Level'),
  intoParent: bi('Đơn vị cấp trên', 'Parent unit'),
  intoEmail: bi('Email liên hệ (nhận thư nhắc)', 'Contact email (gets the reminders)'),
  noParent: bi('(không có)', '(none)'),
  intoReports: bi('Đơn vị này nộp báo cáo', 'This unit reports'),
  preview: bi('Xem trước', 'Preview'),
  previewCaption: bi('Thay đổi này sẽ ghi:', 'This change will write:'),
  unitCol: bi('Đơn vị', 'Unit'),
  effectCol: bi('Tác động', 'Effect'),
  ends: (day: string) =>
    bi(`Kết thúc, ngày cuối ${fmtIsoDate(day)}`, `Ends; its last day is ${fmtIsoDate(day)}`),
  starts: (day: string, from: string) =>
    from
      ? bi(`Được lập từ ${fmtIsoDate(day)}, từ: ${from}`, `Starts ${fmtIsoDate(day)}, from: ${from}`)
      : bi(`Được lập từ ${fmtIsoDate(day)}`, `Starts ${fmtIsoDate(day)}`),
  save: bi('Lưu thay đổi', 'Save the change'),
  saved: (version: number) =>
    bi(`Đã lưu (phiên bản danh mục ${version}).`, `Saved (unit list version ${version}).`),
  at: (path: string) => bi(`Trường ${path}`, `Field ${path}`),
};

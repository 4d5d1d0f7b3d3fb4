import { bi } from '#shared/contract/i18n';

/** What the agency reads of the two-round review (shared/domain/review.ts). */
export const P = {
  title: bi('Kết quả thẩm định sơ bộ', 'Preliminary result of the review'),
  intro: (deadline: string) =>
    bi(
      `Đoàn kiểm tra đã công bố kết quả sơ bộ. Đơn vị đồng ý, hoặc giải trình theo từng chỉ tiêu, trước ${deadline}. Quá hạn mà không giải trình thì kết quả sơ bộ là kết quả chính thức.`,
      `The inspection team has published its preliminary result. Agree with it, or object field by field, before ${deadline}. If the window passes without an objection, the preliminary result is final.`,
    ),
  field: bi('Chỉ tiêu', 'Field'),
  reported: bi('Đơn vị báo cáo', 'Reported'),
  verified: bi('Kết quả thẩm định', 'Verified'),
  comment: bi('Nhận xét', 'Comment'),
  noChanges: bi('Đoàn kiểm tra không điều chỉnh số liệu nào.', 'The team changed no figure.'),
  documents: bi('Tài liệu kiểm chứng', 'Evidence documents'),
  unsupported: bi(
    'Các chỉ tiêu sau không còn tài liệu kiểm chứng được chấp nhận:',
    'These fields no longer have an accepted evidence document:',
  ),
  agree: bi('Đồng ý kết quả sơ bộ', 'Agree with the preliminary result'),
  object: bi('Giải trình', 'Object'),
  objectTitle: bi('Giải trình theo chỉ tiêu', 'Objections, field by field'),
  objectHint: bi(
    'Chọn chỉ tiêu, nêu lý do và (nếu có) tài liệu kiểm chứng kèm theo.',
    'Pick a field, explain, and attach verified documents if you have them.',
  ),
  explanation: bi('Nội dung giải trình', 'Explanation'),
  attach: bi('Tài liệu kèm theo', 'Documents attached'),
  newDocument: bi('Tải lên tài liệu mới cho nội dung này', 'Upload a new document for this objection'),
  documentTitle: (field: string) => bi(`Tài liệu giải trình: ${field}`, `Supporting document: ${field}`),
  addField: bi('Thêm chỉ tiêu', 'Add a field'),
  remove: bi('Bỏ chỉ tiêu này', 'Remove this field'),
  send: bi('Gửi giải trình', 'Send the objections'),
  needExplanation: bi('Cần nêu nội dung giải trình', 'An explanation is needed'),
  sentTitle: bi('Giải trình đã gửi', 'Objections sent'),
  sentIntro: bi(
    'Đoàn kiểm tra đang xem xét giải trình của đơn vị; kết quả sẽ hiển thị khi được chốt.',
    'The team is considering your objections; the answers show once the result is final.',
  ),
  answersTitle: bi('Trả lời giải trình', 'Answers to your objections'),
  upheldWith: (value: string) =>
    bi(`Chấp nhận; giá trị chính thức: ${value}`, `Upheld; official value: ${value}`),
  dismissed: bi('Không chấp nhận', 'Dismissed'),
  doneAgree: bi('Đã đồng ý: kết quả là chính thức.', 'Agreed: the result is final.'),
  doneObject: bi('Đã gửi giải trình.', 'Your objections have been sent.'),
};

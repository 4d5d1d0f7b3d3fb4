import { bi } from '#shared/contract/i18n';

export const A = {
  title: (year: number) => bi(`Báo cáo ứng dụng CNTT năm ${year}`, `IT use report for ${year}`),
  unitLine: (unit: string, level: string) => bi(`${unit} · ${level}`, `${unit} · ${level}`),
  statusLabel: bi('Trạng thái', 'Status'),
  contents: bi('Mục lục', 'Contents'),
  filled: (n: number, of: number) => bi(`${n}/${of} mục bắt buộc`, `${n} of ${of} required`),
  required: bi('bắt buộc', 'required'),
  unitWord: bi('Đơn vị tính', 'Unit'),
  optional: bi('không bắt buộc', 'optional'),
  copyLastYear: (year: number) => bi(`Sao chép số liệu năm ${year}`, `Copy the ${year} figures`),
  copiedCount: (n: number, year: number) =>
    bi(
      `Đã sao chép ${n} trường từ báo cáo năm ${year}. Hãy xác nhận hoặc sửa từng trường.`,
      `Copied ${n} field(s) from the ${year} report. Confirm or correct each one.`,
    ),
  copiedNone: (year: number) =>
    bi(
      `Không có số liệu năm ${year} nào để sao chép vào các trường còn trống.`,
      `Nothing from ${year} to copy into the empty fields.`,
    ),
  copiedFrom: (year: number) =>
    bi(`Sao chép từ năm ${year} — chưa xác nhận.`, `Copied from ${year} — not confirmed yet.`),
  confirmCopied: bi('Xác nhận', 'Confirm'),
  yearSwitcher: bi('Năm báo cáo', 'Reporting year'),
  readAs: (n: string) => bi(`Đã đọc là ${n}`, `Read as ${n}`),
  readAsAmbiguous: (n: string) =>
    bi(
      `Đã đọc là ${n} — hãy kiểm tra: dấu chấm tách hàng nghìn, dấu phẩy tách phần thập phân.`,
      `Read as ${n} — please check: a comma separates thousands, a point the decimals.`,
    ),
  range: (min: string, max: string) => bi(`Từ ${min} đến ${max}`, `From ${min} to ${max}`),
  maxChars: (n: string) => bi(`Tối đa ${n} ký tự`, `Up to ${n} characters`),
  choose: bi('— Chọn —', '— Choose —'),
  saved: (time: string, version: number) =>
    bi(
      `Đã lưu lên máy chủ lúc ${time} (phiên bản ${version})`,
      `Saved on the server at ${time} (version ${version})`,
    ),
  keptHere: bi(
    'Chưa lưu lên máy chủ — đã giữ trên máy này, sẽ gửi sau giây lát.',
    'Not on the server yet — kept on this computer, to be sent in a moment.',
  ),
  conflict: (n: number) =>
    bi(
      `Chưa lưu — báo cáo vừa được sửa ở nơi khác. Hãy chọn giá trị cho ${n} trường bên dưới.`,
      `Not saved — the report was changed elsewhere. Choose the value of ${n} field(s) below.`,
    ),
  conflictHeading: bi('Chọn giá trị cần giữ', 'Choose which value to keep'),
  conflictIntro: bi(
    'Các trường này được sửa cả trên máy này và ở nơi khác. Chưa có giá trị nào bị ghi đè.',
    'These fields were changed both on this computer and elsewhere. Nothing has been overwritten.',
  ),
  conflictMine: bi('Trên máy này', 'On this computer'),
  conflictTheirs: bi('Trên máy chủ', 'On the server'),
  conflictEmpty: bi('(trống)', '(empty)'),
  conflictApply: bi('Lưu các lựa chọn', 'Save these choices'),
  offlineCopy: bi(
    'Đang mất kết nối: biểu mẫu mở từ bản lưu trên máy này. Mọi thay đổi được giữ trên máy và sẽ tự gửi khi có mạng.',
    'Offline: the form opened from the copy kept on this computer. Changes are kept here and sent when the connection is back.',
  ),
  savedVersion: (version: number) => bi(`Đã lưu (phiên bản ${version})`, `Saved (version ${version})`),
  savedNothing: bi('Chưa có số liệu', 'Nothing entered yet'),
  notSaved: bi('Chưa lưu', 'Not saved'),
  saving: bi('Đang lưu…', 'Saving…'),
  offline: bi(
    'Chưa lưu — mất kết nối. Số liệu được giữ trên máy này và sẽ tự gửi khi có mạng.',
    'Not saved — offline. Your figures are kept on this computer and will be sent when the connection is back.',
  ),
  notSavedErrors: (n: number) =>
    bi(
      `Chưa lưu ${n} trường có lỗi; các trường khác đã lưu.`,
      `${n} field(s) with errors are not saved; everything else is.`,
    ),
  sessionEnded: bi(
    'Chưa lưu — phiên đăng nhập đã hết. Số liệu được giữ trên máy này; hãy đăng nhập lại.',
    'Not saved — your session ended. Your figures are kept on this computer; please sign in again.',
  ),
  signInAgain: bi('Đăng nhập lại', 'Sign in again'),
  saveFailed: (msg: string) => bi(`Chưa lưu — ${msg}`, `Not saved — ${msg}`),
  mergedRemote: bi(
    'Báo cáo vừa được sửa ở nơi khác; đã gộp thay đổi của bạn vào bản mới nhất.',
    'The report was changed elsewhere; your changes were merged into the latest version.',
  ),
  restoredLocal: bi(
    'Đã khôi phục số liệu chưa gửi được lưu trên máy này.',
    'Restored figures saved on this computer that had not reached the server.',
  ),
  staleLocal: bi(
    'Trên máy này còn một bản nháp cũ hơn bản trên máy chủ. Đang dùng bản trên máy chủ.',
    'This computer holds a draft older than the one on the server. The server’s version is shown.',
  ),
  useLocal: bi('Dùng bản trên máy này', 'Use the copy on this computer'),
  locked: bi(
    'Báo cáo đã nộp và đang chờ kiểm tra; không thể sửa.',
    'The report is submitted and awaiting review; it cannot be changed.',
  ),
  accepted: bi('Báo cáo đã được chấp nhận.', 'The report has been accepted.'),
  deadlinePassed: bi(
    'Đã quá hạn nộp. Liên hệ Sở TT&TT để được gia hạn.',
    'The deadline has passed. Ask the department for an extension.',
  ),
  returnedBanner: bi(
    'Báo cáo bị trả lại để chỉnh sửa. Xem nhận xét của đoàn kiểm tra bên dưới, sửa rồi nộp lại.',
    'The report was returned for correction. Read the reviewers’ comments below, correct it and submit again.',
  ),
  reviewerComment: bi('Nhận xét của đoàn kiểm tra', 'Reviewers’ comment'),
  generalComments: bi('Nhận xét chung', 'General comments'),
  fieldComments: bi('Nhận xét theo chỉ tiêu', 'Comments on fields'),
  viewReceipt: bi('Xem biên nhận', 'View the receipt'),
  indicators: bi('Chỉ số tính tự động', 'Derived indicators'),
  noData: bi('chưa đủ số liệu', 'not enough data'),
  target: (level: string, op: string, value: string) =>
    bi(`Chỉ tiêu ${level.toLowerCase()}: ${op} ${value}`, `${level} target: ${op} ${value}`),
  inputsBroken: bi('Số liệu đầu vào chưa hợp lệ', 'Its figures break a rule'),
  ruleError: bi('Phải sửa trước khi nộp', 'Must be fixed before submitting'),
  checkSubmit: bi('Kiểm tra và nộp báo cáo', 'Check and submit the report'),
  problemsTitle: (n: number) =>
    bi(`Còn ${n} mục cần hoàn thành trước khi nộp`, `${n} thing(s) to fix before submitting`),
  problemsIntro: bi('Chọn từng mục để đến trường cần sửa.', 'Choose an item to go to the field.'),
  readyTitle: bi('Báo cáo đã đầy đủ', 'The report is complete'),
  readyText: (files: number) =>
    bi(
      `Mọi trường bắt buộc đã có số liệu và ${files} tài liệu kiểm chứng đã được xác minh. Sau khi nộp, báo cáo sẽ bị khóa cho đến khi đoàn kiểm tra xem xét.`,
      `Every required field is filled in and ${files} evidence file(s) are verified. Once submitted, the report is locked until it is reviewed.`,
    ),
  submitNow: bi('Nộp báo cáo', 'Submit the report'),
  headTitle: bi('Thủ trưởng cơ quan xác nhận', 'The head of the agency vouches for the report'),
  headName: bi('Họ và tên thủ trưởng cơ quan', 'Name of the head of the agency'),
  headRole: bi('Chức vụ', 'Title'),
  headRoleHint: bi('Ví dụ: Giám đốc Sở, Chủ tịch UBND xã', 'For example: Director of the Department'),
  submitting: bi('Đang nộp…', 'Submitting…'),
  cancel: bi('Để sau', 'Not now'),
  // Receipt
  receiptTitle: (year: number) =>
    bi(`Biên nhận nộp báo cáo CNTT năm ${year}`, `Receipt for the ${year} IT use report`),
  receiptUnit: bi('Đơn vị', 'Agency'),
  receiptYear: bi('Kỳ báo cáo', 'Reporting year'),
  receiptTime: bi('Thời điểm nộp', 'Submitted at'),
  receiptFirst: bi('Nộp lần đầu', 'First submitted'),
  receiptVersion: bi('Phiên bản', 'Version'),
  receiptRound: bi('Lần nộp', 'Submission'),
  receiptLate: bi('Nộp muộn', 'Late'),
  receiptEvidence: bi('Tài liệu kiểm chứng', 'Evidence files'),
  receiptNone: bi('Không có tài liệu.', 'No files.'),
  receiptNotSubmitted: bi('Báo cáo chưa được nộp.', 'The report has not been submitted.'),
  print: bi('In biên nhận', 'Print the receipt'),
  printReport: bi('In báo cáo', 'Print the report'),
  downloadWorkbook: bi('Tải báo cáo (XLSX)', 'Download the report (XLSX)'),
  printNothing: bi('Chưa có số liệu.', 'No figures yet.'),
  printVersion: (version: number, at: string) =>
    bi(`Phiên bản ${version}, in lúc ${at}`, `Version ${version}, printed at ${at}`),
  printPlaceDate: bi('…………, ngày … tháng … năm ……', '…………, date ……………'),
  printHead: bi('THỦ TRƯỞNG CƠ QUAN', 'HEAD OF THE AGENCY'),
  printSignNote: bi('(Ký, ghi rõ họ tên và đóng dấu)', '(Signature, full name and seal)'),
  backToReport: bi('Quay lại báo cáo', 'Back to the report'),
  sha256: bi('SHA-256', 'SHA-256'),
  fileCol: bi('Tệp', 'File'),
  docCol: bi('Văn bản', 'Document'),
  sizeCol: bi('Dung lượng', 'Size'),
  fieldsCol: bi('Cho chỉ tiêu', 'For fields'),
};

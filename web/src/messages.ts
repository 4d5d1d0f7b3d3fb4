import { bi } from '#shared/contract/i18n';
import { STATUS_LABELS } from '#shared/contract/statuses';

/* Texts of the shell, sign-in and error pages. Page modules keep their own texts beside them. */
export const M = {
  appName: bi('Báo cáo CNTT', 'IT use report'),
  appTagline: bi(
    'Báo cáo hằng năm về ứng dụng công nghệ thông tin trong cơ quan nhà nước',
    'Yearly report on the use of IT in state agencies',
  ),
  skip: bi('Bỏ qua, đến nội dung chính', 'Skip to main content'),
  loading: bi('Đang tải…', 'Loading…'),
  language: bi('Ngôn ngữ', 'Language'),
  signOut: bi('Đăng xuất', 'Sign out'),
  signIn: bi('Đăng nhập', 'Sign in'),
  signInTitle: bi('Đăng nhập', 'Sign in'),
  signInWithAccount: bi('Đăng nhập bằng tài khoản được cấp', 'Sign in with your issued account'),
  signInUnavailable: bi(
    'Chưa cấu hình đăng nhập (thiếu /config.json).',
    'Sign-in is not configured (no /config.json).',
  ),
  signInQuickTitle: bi('Đăng nhập nhanh (chỉ trên máy cục bộ)', 'Quick sign-in (local only)'),
  signInLocalIntro: bi(
    'Bản chạy thử trên máy: chọn một người dùng mẫu để đăng nhập ngay, không qua trang đăng nhập.',
    'Local test setup: pick a sample user to sign in as at once, without the sign-in page.',
  ),
  signInAs: bi('Đăng nhập với vai trò', 'Sign in as'),
  role: {
    agency: bi('Đơn vị báo cáo', 'Reporting agency'),
    auditor: bi('Đoàn kiểm tra', 'Auditor'),
    admin: bi('Quản trị', 'Administrator'),
  } as Record<string, ReturnType<typeof bi>>,
  signedInAs: (who: string) => bi(`Đang đăng nhập: ${who}`, `Signed in: ${who}`),
  retry: bi('Thử lại', 'Try again'),
  met: bi('Đạt', 'Met'),
  notMet: bi('Chưa đạt', 'Not met'),
  home: bi('Về trang chủ', 'Go to the start page'),
  error401Title: bi('Phiên đăng nhập đã hết hạn', 'Your session has ended'),
  error401Text: bi(
    'Bạn cần đăng nhập lại. Số liệu đang nhập dở vẫn được giữ trên máy này.',
    'Please sign in again. Anything you were typing is kept on this computer.',
  ),
  error403Title: bi('Không có quyền truy cập', 'Access denied'),
  error403Text: bi(
    'Tài khoản của bạn không được xem trang này. Mỗi đơn vị chỉ xem được báo cáo của chính mình.',
    'Your account may not open this page. Each agency can only see its own report.',
  ),
  error404Title: bi('Không tìm thấy', 'Not found'),
  error404Text: bi(
    'Trang hoặc dữ liệu bạn tìm không tồn tại.',
    'The page or data you asked for does not exist.',
  ),
  errorNetworkTitle: bi('Mất kết nối mạng', 'No network connection'),
  errorNetworkText: bi(
    'Không kết nối được tới máy chủ. Kiểm tra đường truyền Internet rồi thử lại.',
    'The server could not be reached. Check the Internet connection and try again.',
  ),
  errorOtherTitle: bi('Đã xảy ra lỗi', 'Something went wrong'),
  errorCode: (code: string, requestId?: string) =>
    bi(
      `Mã lỗi: ${code}${requestId ? ` · mã yêu cầu ${requestId}` : ''}`,
      `Error code: ${code}${requestId ? ` · request id ${requestId}` : ''}`,
    ),
  /** A deadline as fmtDeadline reads it: a day at midnight ("before 1 February"), else a moment. */
  deadline: ({ date, midnight }: { date: string; midnight: boolean }) =>
    midnight
      ? bi(`Hạn nộp: trước ngày ${date}`, `Due before ${date}`)
      : bi(`Hạn nộp: ${date}`, `Due by ${date}`),
  noCatalog: bi('Chưa có kỳ báo cáo nào được mở.', 'No reporting year is open yet.'),
  /** The contract's own names of each status: one home for the words every page and output uses. */
  status: STATUS_LABELS as Readonly<Record<string, ReturnType<typeof bi>>>,
  yes: bi('Có', 'Yes'),
  no: bi('Không', 'No'),
  empty: bi('(trống)', '(empty)'),
};

import { adminActionsForPeriod, withAdminAudit } from '#shared/api/audit';
import { periodSchema } from '#shared/contract/bodies';
import { reportingYear } from '#shared/api/params';
import { invalidInput, parseWith } from '#shared/api/zodIssues';
import { periodProblems } from '#shared/domain/period';
import { apiHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';
import { commitClaimed } from '#shared/store/idempotency';
import { forgetPeriod, getPeriod, periodWrite } from '#shared/store/periods';

const PROBLEM_TEXT: Record<string, ReturnType<typeof bi>> = {
  before_opening: bi('Hạn nộp phải sau ngày mở kỳ báo cáo', 'The deadline must come after the opening'),
  too_late: bi('Ngày mở quá xa so với năm báo cáo', 'The opening is too far after the reporting year'),
  duplicate: bi('Đơn vị đã có gia hạn', 'The unit already has an exception'),
  outside_year: bi(
    'Ngày chốt danh mục đơn vị phải thuộc năm báo cáo',
    'The hierarchy day must fall in the reporting year',
  ),
};

export const handler = apiHandler('putPeriod', async (req) => {
  const { year } = reportingYear(req);
  const input = parseWith(periodSchema, req.body);
  const problems = periodProblems(input, year);
  if (problems.length) {
    throw invalidInput(
      problems.map((p) => ({ ...p, message: PROBLEM_TEXT[p.code] ?? bi('Không hợp lệ', 'Invalid') })),
    );
  }
  forgetPeriod(year);
  const before = await getPeriod(year);
  const result = { body: { year, ...input, isDefault: false } };
  // The period and its entries on the audit log (the deadline, each unit's lock exception) land together.
  const committed = await withAdminAudit(req, adminActionsForPeriod(year, before, input), (auditWrites) =>
    commitClaimed(
      [periodWrite(year, input, req.identity.sub, req.receivedAt), ...auditWrites],
      req.claim,
      result,
      req.receivedAt,
    ),
  );
  forgetPeriod(year);
  return committed;
});

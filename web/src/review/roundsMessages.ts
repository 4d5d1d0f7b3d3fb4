import { bi } from '#shared/contract/i18n';

/** What the auditors read of the two-round review (shared/domain/review.ts). */
export const W = {
  title: bi('Thẩm định hai vòng', 'The review in two rounds'),
  publishHint: bi(
    'Công bố kết quả sơ bộ: đơn vị sẽ thấy số liệu thẩm định, quyết định về từng tài liệu và các nhận xét dành cho đơn vị, rồi đồng ý hoặc giải trình trong thời hạn của kỳ báo cáo.',
    'Publish the preliminary result: the unit sees the verified values, the decision on each document and the comments meant for it, then agrees or objects within the period’s window.',
  ),
  publish: bi('Công bố kết quả sơ bộ', 'Publish the preliminary result'),
  window: (published: string, deadline: string) =>
    bi(
      `Kết quả sơ bộ công bố lúc ${published}; hạn giải trình ${deadline}.`,
      `Preliminary result published ${published}; objections until ${deadline}.`,
    ),
  objections: bi('Giải trình của đơn vị', 'The unit’s objections'),
  attached: bi('Tài liệu kèm theo:', 'Documents attached:'),
  answerOf: (field: string) => bi(`Trả lời giải trình: ${field}`, `Answer on ${field}`),
  newValue: bi('Giá trị chính thức mới (khi chấp nhận)', 'New official value (when upheld)'),
  reason: bi('Lý do', 'Reason'),
  saveAnswer: bi('Lưu trả lời', 'Save the answer'),
  finalize: bi('Chốt kết quả chính thức', 'Finalize the result'),
  acceptDoc: bi('Chấp nhận tài liệu', 'Accept the document'),
  rejectDoc: bi('Không chấp nhận', 'Reject the document'),
  needReason: bi('Cần nêu lý do', 'A reason is needed'),
  needVerdict: bi('Chọn chấp nhận hoặc không chấp nhận', 'Choose upheld or dismissed'),
  needValue: bi('Cần giá trị chính thức mới', 'The new official value is needed'),
  donePublish: bi('Đã công bố kết quả sơ bộ cho đơn vị.', 'The preliminary result is published to the unit.'),
  doneAnswer: bi('Đã lưu trả lời giải trình.', 'The answer is saved.'),
  doneFinalize: bi('Đã chốt kết quả chính thức.', 'The result is final.'),
  doneAccepted: bi('Đã chấp nhận tài liệu.', 'The document is accepted.'),
  doneRejected: bi('Đã không chấp nhận tài liệu.', 'The document is rejected.'),
};

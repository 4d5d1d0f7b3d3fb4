import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReportValues } from '#shared/catalog/index';
import { defaultPeriod, type Period } from '#shared/domain/period';
import {
  acceptReport,
  canStillEdit,
  diffValues,
  displayStatusOf,
  emptyReport,
  isEditable,
  recordVerification,
  returnReport,
  saveDraft,
  submit,
  type Actor,
  type ReportState,
  type Transition,
} from '#shared/domain/report';
import type { ReportStatus } from '#shared/contract/statuses';
import type { FieldIssue } from '#shared/contract/errors';
import { expectAppError } from '../expectations.ts';
import type { AppError } from '#shared/errors';

const YEAR = 2025;
const UNIT = 'hn-so-tttt';
const period = defaultPeriod(YEAR);
const VOUCHED = {
  attestation: { headName: 'Nguyễn Văn An', headTitle: 'Giám đốc Sở' },
  evidenceByField: {},
} as const;
// Default period of 2025: opens 2024-12-31T17:00Z, deadline 2026-01-31T17:00Z.
const OPENS = new Date('2024-12-31T17:00:00.000Z');
const DEADLINE = new Date('2026-01-31T17:00:00.000Z');
const NOW = new Date('2025-06-15T03:00:00.000Z');
const at = (iso: string) => new Date(iso);
const later = (ms: number, from = NOW) => new Date(from.getTime() + ms);

const agency: Actor = { sub: 'agency-user', role: 'agency' };
const auditor: Actor = { sub: 'auditor-user', role: 'auditor' };

const VALUES: ReportValues = { staff_total: 40, lan_available: true };
const PROBLEM: FieldIssue = {
  path: 'staff_total',
  code: 'required',
  message: { vi: 'Bắt buộc', en: 'Required' },
};

function must(t: Transition | undefined): Transition {
  expect(t).toBeDefined();
  return t as Transition;
}

const fresh = () => emptyReport(YEAR, UNIT);
const drafted = (values: ReportValues = VALUES, now = NOW) =>
  must(saveDraft(fresh(), values, agency, now, period)).next;
const submitted = (now = NOW) => submit(drafted(), agency, now, period, [], VOUCHED).next;
const returned = (now = NOW) =>
  returnReport(submitted(now), [{ text: 'Thiếu số liệu' }], auditor, later(1000, now)).next;
const accepted = () => acceptReport(submitted(), undefined, auditor, later(1000)).next;

const states: Record<string, () => ReportState> = {
  'not started (version 0)': fresh,
  draft: () => drafted(),
  submitted: () => submitted(),
  returned: () => returned(),
  accepted,
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('emptyReport, displayStatusOf, isEditable', () => {
  it('an empty report is a version-0 draft that displays as not started', () => {
    const s = fresh();
    expect(s).toMatchObject({ year: YEAR, unitId: UNIT, status: 'draft', version: 0, submissions: 0 });
    expect(s.values).toEqual({});
    expect(s.comments).toEqual([]);
    expect(s.late).toBe(false);
    expect(displayStatusOf(s)).toBe('not_started');
    expect(displayStatusOf(undefined)).toBe('not_started');
  });

  it.each<[ReportStatus, boolean, string]>([
    ['draft', false, 'draft'],
    ['draft', true, 'draft'],
    ['submitted', false, 'submitted'],
    ['submitted', true, 'late'],
    ['returned', true, 'returned'],
    ['accepted', true, 'accepted'],
    ['accepted', false, 'accepted'],
  ])('status %s with late=%s displays as %s', (status, late, shown) => {
    expect(displayStatusOf({ status, late, version: 3 })).toBe(shown);
  });

  it('only drafts and returned reports are editable', () => {
    expect(isEditable(fresh())).toBe(true);
    expect(isEditable(drafted())).toBe(true);
    expect(isEditable(returned())).toBe(true);
    expect(isEditable(submitted())).toBe(false);
    expect(isEditable(accepted())).toBe(false);
  });
});

describe('canStillEdit: what the API tells the browser as `editable`', () => {
  it('a draft until its deadline, not after', () => {
    expect(canStillEdit(drafted(), period, NOW)).toBe(true);
    expect(canStillEdit(fresh(), period, later(-1, DEADLINE))).toBe(true);
    expect(canStillEdit(drafted(), period, DEADLINE)).toBe(false);
  });

  it('a lock exception moves the unit’s deadline', () => {
    const until = '2026-02-15T00:00:00+07:00';
    const excepted = { ...period, lockExceptions: [{ unitId: UNIT, until, reason: 'Mất điện' }] };
    expect(canStillEdit(drafted(), excepted, DEADLINE)).toBe(true);
    expect(canStillEdit(drafted(), excepted, new Date(until))).toBe(false);
  });

  it('a returned report stays editable after the deadline; submitted and accepted never are', () => {
    expect(canStillEdit(returned(), period, later(1000, DEADLINE))).toBe(true);
    expect(canStillEdit(submitted(), period, NOW)).toBe(false);
    expect(canStillEdit(accepted(), period, NOW)).toBe(false);
  });

  it('agrees with saveDraft: whenever it says no to a draft, a save is refused', () => {
    const afterDeadline = later(1, DEADLINE);
    expect(canStillEdit(drafted(), period, afterDeadline)).toBe(false);
    expectAppError(
      () => saveDraft(drafted(), { staff_total: 41 }, agency, afterDeadline, period),
      'DEADLINE_PASSED',
      409,
    );
  });
});

describe('diffValues', () => {
  it('lists added, removed and changed fields, sorted by field code', () => {
    const before = { s_b: 1, s_a: 2, s_same: 'x', s_cleared: 5 };
    const after = { s_same: 'x', s_c: true, s_a: 3, s_cleared: null };
    expect(diffValues(before, after)).toEqual([
      { field: 's_a', from: 2, to: 3 },
      { field: 's_b', from: 1, to: undefined },
      { field: 's_c', from: undefined, to: true },
      { field: 's_cleared', from: 5, to: null },
    ]);
  });

  it('is empty for equal values in any key order', () => {
    expect(diffValues({ a: 1, b: 'x' }, { b: 'x', a: 1 })).toEqual([]);
    expect(diffValues({}, {})).toEqual([]);
  });

  it('a null value and an absent one are different (clearing a field is a change)', () => {
    expect(diffValues({ a: null }, {})).toEqual([{ field: 'a', from: null, to: undefined }]);
  });

  it('property: sorted, unique, and applying it to `before` gives `after`', () => {
    const value = fc.oneof(fc.integer(), fc.boolean(), fc.string({ maxLength: 3 }), fc.constant(null));
    const values = fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), value);
    fc.assert(
      fc.property(values, values, (before, after) => {
        const diff = diffValues(before, after);
        const fields = diff.map((d) => d.field);
        expect(fields).toEqual([...new Set(fields)].sort());
        const applied: Record<string, unknown> = { ...before };
        for (const d of diff) {
          expect(d.from).toBe(before[d.field]);
          if (d.to === undefined) delete applied[d.field];
          else applied[d.field] = d.to;
        }
        expect(applied).toEqual(after);
      }),
    );
  });
});

describe('allowed and refused transitions', () => {
  // What each action does from each state: undefined = allowed, else the refusal code and HTTP status.
  const table: Record<string, Record<string, [string, number] | undefined>> = {
    save: {
      'not started (version 0)': undefined,
      draft: undefined,
      submitted: ['REPORT_LOCKED', 409],
      returned: undefined,
      accepted: ['REPORT_LOCKED', 409],
    },
    submit: {
      'not started (version 0)': ['SUBMISSION_INVALID', 422],
      draft: undefined,
      submitted: ['REPORT_LOCKED', 409],
      returned: undefined,
      accepted: ['REPORT_LOCKED', 409],
    },
    verify: {
      'not started (version 0)': ['INVALID_STATE', 409],
      draft: ['INVALID_STATE', 409],
      submitted: undefined,
      returned: ['INVALID_STATE', 409],
      accepted: ['REPORT_LOCKED', 409],
    },
    return: {
      'not started (version 0)': ['INVALID_STATE', 409],
      draft: ['INVALID_STATE', 409],
      submitted: undefined,
      returned: ['INVALID_STATE', 409],
      accepted: ['REPORT_LOCKED', 409],
    },
    accept: {
      'not started (version 0)': ['INVALID_STATE', 409],
      draft: ['INVALID_STATE', 409],
      submitted: undefined,
      returned: ['INVALID_STATE', 409],
      accepted: ['REPORT_LOCKED', 409],
    },
  };
  const when = later(60_000);
  const run: Record<string, (s: ReportState) => Transition | undefined> = {
    save: (s) => saveDraft(s, { ...VALUES, staff_total: 41 }, agency, when, period),
    submit: (s) => submit(s, agency, when, period, [], VOUCHED),
    verify: (s) => recordVerification(s, { staff_total: { value: 39 } }, auditor, when),
    return: (s) => returnReport(s, [{ field: 'staff_total', text: 'Kiểm tra lại' }], auditor, when),
    accept: (s) => acceptReport(s, 'Đạt', auditor, when),
  };
  const expectedStatus: Record<string, (from: ReportState) => ReportStatus> = {
    save: (from) => (from.version === 0 ? 'draft' : from.status),
    submit: () => 'submitted',
    verify: () => 'submitted',
    return: () => 'returned',
    accept: () => 'accepted',
  };

  const cases = Object.entries(table).flatMap(([action, row]) =>
    Object.entries(row).map(([from, outcome]) => ({ action, from, outcome })),
  );

  it.each(cases)('$action from $from', ({ action, from, outcome }) => {
    const state = deepFreeze(states[from]!());
    const apply = () => run[action]!(state);
    if (outcome) {
      expectAppError(apply, outcome[0], outcome[1]);
      return;
    }
    const t = must(apply());
    expect(t.next.version).toBe(state.version + 1);
    expect(t.next.status).toBe(expectedStatus[action]!(state));
    expect(t.revision).toMatchObject({
      year: YEAR,
      unitId: UNIT,
      version: t.next.version,
      action,
      status: t.next.status,
      at: when.toISOString(),
    });
    expect(t.next.updatedAt).toBe(when.toISOString());
    expect(t.next.updatedBy).toBe(t.revision.by.sub);
    // The input state is untouched (it was frozen) and still has its old version.
    expect(state.version).toBe(t.next.version - 1);
  });

  it('a refused step is told by its name and the status’s, in both languages, never by their codes', () => {
    let refusal: AppError | undefined;
    try {
      acceptReport(deepFreeze(states.accepted!()), 'Đạt', auditor, when);
    } catch (error) {
      refusal = error as AppError;
    }
    expect(refusal?.bilingual.vi).toBe(
      'Không thể thực hiện bước "Chấp nhận" khi báo cáo đang ở trạng thái "Đã chấp nhận".',
    );
    expect(refusal?.bilingual.en).toBe('The step "Accepted" cannot be taken while the report is "Accepted".');
  });

  it('the refusal of a locked report names its code even past the deadline', () => {
    expectAppError(
      () => saveDraft(submitted(), VALUES, agency, later(1, DEADLINE), period),
      'REPORT_LOCKED',
      409,
    );
  });
});

describe('versions and revisions through a whole life', () => {
  it('every transition adds exactly 1 to the version and its revision records it', () => {
    const steps: Array<(s: ReportState, now: Date) => Transition | undefined> = [
      (s, now) => saveDraft(s, { a_field: 1 }, agency, now, period),
      (s, now) => saveDraft(s, { a_field: 2, b_field: 'x' }, agency, now, period),
      (s, now) => submit(s, agency, now, period, [], VOUCHED),
      (s, now) => recordVerification(s, { a_field: { value: 3, comment: 'Theo biên bản' } }, auditor, now),
      (s, now) => returnReport(s, [{ field: 'a_field', text: 'Sửa theo xác minh' }], auditor, now),
      (s, now) => saveDraft(s, { a_field: 3, b_field: 'x' }, agency, now, period),
      (s, now) => submit(s, agency, now, period, [], VOUCHED),
      (s, now) => acceptReport(s, 'Đạt yêu cầu', auditor, now),
    ];
    let state = fresh();
    const revisions = [];
    for (const [i, step] of steps.entries()) {
      const now = later(i * 3_600_000);
      const t = must(step(state, now));
      expect(t.next.version).toBe(i + 1);
      expect(t.revision.version).toBe(i + 1);
      expect(t.revision.values).toEqual(t.next.values);
      revisions.push(t.revision);
      state = t.next;
    }
    expect(revisions.map((r) => [r.action, r.status])).toEqual([
      ['save', 'draft'],
      ['save', 'draft'],
      ['submit', 'submitted'],
      ['verify', 'submitted'],
      ['return', 'returned'],
      ['save', 'returned'],
      ['submit', 'submitted'],
      ['accept', 'accepted'],
    ]);
    expect(revisions.map((r) => r.by.role)).toEqual([
      'agency',
      'agency',
      'agency',
      'auditor',
      'auditor',
      'agency',
      'agency',
      'auditor',
    ]);
    // Only saves change values, so only they carry a diff.
    expect(revisions.map((r) => r.diff.length)).toEqual([1, 2, 0, 0, 0, 1, 0, 0]);
    expect(state.createdAt).toBe(NOW.toISOString());
    expect(state.submissions).toBe(2);
    expect(state.acceptedAt).toBe(later(7 * 3_600_000).toISOString());
  });

  it('a save carries the diff against the previous values, sorted by field', () => {
    const first = must(saveDraft(fresh(), { s_b: 1, s_a: 2 }, agency, NOW, period));
    expect(first.revision.diff).toEqual([
      { field: 's_a', from: undefined, to: 2 },
      { field: 's_b', from: undefined, to: 1 },
    ]);
    const second = must(saveDraft(first.next, { s_c: null, s_a: 3 }, agency, later(1), period));
    expect(second.revision.diff).toEqual([
      { field: 's_a', from: 2, to: 3 },
      { field: 's_b', from: 1, to: undefined },
      { field: 's_c', from: undefined, to: null },
    ]);
    expect(second.next.values).toEqual({ s_c: null, s_a: 3 });
  });

  it('a save with no change returns undefined', () => {
    const state = drafted({ a: 1, b: 'x' });
    expect(saveDraft(state, { b: 'x', a: 1 }, agency, later(1), period)).toBeUndefined();
    expect(saveDraft(returned(), VALUES, agency, later(5000), period)).toBeUndefined();
  });

  it('the first save creates the report even with no values', () => {
    const t = must(saveDraft(fresh(), {}, agency, NOW, period));
    expect(t.next).toMatchObject({ version: 1, status: 'draft', createdAt: NOW.toISOString() });
    expect(t.revision.diff).toEqual([]);
    expect(displayStatusOf(t.next)).toBe('draft');
  });

  it('createdAt stays the first moment; updatedAt and updatedBy follow the last change', () => {
    const one = drafted();
    const two = must(saveDraft(one, { a: 9 }, { sub: 'other-user', role: 'agency' }, later(5000), period));
    expect(two.next.createdAt).toBe(NOW.toISOString());
    expect(two.next.updatedAt).toBe(later(5000).toISOString());
    expect(two.next.updatedBy).toBe('other-user');
  });
});

describe('period and deadline', () => {
  it('refuses saving and submitting before the period opens (PERIOD_NOT_OPEN)', () => {
    const before = later(-1, OPENS);
    expectAppError(() => saveDraft(fresh(), VALUES, agency, before, period), 'PERIOD_NOT_OPEN', 409);
    const draft = drafted(VALUES, OPENS);
    expectAppError(() => submit(draft, agency, before, period, [], VOUCHED), 'PERIOD_NOT_OPEN', 409);
  });

  it('opens at exactly 00:00 on 1 January, Vietnam time', () => {
    expect(must(saveDraft(fresh(), VALUES, agency, OPENS, period)).next.version).toBe(1);
  });

  it('drafts lock at the deadline (DEADLINE_PASSED), not a millisecond before', () => {
    const draft = drafted();
    const justBefore = later(-1, DEADLINE);
    expect(must(saveDraft(draft, { a: 1 }, agency, justBefore, period)).next.version).toBe(2);
    expect(submit(draft, agency, justBefore, period, [], VOUCHED).next.late).toBe(false);
    expectAppError(() => saveDraft(draft, { a: 1 }, agency, DEADLINE, period), 'DEADLINE_PASSED', 409);
    expectAppError(() => submit(draft, agency, DEADLINE, period, [], VOUCHED), 'DEADLINE_PASSED', 409);
    expectAppError(() => saveDraft(fresh(), { a: 1 }, agency, DEADLINE, period), 'DEADLINE_PASSED', 409);
  });

  it('a returned report stays editable and submittable after the deadline, and is not made late', () => {
    const back = returned();
    const afterDeadline = later(10 * 86_400_000, DEADLINE);
    expect(isEditable(back)).toBe(true);
    const saved = must(saveDraft(back, { ...VALUES, staff_total: 45 }, agency, afterDeadline, period));
    expect(saved.next.status).toBe('returned');
    const again = submit(saved.next, agency, later(1000, afterDeadline), period, [], VOUCHED);
    expect(again.next).toMatchObject({
      status: 'submitted',
      submissions: 2,
      late: false,
      firstSubmittedAt: NOW.toISOString(),
      submittedAt: later(1000, afterDeadline).toISOString(),
    });
    expect(displayStatusOf(again.next)).toBe('submitted');
  });

  describe('a lock exception', () => {
    const until = '2026-02-15T10:00:00.000Z';
    const withException: Period = {
      ...period,
      isDefault: false,
      lockExceptions: [{ unitId: UNIT, until, reason: 'Sáp nhập đơn vị' }],
    };
    const insideException = at('2026-02-10T02:00:00.000Z');

    it('permits saving and submitting after the deadline, and the submission is marked late', () => {
      const draft = drafted();
      const saved = must(saveDraft(draft, { ...VALUES, a: 1 }, agency, insideException, withException));
      const t = submit(saved.next, agency, later(1, insideException), withException, [], VOUCHED);
      expect(t.next).toMatchObject({ status: 'submitted', late: true, submissions: 1 });
      expect(displayStatusOf(t.next)).toBe('late');
    });

    it('ends at its own `until`', () => {
      expectAppError(
        () => submit(drafted(), agency, at(until), withException, [], VOUCHED),
        'DEADLINE_PASSED',
        409,
      );
    });

    it('helps only the unit it names', () => {
      const other = must(saveDraft(emptyReport(YEAR, 'dn-so-tttt'), VALUES, agency, NOW, withException)).next;
      expectAppError(
        () => submit(other, agency, insideException, withException, [], VOUCHED),
        'DEADLINE_PASSED',
        409,
      );
    });

    it('keeps a late first submission late after a return and an on-exception resubmission', () => {
      const lateOne = submit(drafted(), agency, insideException, withException, [], VOUCHED).next;
      const back = returnReport(lateOne, [{ text: 'Bổ sung' }], auditor, later(1, insideException)).next;
      const again = submit(back, agency, later(2, insideException), withException, [], VOUCHED).next;
      expect(again).toMatchObject({
        late: true,
        submissions: 2,
        firstSubmittedAt: insideException.toISOString(),
      });
    });

    it('an exception earlier than the deadline does not shorten it', () => {
      const early: Period = {
        ...period,
        lockExceptions: [{ unitId: UNIT, until: '2025-03-01T00:00:00.000Z', reason: 'Nhầm' }],
      };
      const t = submit(drafted(), agency, at('2025-09-01T00:00:00.000Z'), early, [], VOUCHED);
      expect(t.next).toMatchObject({ status: 'submitted', late: false });
    });
  });
});

describe('submit', () => {
  it('refuses a report with problems (SUBMISSION_INVALID) and passes the issues on', () => {
    const error = expectAppError(
      () => submit(drafted(), agency, NOW, period, [PROBLEM], VOUCHED),
      'SUBMISSION_INVALID',
      422,
    );
    expect(error.issues).toEqual([PROBLEM]);
  });

  it('refuses a report never saved, even with no problems listed', () => {
    expectAppError(() => submit(fresh(), agency, NOW, period, [], VOUCHED), 'SUBMISSION_INVALID', 422);
  });

  it('sets the submission times and counts rounds', () => {
    const t = submit(drafted(), agency, NOW, period, [], VOUCHED);
    expect(t.next).toMatchObject({
      status: 'submitted',
      submissions: 1,
      firstSubmittedAt: NOW.toISOString(),
      submittedAt: NOW.toISOString(),
      late: false,
    });
  });
});

describe('review: verification, return and accept', () => {
  it('records verified fields with who and when; the revision carries only the new entries', () => {
    const s = submitted();
    const one = recordVerification(s, { staff_total: { value: 39 } }, auditor, later(10));
    const two = recordVerification(
      one.next,
      { lan_available: { comment: 'Đã kiểm tra' } },
      auditor,
      later(20),
    );
    expect(two.next.verification).toEqual({
      staff_total: { value: 39, by: auditor.sub, at: later(10).toISOString() },
      lan_available: { comment: 'Đã kiểm tra', by: auditor.sub, at: later(20).toISOString() },
    });
    expect(two.revision.verification).toEqual({
      lan_available: { comment: 'Đã kiểm tra', by: auditor.sub, at: later(20).toISOString() },
    });
    expect(two.next.values).toEqual(s.values);
    expect(two.revision.diff).toEqual([]);
  });

  it('comments carry the submission round they were made on', () => {
    let s = submitted();
    s = returnReport(s, [{ field: 'staff_total', text: 'Vòng 1' }], auditor, later(1)).next;
    s = submit(s, agency, later(2), period, [], VOUCHED).next;
    const second = returnReport(
      s,
      [{ text: 'Vòng 2a' }, { field: 'lan_available', text: 'Vòng 2b' }],
      auditor,
      later(3),
    );
    expect(second.revision.comments?.map((c) => c.round)).toEqual([2, 2]);
    s = submit(second.next, agency, later(4), period, [], VOUCHED).next;
    const done = acceptReport(s, 'Vòng 3', auditor, later(5));
    expect(done.next.comments.map((c) => [c.text, c.round])).toEqual([
      ['Vòng 1', 1],
      ['Vòng 2a', 2],
      ['Vòng 2b', 2],
      ['Vòng 3', 3],
    ]);
    expect(done.next.comments[0]).toEqual({
      field: 'staff_total',
      text: 'Vòng 1',
      // A return's comments are for the unit unless marked internal.
      visibility: 'unit',
      by: auditor.sub,
      at: later(1).toISOString(),
      round: 1,
    });
    expect(done.revision.comments).toEqual([
      { text: 'Vòng 3', visibility: 'unit', by: auditor.sub, at: later(5).toISOString(), round: 3 },
    ]);
    expect(done.next.acceptedAt).toBe(later(5).toISOString());
  });

  it('accepting without a comment adds none and the revision has no comments', () => {
    const s = submitted();
    const t = acceptReport(s, undefined, auditor, later(1));
    expect(t.next.comments).toEqual(s.comments);
    expect(t.revision.comments).toBeUndefined();
    const empty = acceptReport(s, '', auditor, later(1));
    expect(empty.next.comments).toEqual([]);
  });

  it('review actions do not depend on the period: an auditor may act after the deadline', () => {
    const afterDeadline = later(30 * 86_400_000, DEADLINE);
    expect(acceptReport(submitted(), undefined, auditor, afterDeadline).next.status).toBe('accepted');
    expect(returnReport(submitted(), [{ text: 'x' }], auditor, afterDeadline).next.status).toBe('returned');
  });
});

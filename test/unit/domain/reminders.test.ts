import { describe, expect, it } from 'vitest';
import type { Reminder } from '#shared/contract/reminders';
import type { UnitStatus } from '#shared/domain/completeness';
import {
  MIN_HOURS_BETWEEN_REMINDERS,
  planReminders,
  reminderMessage,
  scheduledRound,
  STALE_SENDING_MS,
  type PlanInput,
} from '#shared/domain/reminders';

const HOUR = 3600_000;
// 1 February 2027, 00:00 in Vietnam.
const DEADLINE = new Date('2027-01-31T17:00:00Z');

const unit = (unitId: string, status: UnitStatus['status']): UnitStatus => ({
  unitId,
  code: unitId,
  name: { vi: `Đơn vị ${unitId}`, en: `Unit ${unitId}` },
  level: 'commune',
  status,
  version: status === 'not_started' ? 0 : 1,
  late: false,
  overdue: false,
});

function input(now: string, over: Partial<PlanInput> = {}): PlanInput {
  return {
    statuses: [
      unit('a', 'not_started'),
      unit('b', 'draft'),
      unit('c', 'returned'),
      unit('d', 'submitted'),
      unit('e', 'accepted'),
      unit('f', 'late'),
    ],
    contactOf: (id) => (id === 'c' ? undefined : `${id}@x.example`),
    deadlineOf: () => DEADLINE,
    past: [],
    now: new Date(now),
    ...over,
  };
}

const reminder = (unitId: string, round: string, over: Partial<Reminder> = {}): Reminder => ({
  year: 2026,
  unitId,
  round,
  kind: 'scheduled',
  status: 'sent',
  subject: 's',
  text: 't',
  deadline: DEADLINE.toISOString(),
  requestedBy: 'scheduler',
  createdAt: '2027-01-25T01:00:00.000Z',
  sentAt: '2027-01-25T01:00:01.000Z',
  ...over,
});

const scheduled = (daysBefore: number | undefined) => ({ kind: 'scheduled', daysBefore }) as const;
const ids = (plan: ReturnType<typeof planReminders>) => plan.send.map((t) => t.unitId);

describe('the scheduled round', () => {
  it('does nothing when the period sets no reminder', () => {
    expect(planReminders(input('2027-01-30T01:00:00Z'), scheduled(undefined))).toEqual({
      send: [],
      skipped: [],
    });
  });

  it('starts on the day N days before the deadline (Vietnam time) and stops at the deadline', () => {
    // Seven days before 1 February is 25 January; 24 January 23:59 in Vietnam is still too early.
    expect(ids(planReminders(input('2027-01-24T16:59:00Z'), scheduled(7)))).toEqual([]);
    expect(ids(planReminders(input('2027-01-24T17:00:00Z'), scheduled(7)))).toEqual(['a', 'b', 'c']);
    expect(ids(planReminders(input('2027-01-31T16:59:59Z'), scheduled(7)))).toEqual(['a', 'b', 'c']);
    expect(ids(planReminders(input('2027-01-31T17:00:00Z'), scheduled(7)))).toEqual([]);
  });

  it('reminds only reports not in the inspection team’s hands, and says who has no address', () => {
    const plan = planReminders(input('2027-01-26T01:00:00Z'), scheduled(7));
    expect(plan.send.map((t) => [t.unitId, t.status, t.to ?? null])).toEqual([
      ['a', 'not_started', 'a@x.example'],
      ['b', 'draft', 'b@x.example'],
      ['c', 'returned', null],
    ]);
    expect(plan.send.every((t) => t.round === scheduledRound(DEADLINE))).toBe(true);
    expect(plan.skipped).toEqual([]);
  });

  it('is once per deadline: a sent, pending or address-less reminder holds the round; a failed one does not', () => {
    const round = scheduledRound(DEADLINE);
    const now = '2027-01-27T01:00:00Z';
    const past = [
      reminder('a', round),
      reminder('b', round, { status: 'failed', sentAt: undefined }),
      reminder('c', round, { status: 'no_address', sentAt: undefined }),
    ];
    expect(ids(planReminders(input(now, { past }), scheduled(7)))).toEqual(['b']);
  });

  it('takes back a claim left sending once it is stale', () => {
    const round = scheduledRound(DEADLINE);
    const now = new Date('2027-01-27T01:00:00Z');
    const claimed = (ago: number) =>
      reminder('a', round, {
        status: 'sending',
        sentAt: undefined,
        createdAt: new Date(now.getTime() - ago).toISOString(),
      });
    const plan = (ago: number) =>
      ids(planReminders(input(now.toISOString(), { past: [claimed(ago)] }), scheduled(7)));
    // Fresh: held. Stale but within the day: not held, yet still "recent".
    expect(plan(STALE_SENDING_MS - 1000)).not.toContain('a');
    expect(plan(MIN_HOURS_BETWEEN_REMINDERS * HOUR + 1000)).toContain('a');
  });

  it('a moved deadline is a new round, and each unit’s own deadline (a lock exception) counts', () => {
    const later = new Date('2027-02-15T17:00:00Z');
    const plan = planReminders(
      input('2027-01-26T01:00:00Z', { deadlineOf: (id) => (id === 'b' ? later : DEADLINE) }),
      scheduled(7),
    );
    expect(ids(plan)).toEqual(['a', 'c']);
    const onTime = planReminders(
      input('2027-02-09T01:00:00Z', { deadlineOf: (id) => (id === 'b' ? later : DEADLINE) }),
      scheduled(7),
    );
    expect(onTime.send.map((t) => [t.unitId, t.round])).toEqual([['b', scheduledRound(later)]]);
  });
});

describe('an admin’s round', () => {
  const manual = (unitIds?: string[]) =>
    ({ kind: 'manual', round: 'manual-abcdefgh', ...(unitIds ? { unitIds } : {}) }) as const;

  it('reminds every unit not yet submitted at once, even after the deadline', () => {
    const plan = planReminders(input('2027-03-01T01:00:00Z'), manual());
    expect(ids(plan)).toEqual(['a', 'b', 'c']);
    expect(plan.send.every((t) => t.round === 'manual-abcdefgh')).toBe(true);
    expect(plan.skipped).toEqual([]);
  });

  it('says why a unit asked for is left out, and names each unit once', () => {
    const plan = planReminders(input('2027-01-10T01:00:00Z'), manual(['a', 'a', 'd', 'zz', 'f']));
    expect(ids(plan)).toEqual(['a']);
    expect(plan.skipped).toEqual([
      { unitId: 'd', reason: 'submitted' },
      { unitId: 'zz', reason: 'not_expected' },
      { unitId: 'f', reason: 'submitted' },
    ]);
  });

  it('does not remind a unit twice within the set hours, whatever round reminded it', () => {
    const sentAt = new Date('2027-01-25T01:00:00Z');
    const past = [reminder('a', 'scheduled-2027-02-01', { sentAt: sentAt.toISOString() })];
    const at = (hours: number) => new Date(sentAt.getTime() + hours * HOUR).toISOString();
    const early = planReminders(input(at(MIN_HOURS_BETWEEN_REMINDERS - 0.1), { past }), manual(['a']));
    expect(early).toEqual({ send: [], skipped: [{ unitId: 'a', reason: 'recent' }] });
    expect(ids(planReminders(input(at(MIN_HOURS_BETWEEN_REMINDERS), { past }), manual(['a'])))).toEqual([
      'a',
    ]);
  });
});

describe('the message', () => {
  const target = {
    unitId: 'b',
    name: { vi: 'UBND xã Mường Ảng', en: 'Mường Ảng Commune People’s Committee' },
    status: 'draft' as const,
    deadline: DEADLINE,
    round: scheduledRound(DEADLINE),
  };

  it('is Vietnamese first, English below, with the deadline as dd/mm/yyyy in Vietnam time and the link', () => {
    const m = reminderMessage(2026, target, 'scheduled', 'https://baocao.example/', new Date('2027-01-25'));
    expect(m.subject).toBe(
      '[Báo cáo CNTT] Nhắc nộp báo cáo năm 2026, hạn 01/02/2027 / Reminder: 2026 IT report due 01/02/2027',
    );
    const [vi, en] = m.text.split('\n---\n');
    expect(vi).toContain('Kính gửi: UBND xã Mường Ảng');
    expect(vi).toContain('(trạng thái: Đang soạn)');
    expect(vi).toContain('Hạn nộp: trước 01/02/2027 00:00 (giờ Việt Nam).');
    expect(vi).toContain('https://baocao.example/#/report/2026');
    expect(vi).toContain('Thư nhắc tự động');
    expect(en).toContain('To: Mường Ảng Commune People’s Committee');
    expect(en).toContain('Deadline: before 01/02/2027 00:00 (Vietnam time).');
    expect(m.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('says the deadline has passed, and who sent it, when that is so', () => {
    const m = reminderMessage(2026, target, 'manual', undefined, new Date('2027-02-03'));
    expect(m.text).toContain('Hạn nộp đã qua (01/02/2027 00:00, giờ Việt Nam)');
    expect(m.text).toContain('The deadline has passed');
    expect(m.text).toContain('quản trị hệ thống');
    expect(m.text).not.toContain('http');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import { completeValues, openPeriod, submittedForReview, units, YEAR } from './fixtures.ts';

/*
 * Two people acting on one review round at the same moment, through the real handlers on DynamoDB Local: two
 * tabs of the unit, two members of the inspection team. Whichever lands first, exactly what was answered 200 is
 * in the report's history, the report is what its last revision says, and nothing answered 200 was lost.
 */
let api: TestApi;
const auditorOne = { sub: 'auditor-1', role: 'auditor' } as const;
const auditorTwo = { sub: 'auditor-2', role: 'auditor' } as const;
const review = (unitId: string, rest = '') => `/review/${YEAR}/reports/${unitId}${rest}`;
const FIELD = 'staff_email_regular';

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

async function versions(unitId: string) {
  const res = await api.call(auditorOne, 'GET', review(unitId, '/versions'));
  expect(res.status).toBe(200);
  return res.json.versions as { version: number; action: string; status: string; by: { sub: string } }[];
}

/** Submitted, a verified value recorded, and the preliminary result published. */
async function inPreliminary(unitId: string) {
  const who = await submittedForReview(api, unitId, {
    ...completeValues(),
    staff_total: 120,
    staff_email_regular: 100,
  });
  const verified = await api.call(auditorOne, 'PUT', review(unitId, '/verification'), {
    body: { fields: { [FIELD]: { value: 80 } } },
  });
  expect(verified.status, JSON.stringify(verified.json)).toBe(200);
  expect((await api.call(auditorOne, 'POST', review(unitId, '/preliminary'))).status).toBe(200);
  return who;
}

/** In the objected state, with the unit's one objection answered "dismissed" by the first auditor. */
async function objectedAndAnswered(unitId: string) {
  const who = await inPreliminary(unitId);
  const objected = await api.call(who, 'POST', `/reports/${YEAR}/objections`, {
    body: { objections: [{ field: FIELD, explanation: 'Có 95 người dùng thường xuyên' }] },
  });
  expect(objected.status, JSON.stringify(objected.json)).toBe(200);
  const dismissed = await api.call(auditorOne, 'PUT', review(unitId, `/objections/${FIELD}`), {
    body: { verdict: 'dismissed', reason: 'Danh sách không khớp' },
  });
  expect(dismissed.status, JSON.stringify(dismissed.json)).toBe(200);
  return who;
}

/** The report as the team reads it now, and the history behind it, agree on its version and status. */
async function consistent(unitId: string, expectedVersions: number) {
  const history = await versions(unitId);
  expect(history.map((v) => v.version)).toEqual(history.map((_, i) => i + 1));
  expect(history).toHaveLength(expectedVersions);
  const now = await api.call(auditorOne, 'GET', review(unitId));
  expect(now.json.version).toBe(history.at(-1)?.version);
  expect(now.json.status).toBe(history.at(-1)?.status);
  return { history, report: now.json };
}

describe('a review round with two people at once', () => {
  it('the unit agrees in one tab and objects in another: one lands, the other is refused, and only it is in the history', async () => {
    const who = await inPreliminary('so-a');
    const before = (await versions('so-a')).length;
    const [agreed, objected] = await Promise.all([
      api.call(who, 'POST', `/reports/${YEAR}/agree`),
      api.call(who, 'POST', `/reports/${YEAR}/objections`, {
        body: { objections: [{ field: FIELD, explanation: 'Có 95 người dùng' }] },
      }),
    ]);
    expect([agreed.status, objected.status].sort()).toEqual([200, 409]);
    const [won, lost] = agreed.status === 200 ? [agreed, objected] : [objected, agreed];
    expect(lost.json.error.code).toBe('REPORT_LOCKED');
    const { history, report } = await consistent('so-a', before + 1);
    expect(history.at(-1)?.action).toBe(won === agreed ? 'agree' : 'object');
    expect(report.status).toBe(won === agreed ? 'accepted' : 'objected');
    expect(report.status).toBe(won.json.status);
  });

  it('two auditors answer one objection at once: both answers are revisions, and the report holds the later one', async () => {
    await objectedAndAnswered('so-b');
    const before = (await versions('so-b')).length;
    const answers = await Promise.all([
      api.call(auditorOne, 'PUT', review('so-b', `/objections/${FIELD}`), {
        body: { verdict: 'upheld', value: 95, reason: 'Danh sách khớp' },
      }),
      api.call(auditorTwo, 'PUT', review('so-b', `/objections/${FIELD}`), {
        body: { verdict: 'upheld', value: 93, reason: 'Hai người đã nghỉ' },
      }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const { history, report } = await consistent('so-b', before + 2);
    expect(history.slice(-2).map((v) => v.action)).toEqual(['answer_objection', 'answer_objection']);
    expect(new Set(history.slice(-2).map((v) => v.by.sub))).toEqual(new Set(['auditor-1', 'auditor-2']));
    // The later revision's author is the answer the report keeps, and its value is the official one.
    const last = history.at(-1)?.by.sub;
    expect(report.objections[FIELD].answer.by).toBe(last);
    expect(report.official[FIELD]).toBe(last === 'auditor-1' ? 95 : 93);
  });

  it('one auditor finalizes while another changes the answer: the final result never misses an answer that landed', async () => {
    await objectedAndAnswered('xa-d');
    const before = (await versions('xa-d')).length;
    const [changed, finalized] = await Promise.all([
      api.call(auditorTwo, 'PUT', review('xa-d', `/objections/${FIELD}`), {
        body: { verdict: 'upheld', value: 95, reason: 'Xem lại danh sách: khớp' },
      }),
      api.call(auditorOne, 'POST', review('xa-d', '/finalize')),
    ]);
    expect(finalized.status, JSON.stringify(finalized.json)).toBe(200);
    const { history, report } = await consistent('xa-d', before + (changed.status === 200 ? 2 : 1));
    expect(report.status).toBe('accepted');
    expect(history.at(-1)?.action).toBe('finalize');
    if (changed.status === 200) {
      // The answer landed first, so the final result was built on it: the upheld value is the verified one.
      expect(report.verification[FIELD].value).toBe(95);
    } else {
      expect(changed.status).toBe(409);
      expect(changed.json.error.code).toBe('REPORT_LOCKED');
      expect(report.verification[FIELD].value).toBe(80);
    }
  });

  it('two auditors publish the preliminary result at once: one is published, the other is refused', async () => {
    await submittedForReview(api, 'huyen-c');
    const before = (await versions('huyen-c')).length;
    const published = await Promise.all([
      api.call(auditorOne, 'POST', review('huyen-c', '/preliminary')),
      api.call(auditorTwo, 'POST', review('huyen-c', '/preliminary')),
    ]);
    expect(published.map((p) => p.status).sort()).toEqual([200, 409]);
    expect(published.find((p) => p.status === 409)?.json.error.code).toBe('REPORT_LOCKED');
    const { history, report } = await consistent('huyen-c', before + 1);
    expect(history.at(-1)?.action).toBe('publish_preliminary');
    expect(report.status).toBe('preliminary');
  });
});

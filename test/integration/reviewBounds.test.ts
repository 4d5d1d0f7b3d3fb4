import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMENT_BYTES_PER_REPORT, MAX_COMMENTS_PER_REPORT } from '#shared/contract/comments';
import { startTestApi, type TestApi } from './harness.ts';
import {
  auditor,
  catalog,
  completeValues,
  fieldsNeedingEvidence,
  openPeriod,
  recordVerifiedEvidence,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

/* Everything that grows on a report item across requests, driven to its bound: never a 5xx, never a lost report. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

async function submitted(unitId: string) {
  const who = { sub: `bounds-${unitId}`, role: 'agency', unitId } as const;
  await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
  await recordVerifiedEvidence(api.tableName, unitId, fieldsNeedingEvidence());
  expect((await api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
  return who;
}

/** Returns the report again and again, resubmitting between rounds, until the API refuses; no answer is 5xx. */
async function returnUntilRefused(unitId: string, comments: { text: string }[]) {
  const who = await submitted(unitId);
  const statuses: number[] = [];
  for (let round = 0; round < 60; round++) {
    const res = await api.call(auditor, 'POST', `/review/${YEAR}/reports/${unitId}/return`, {
      body: { comments },
    });
    statuses.push(res.status);
    if (res.status !== 200) return { who, statuses, refused: res };
    expect((await api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
  }
  throw new Error('never refused');
}

describe('review comments are bounded per report', () => {
  it('returning repeatedly with long comments reaches the byte bound with 422, never 5xx', async () => {
    // Ẳ is three bytes in UTF-8: each comment is 6 KB, each round 60 KB.
    const long = Array.from({ length: 10 }, (_, i) => ({ text: `${i} ${'Ẳ'.repeat(1990)}` }));
    const { who, statuses, refused } = await returnUntilRefused('huyen-c', long);
    expect(statuses.every((s) => s < 500)).toBe(true);
    expect(refused.status).toBe(422);
    expect(refused.json.error.code).toBe('COMMENT_LIMIT_REACHED');
    expect(refused.json.error.issues[0]).toMatchObject({ path: 'comments', code: 'too_big' });
    // Refused again the same way, and the report is whole and readable.
    const again = await api.call(auditor, 'POST', `/review/${YEAR}/reports/huyen-c/return`, {
      body: { comments: long },
    });
    expect(again.status).toBe(422);
    const report = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(report.status).toBe(200);
    const bytes = report.json.comments.reduce(
      (n: number, c: { text: string }) => n + Buffer.byteLength(c.text),
      0,
    );
    expect(bytes).toBeLessThanOrEqual(MAX_COMMENT_BYTES_PER_REPORT);
  });

  it(`returning repeatedly with many short comments stops at ${MAX_COMMENTS_PER_REPORT} comments with 422`, async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ text: `Nhận xét ${i}` }));
    const { who, statuses, refused } = await returnUntilRefused('so-a', many);
    expect(statuses.every((s) => s < 500)).toBe(true);
    expect(refused.status).toBe(422);
    expect(refused.json.error.issues[0]).toMatchObject({ path: 'comments', code: 'too_many' });
    const report = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(report.json.comments.length).toBeLessThanOrEqual(MAX_COMMENTS_PER_REPORT);
  });

  it('verification notes count toward the same bound: long notes on every field are refused with 422', async () => {
    await submitted('so-b');
    // Each note is 6 KB: just enough of them to pass the report's bound, in a body well under the 256 KB limit.
    const over = Math.ceil(MAX_COMMENT_BYTES_PER_REPORT / 6000) + 1;
    expect(catalog.fields.length).toBeGreaterThanOrEqual(over);
    const fields = Object.fromEntries(
      catalog.fields.slice(0, over).map((f) => [f.code, { comment: 'Ẳ'.repeat(2000) }]),
    );
    const res = await api.call(auditor, 'PUT', `/review/${YEAR}/reports/so-b/verification`, {
      body: { fields },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('COMMENT_LIMIT_REACHED');
    // A bounded amount still goes through.
    const some = Object.fromEntries(
      catalog.fields.slice(0, 5).map((f) => [f.code, { comment: 'Ẳ'.repeat(2000) }]),
    );
    expect(
      (
        await api.call(auditor, 'PUT', `/review/${YEAR}/reports/so-b/verification`, {
          body: { fields: some },
        })
      ).status,
    ).toBe(200);
  });
});

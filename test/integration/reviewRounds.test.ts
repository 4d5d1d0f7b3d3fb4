import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keys } from '#shared/model';
import { pdfBytes } from './evidenceFiles.ts';
import { startTestApi, type TestApi } from './harness.ts';
import {
  admin,
  auditor,
  client,
  completeValues,
  evidenceDeclaration,
  HEAD_OF_AGENCY,
  openPeriod,
  recordVerifiedEvidence,
  snapshotTable,
  SUBMISSION,
  submittedForReview,
  units,
  YEAR,
} from './fixtures.ts';

/*
 * The inspection team's review in two rounds (shared/domain/review.ts), through the real handlers on DynamoDB
 * Local: the preliminary result, the unit's objections, the answers, finalization, the window closing, and the
 * decision on a document; then the rollup of what came out.
 */
let api: TestApi;
const agency = (unitId: string) => ({ sub: `agency-${unitId}`, role: 'agency', unitId }) as const;
const review = (unitId: string, rest = '') => `/review/${YEAR}/reports/${unitId}${rest}`;

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

const submitted = (unitId: string, values = completeValues()) => submittedForReview(api, unitId, values);

async function rollupRow(unitId: string, now: Date) {
  const { runRollup } = await import('#shared/rollup/runner');
  const { rollupFile } = await import('./fixtures.ts');
  await runRollup({ year: YEAR, requestedBy: 'test' }, `run-${Math.random().toString(36).slice(2)}`, {
    now: () => now,
  });
  const published = JSON.parse((await rollupFile(YEAR, 'rollup.json')).toString('utf8'));
  return published.units.find((u: { unitId: string }) => u.unitId === unitId);
}

/** Moves the preliminary result's window into the past, as the days passing would. */
async function closeWindow(unitId: string) {
  await client().send(
    new UpdateCommand({
      TableName: api.tableName,
      Key: keys.report(YEAR, unitId),
      UpdateExpression: 'SET #p.#d = :past',
      ExpressionAttributeNames: { '#p': 'preliminary', '#d': 'objectionDeadline' },
      ExpressionAttributeValues: { ':past': new Date(Date.now() - 60_000).toISOString() },
    }),
  );
}

/** The call is refused with this status and code, and the table is exactly as before. */
async function refused(
  who: Parameters<TestApi['call']>[0],
  method: string,
  path: string,
  status: number,
  code: string,
  body?: unknown,
) {
  const before = await snapshotTable(api.tableName);
  const res = await api.call(who, method, path, body === undefined ? {} : { body });
  expect(res.status, JSON.stringify(res.json)).toBe(status);
  expect(res.json.error.code).toBe(code);
  expect(res.json.error.message.vi).toBeTruthy();
  expect(res.json.error.message.en).toBeTruthy();
  expect(await snapshotTable(api.tableName)).toBe(before);
  return res;
}

describe('the two-round review, end to end', () => {
  it('preliminary result, an objection upheld and one dismissed, finalized; the rollup uses the upheld value', async () => {
    const values = { ...completeValues(), staff_total: 120, staff_email_regular: 100 };
    const who = await submitted('so-a', values);
    const receipt = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(receipt.json.attestation).toMatchObject({ headName: 'Nguyễn Thị Hoa', headTitle: 'Giám đốc Sở' });
    const reference = receipt.json.receipt.reference as string;
    expect(reference).toMatch(new RegExp(`-V${receipt.json.version}$`));

    const verified = await api.call(auditor, 'PUT', review('so-a', '/verification'), {
      body: {
        fields: {
          staff_email_regular: { value: 70, comment: 'Chỉ 70 người dùng thường xuyên', visibility: 'unit' },
          staff_total: { value: 118 },
        },
      },
    });
    expect(verified.status).toBe(200);
    // Not published yet: the unit sees none of it.
    expect((await api.call(who, 'GET', `/reports/${YEAR}`)).json.verification).toEqual({});

    const published = await api.call(auditor, 'POST', review('so-a', '/preliminary'));
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    expect(published.json.status).toBe('preliminary');
    const deadline = Date.parse(published.json.preliminary.objectionDeadline);
    expect(deadline - Date.now()).toBeGreaterThan(6.9 * 86_400_000); // the default 7 days
    const seen = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(seen.json.verification.staff_email_regular).toMatchObject({
      value: 70,
      comment: expect.any(String),
    });
    expect(seen.json.verification.staff_total.value).toBe(118);

    // A new document goes up while the window is open, through the real upload, to go with the objection.
    const list = pdfBytes('danh sach nguoi dung thu');
    const declared = await api.call(who, 'POST', `/reports/${YEAR}/evidence`, {
      body: evidenceDeclaration(list, { fields: ['staff_email_regular'] }),
    });
    expect(declared.status, JSON.stringify(declared.json)).toBe(201);
    const { evidence, upload } = declared.json;
    const put = await fetch(upload.url, {
      method: 'PUT',
      headers: upload.headers,
      body: new Uint8Array(list),
    });
    expect(put.status).toBe(200);
    const completed = await api.call(who, 'POST', `/evidence/${evidence.evidenceId}/complete`);
    expect(completed.json.evidence.status).toBe('verified');

    const objected = await api.call(who, 'POST', `/reports/${YEAR}/objections`, {
      body: {
        objections: [
          {
            field: 'staff_email_regular',
            explanation: 'Có 90 người dùng, kèm danh sách',
            evidenceIds: [evidence.evidenceId],
          },
          { field: 'staff_total', explanation: 'Biên chế là 120' },
        ],
      },
    });
    expect(objected.status, JSON.stringify(objected.json)).toBe(200);
    expect(objected.json.status).toBe('objected');
    expect(objected.json.objections.staff_email_regular.evidenceIds).toEqual([evidence.evidenceId]);

    // The unit cannot answer its own objection, nor finalize.
    await refused(who, 'PUT', review('so-a', '/objections/staff_total'), 403, 'FORBIDDEN', {
      verdict: 'upheld',
      value: 120,
      reason: 'tự chấp nhận',
    });
    await refused(who, 'POST', review('so-a', '/finalize'), 403, 'FORBIDDEN');

    const upheld = await api.call(auditor, 'PUT', review('so-a', '/objections/staff_email_regular'), {
      body: { verdict: 'upheld', value: 90, reason: 'Danh sách khớp' },
    });
    expect(upheld.status, JSON.stringify(upheld.json)).toBe(200);
    // The team's answer is work in progress until final: the unit still sees the published value, no answer.
    const meanwhile = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(meanwhile.json.verification.staff_email_regular.value).toBe(70);
    expect(meanwhile.json.objections.staff_email_regular.answer).toBeUndefined();
    expect(meanwhile.json.official.staff_email_regular).toBe(70);
    // The team's own view has the upheld value as the official one already.
    const theirs = await api.call(auditor, 'GET', review('so-a'));
    expect(theirs.json.official).toMatchObject({ staff_email_regular: 90, staff_total: 118 });

    await refused(auditor, 'POST', review('so-a', '/finalize'), 409, 'OBJECTION_UNANSWERED');
    const dismissed = await api.call(auditor, 'PUT', review('so-a', '/objections/staff_total'), {
      body: { verdict: 'dismissed', reason: 'Quyết định giao biên chế ghi 118' },
    });
    expect(dismissed.status).toBe(200);
    const final = await api.call(auditor, 'POST', review('so-a', '/finalize'));
    expect(final.status, JSON.stringify(final.json)).toBe(200);
    expect(final.json.status).toBe('accepted');

    const after = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(after.json.status).toBe('accepted');
    // Six review steps later the receipt still names the submission it was given for.
    expect(after.json.version).toBeGreaterThan(receipt.json.version);
    expect(after.json.receipt).toMatchObject({ reference, version: receipt.json.version });
    // Final: the upheld value is the verified one now.
    expect(after.json.verification.staff_email_regular.value).toBe(90);
    expect(after.json.verification.staff_total.value).toBe(118);
    expect(after.json.objections.staff_email_regular.answer).toMatchObject({ verdict: 'upheld', value: 90 });
    expect(after.json.objections.staff_total.answer).toMatchObject({ verdict: 'dismissed' });

    const row = await rollupRow('so-a', new Date());
    expect(row.verification).toBe('accepted');
    expect(row.indicators.email_regular_pct).toMatchObject({ numerator: 90, denominator: 118 });
    expect(row.verified.fields.staff_email_regular).toMatchObject({ reported: 100, verified: 90, gap: 10 });

    // Every step is a revision and an audit entry.
    const versions = await api.call(who, 'GET', `/reports/${YEAR}/versions`);
    expect(versions.json.versions.map((v: { action: string }) => v.action)).toEqual(
      expect.arrayContaining(['publish_preliminary', 'object', 'answer_objection', 'finalize']),
    );
    const log = await api.call(admin, 'GET', `/audit?year=${YEAR}&unit=so-a&limit=500`);
    const actions = log.json.entries.map((e: { action: string }) => e.action);
    for (const action of [
      'review.publish_preliminary',
      'review.object',
      'review.answer_objection',
      'review.finalize',
    ])
      expect(actions).toContain(action);
  });
});

describe('the objection window', () => {
  it('closes: objecting or agreeing is 409 and writes nothing, the preliminary result is final, and finalizing records it', async () => {
    const who = await submitted('so-b', { ...completeValues(), staff_total: 120, staff_email_regular: 100 });
    await api.call(auditor, 'PUT', review('so-b', '/verification'), {
      body: { fields: { staff_email_regular: { value: 84 } } },
    });
    expect((await api.call(auditor, 'POST', review('so-b', '/preliminary'))).status).toBe(200);
    // While the window is open the team cannot finalize on the unit's behalf.
    await refused(auditor, 'POST', review('so-b', '/finalize'), 409, 'OBJECTION_WINDOW_OPEN');

    await closeWindow('so-b');
    const objection = { objections: [{ field: 'staff_email_regular', explanation: 'Muộn' }] };
    await refused(who, 'POST', `/reports/${YEAR}/objections`, 409, 'OBJECTION_WINDOW_CLOSED', objection);
    await refused(who, 'POST', `/reports/${YEAR}/agree`, 409, 'OBJECTION_WINDOW_CLOSED');
    // Nor does a new document go up once the window has closed.
    await refused(
      who,
      'POST',
      `/reports/${YEAR}/evidence`,
      409,
      'REPORT_LOCKED',
      evidenceDeclaration(pdfBytes('late')),
    );

    const seen = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(seen.json.status).toBe('accepted');
    const row = await rollupRow('so-b', new Date());
    expect(row).toMatchObject({ status: 'accepted', verification: 'accepted' });
    expect(row.indicators.email_regular_pct).toMatchObject({ numerator: 84, denominator: 120 });

    const recorded = await api.call(auditor, 'POST', review('so-b', '/finalize'));
    expect(recorded.status, JSON.stringify(recorded.json)).toBe(200);
    expect(recorded.json.status).toBe('accepted');
  });

  it('the admin sets the window per period; out of bounds is 400 naming the field', async () => {
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const body = { opensAt: `${YEAR}-01-01T00:00:00+07:00`, deadline, lockExceptions: [] };
    const bad = await api.call(admin, 'PUT', `/periods/${YEAR}`, {
      body: { ...body, objectionWindowDays: 0 },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.error.issues)).toContain('objectionWindowDays');
    const ok = await api.call(admin, 'PUT', `/periods/${YEAR}`, {
      body: { ...body, objectionWindowDays: 10 },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.objectionWindowDays).toBe(10);
    expect((await api.call(admin, 'GET', `/periods/${YEAR}`)).json.objectionWindowDays).toBe(10);
    await openPeriod(api);
  });
});

describe('a decision on a document', () => {
  it('rejecting the budget decision takes the IT spending share’s points, as the catalog says', async () => {
    const who = await submitted('xa-d');
    const before = await rollupRow('xa-d', new Date());
    const docs = await api.call(auditor, 'GET', review('xa-d', '/evidence'));
    const budget = docs.json.items.find((e: { fields: string[] }) => e.fields.includes('budget_total'));

    await refused(
      auditor,
      'PUT',
      review('xa-d', `/evidence/${budget.evidenceId}/decision`),
      400,
      'VALIDATION_FAILED',
      {
        verdict: 'rejected',
      },
    );
    await refused(who, 'PUT', review('xa-d', `/evidence/${budget.evidenceId}/decision`), 403, 'FORBIDDEN', {
      verdict: 'accepted',
    });
    // Another report's document is not this one's.
    await refused(
      auditor,
      'PUT',
      review('so-a', `/evidence/${budget.evidenceId}/decision`),
      404,
      'EVIDENCE_NOT_FOUND',
      {
        verdict: 'accepted',
      },
    );

    const rejected = await api.call(
      auditor,
      'PUT',
      review('xa-d', `/evidence/${budget.evidenceId}/decision`),
      {
        body: { verdict: 'rejected', reason: 'Không phải quyết định giao dự toán năm 2025' },
      },
    );
    expect(rejected.status, JSON.stringify(rejected.json)).toBe(200);
    expect(rejected.json.unsupported).toEqual(['budget_total']);
    // The unit learns of it with the preliminary result, not before.
    expect((await api.call(who, 'GET', `/reports/${YEAR}`)).json.documents).toBeUndefined();

    const after = await rollupRow('xa-d', new Date());
    expect(after.evidence).toEqual({
      unsupported: ['budget_total'],
      effects: [{ indicator: 'it_spend_share_pct', effect: 'noPoints' }],
    });
    const { pointsFor } = await import('#shared/catalog/index');
    const { catalog } = await import('./fixtures.ts');
    const spending = catalog.indicators.find((i) => i.code === 'it_spend_share_pct')!;
    const lost = pointsFor(spending, before.level, before.indicators.it_spend_share_pct.value) ?? 0;
    expect(lost).toBeGreaterThan(0);
    expect(after.score.points).toBeCloseTo(before.score.points - lost, 9);
    expect(after.score.applicableMax).toBe(before.score.applicableMax);

    expect((await api.call(auditor, 'POST', review('xa-d', '/preliminary'))).status).toBe(200);
    const seen = await api.call(who, 'GET', `/reports/${YEAR}`);
    expect(seen.json.documents[budget.evidenceId]).toMatchObject({
      verdict: 'rejected',
      reason: expect.any(String),
    });
    expect(seen.json.unsupported).toEqual(['budget_total']);

    // The unit agrees within the window: final at once, with the rejection standing.
    const agreed = await api.call(who, 'POST', `/reports/${YEAR}/agree`);
    expect(agreed.status, JSON.stringify(agreed.json)).toBe(200);
    expect(agreed.json.status).toBe('accepted');
    const final = await rollupRow('xa-d', new Date());
    expect(final).toMatchObject({ verification: 'accepted', evidence: after.evidence });
    expect(final.score.points).toBeCloseTo(after.score.points, 9);
  });
});

describe('bad transitions and bad bodies answer 4xx and write nothing', () => {
  it('each refusal', async () => {
    const who = agency('huyen-c');
    expect(
      (await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } })).status,
    ).toBe(200);
    // A draft has no preliminary result to publish, agree with or object to.
    await refused(auditor, 'POST', review('huyen-c', '/preliminary'), 409, 'INVALID_STATE');
    await refused(who, 'POST', `/reports/${YEAR}/agree`, 409, 'INVALID_STATE');
    // Submission needs the head of the agency and the attestation.
    await refused(who, 'POST', `/reports/${YEAR}/submit`, 400, 'VALIDATION_FAILED');
    const noTitle = await refused(who, 'POST', `/reports/${YEAR}/submit`, 400, 'VALIDATION_FAILED', {
      head: { name: 'Lò Văn Minh' },
      attest: true,
    });
    expect(JSON.stringify(noTitle.json.error.issues)).toContain('head.title');
    const unattested = await refused(who, 'POST', `/reports/${YEAR}/submit`, 400, 'VALIDATION_FAILED', {
      ...HEAD_OF_AGENCY,
      attest: false,
    });
    expect(JSON.stringify(unattested.json.error.issues)).toContain('attest');

    await submitted('huyen-c');
    await refused(who, 'POST', `/reports/${YEAR}/objections`, 409, 'REPORT_LOCKED', {
      objections: [{ field: 'staff_total', explanation: 'x' }],
    });
    expect((await api.call(auditor, 'POST', review('huyen-c', '/preliminary'))).status).toBe(200);
    await refused(auditor, 'POST', review('huyen-c', '/preliminary'), 409, 'REPORT_LOCKED');
    await refused(auditor, 'PUT', review('huyen-c', '/objections/staff_total'), 409, 'REPORT_LOCKED', {
      verdict: 'dismissed',
      reason: 'không có giải trình',
    });
    const unknown = await refused(who, 'POST', `/reports/${YEAR}/objections`, 400, 'VALIDATION_FAILED', {
      objections: [{ field: 'no_such_field', explanation: 'x' }],
    });
    expect(JSON.stringify(unknown.json.error.issues)).toContain('objections.0.field');
    await refused(who, 'POST', `/reports/${YEAR}/objections`, 400, 'VALIDATION_FAILED', {
      objections: [{ field: 'staff_total', explanation: '   ' }],
    });
    await refused(who, 'POST', `/reports/${YEAR}/objections`, 404, 'EVIDENCE_NOT_FOUND', {
      objections: [{ field: 'staff_total', explanation: 'kèm tài liệu', evidenceIds: ['not-a-real-file'] }],
    });
    expect(
      (
        await api.call(who, 'POST', `/reports/${YEAR}/objections`, {
          body: { objections: [{ field: 'staff_total', explanation: 'Biên chế đúng' }] },
        })
      ).status,
    ).toBe(200);
    // An answer to an objection the unit never made, an upheld one without its value, a value out of range.
    await refused(auditor, 'PUT', review('huyen-c', '/objections/it_staff'), 404, 'OBJECTION_NOT_FOUND', {
      verdict: 'dismissed',
      reason: 'x',
    });
    const noValue = await refused(
      auditor,
      'PUT',
      review('huyen-c', '/objections/staff_total'),
      400,
      'VALIDATION_FAILED',
      {
        verdict: 'upheld',
        reason: 'x',
      },
    );
    expect(JSON.stringify(noValue.json.error.issues)).toContain('value');
    await refused(auditor, 'PUT', review('huyen-c', '/objections/staff_total'), 400, 'VALIDATION_FAILED', {
      verdict: 'upheld',
      value: -3,
      reason: 'x',
    });
    // Once objected, the unit can no longer agree or object again.
    await refused(who, 'POST', `/reports/${YEAR}/agree`, 409, 'REPORT_LOCKED');

    // The team rejects the budget decision and sends the report back: resubmitting on that document is refused,
    // naming the field, until the unit brings another.
    const docs = await api.call(auditor, 'GET', review('huyen-c', '/evidence'));
    const budget = docs.json.items.find((e: { fields: string[] }) => e.fields.includes('budget_total'));
    const decided = await api.call(
      auditor,
      'PUT',
      review('huyen-c', `/evidence/${budget.evidenceId}/decision`),
      {
        body: { verdict: 'rejected', reason: 'Không phải quyết định giao dự toán' },
      },
    );
    expect(decided.status).toBe(200);
    const back = await api.call(auditor, 'POST', review('huyen-c', '/return'), {
      body: { comments: [{ field: 'budget_total', text: 'Bổ sung quyết định giao dự toán' }] },
    });
    expect(back.status, JSON.stringify(back.json)).toBe(200);
    const resubmitted = await refused(
      who,
      'POST',
      `/reports/${YEAR}/submit`,
      422,
      'SUBMISSION_INVALID',
      HEAD_OF_AGENCY,
    );
    expect(resubmitted.json.error.issues.map((i: { path: string }) => i.path)).toEqual(['budget_total']);
    await recordVerifiedEvidence(api.tableName, 'huyen-c', ['budget_total']);
    expect((await api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
  });
});

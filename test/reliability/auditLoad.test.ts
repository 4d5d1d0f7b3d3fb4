import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../integration/harness.ts';
import {
  admin,
  auditor,
  catalog,
  completeValues,
  fieldsNeedingEvidence,
  freeInteger,
  openPeriod,
  recordVerifiedEvidence,
  SUBMISSION,
  units,
  YEAR,
} from '../integration/fixtures.ts';
import { verifiedEvidenceItem } from '../integration/fixtures.ts';

/*
 * The review's traffic at once: 60 evidence downloads (agencies of two units and the auditor) race while an
 * auditor records 20 verifications on another unit. Before the audit log was split into chains, every one of
 * these moved one per-year head: downloads answered 500 and verifications 409. Now none may answer 5xx, every
 * verification must land, and afterwards every chain must verify.
 */
let api: TestApi;
const DOWNLOADS = 60;
const VERIFICATIONS = 20;
const agencyA = { sub: 'load-a', role: 'agency', unitId: 'so-a' } as const;
const agencyB = { sub: 'load-b', role: 'agency', unitId: 'so-b' } as const;
const agencyC = { sub: 'load-c', role: 'agency', unitId: 'huyen-c' } as const;
const evidenceOf: Record<string, string[]> = { 'so-a': [], 'so-b': [] };

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
  const { DynamoDBClient } = await import('@aws-sdk/client-dynamodb');
  const { DynamoDBDocumentClient, PutCommand } = await import('@aws-sdk/lib-dynamodb');
  const { inject } = await import('vitest');
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );
  for (const unitId of Object.keys(evidenceOf)) {
    for (let i = 0; i < 3; i++) {
      const evidenceId = `load-${unitId}-${i}`;
      await doc.send(
        new PutCommand({
          TableName: api.tableName,
          Item: verifiedEvidenceItem({
            evidenceId,
            year: YEAR,
            unitId,
            fields: [fieldsNeedingEvidence()[0]!],
          }),
        }),
      );
      evidenceOf[unitId]!.push(evidenceId);
    }
  }
  await api.call(agencyC, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
  await recordVerifiedEvidence(api.tableName, 'huyen-c', fieldsNeedingEvidence());
  expect((await api.call(agencyC, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
}, 120_000);
afterAll(() => api.stop());

it('60 concurrent downloads beside 20 verifications of another unit: no 5xx, every verification lands', async () => {
  const integer = catalog.fields.find((f) => f.code === freeInteger)!;
  const downloads = Array.from({ length: DOWNLOADS }, (_, i) => {
    const who = i % 3 === 0 ? agencyA : i % 3 === 1 ? agencyB : auditor;
    const unitId = who === agencyB ? 'so-b' : 'so-a';
    const id = evidenceOf[unitId]![i % 3]!;
    return api.call(who, 'GET', `/evidence/${id}/download`);
  });
  const verifications = (async () => {
    const statuses: number[] = [];
    for (let i = 0; i < VERIFICATIONS; i++) {
      const res = await api.call(auditor, 'PUT', `/review/${YEAR}/reports/huyen-c/verification`, {
        body: { fields: { [integer.code]: { value: 100 + i } } },
      });
      statuses.push(res.status);
    }
    return statuses;
  })();
  const [downloaded, verified] = await Promise.all([Promise.all(downloads), verifications]);
  const statuses = downloaded.map((d) => d.status);
  expect(statuses.filter((s) => s >= 500)).toEqual([]);
  expect(statuses.every((s) => s === 200)).toBe(true);
  expect(verified).toEqual(Array.from({ length: VERIFICATIONS }, () => 200));

  // Everything is on record, and every chain of every unit involved verifies.
  const log = await api.call(admin, 'GET', `/audit?year=${YEAR}&action=evidence.download&limit=500`);
  expect(log.json.entries).toHaveLength(DOWNLOADS);
  const verifies = await api.call(
    admin,
    'GET',
    `/audit?year=${YEAR}&action=review.verify&unit=huyen-c&limit=500`,
  );
  expect(verifies.json.entries).toHaveLength(VERIFICATIONS);
  for (const unitId of ['so-a', 'so-b', 'huyen-c']) {
    const check = await api.call(admin, 'GET', `/audit/verification?year=${YEAR}&unit=${unitId}`);
    expect(check.json.verified, unitId).toBe(true);
  }
});

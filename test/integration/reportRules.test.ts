import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import {
  admin,
  agencyA,
  auditor,
  catalog,
  completeValues,
  fieldsNeedingEvidence,
  openPeriod,
  recordVerifiedEvidence,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

const field = catalog.fields.find((f) => f.type === 'integer')!.code;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

describe('idempotency', () => {
  it('a retried save with the same key returns the first result and writes once', async () => {
    const agency = { sub: 'idem-1', role: 'agency', unitId: 'so-b' } as const;
    const headers = { 'idempotency-key': 'save-0001-abcdef' };
    const first = await api.call(agency, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [field]: 3 } },
      headers,
    });
    const before = await snapshotTable(api.tableName);
    const retry = await api.call(agency, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [field]: 3 } },
      headers,
    });
    expect(retry.status).toBe(first.status);
    expect(retry.json).toEqual(first.json);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await snapshotTable(api.tableName)).toBe(before);
    const versions = await api.call(agency, 'GET', `/reports/${YEAR}/versions`);
    expect(versions.json.versions).toHaveLength(1);
  });

  it('the same key with a different body is 422 and writes nothing', async () => {
    const agency = { sub: 'idem-1', role: 'agency', unitId: 'so-b' } as const;
    const before = await snapshotTable(api.tableName);
    const res = await api.call(agency, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [field]: 4 } },
      headers: { 'idempotency-key': 'save-0001-abcdef' },
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it('concurrent retries of one submission under one key submit once', async () => {
    const agency = { sub: 'idem-2', role: 'agency', unitId: 'xa-d' } as const;
    await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
    await recordVerifiedEvidence(api.tableName, 'xa-d', fieldsNeedingEvidence());
    const headers = { 'idempotency-key': 'submit-xa-d-0001' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.call(agency, 'POST', `/reports/${YEAR}/submit`, { headers, ...SUBMISSION }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(results.map((r) => r.json.version)).size).toBe(1);
    const versions = await api.call(agency, 'GET', `/reports/${YEAR}/versions`);
    expect(versions.json.versions.filter((v: { action: string }) => v.action === 'submit')).toHaveLength(1);
  });
});

describe('optimistic concurrency', () => {
  it('of two concurrent updates naming the same version, exactly one wins; the other is 412', async () => {
    const agency = { sub: 'occ', role: 'agency', unitId: 'so-a' } as const;
    const v1 = await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: { [field]: 1 } } });
    const etag = v1.headers.get('etag')!;
    const [a, b] = await Promise.all([
      api.call(agency, 'PUT', `/reports/${YEAR}`, {
        body: { values: { [field]: 2 } },
        headers: { 'if-match': etag },
      }),
      api.call(agency, 'PUT', `/reports/${YEAR}`, {
        body: { values: { [field]: 3 } },
        headers: { 'if-match': etag },
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const now = await api.call(agency, 'GET', `/reports/${YEAR}`);
    expect(now.json.version).toBe(v1.json.version + 1);
    expect(now.json.values[field]).toBe(a.status === 200 ? 2 : 3);
  });

  it('a stale If-Match is 412 and writes nothing', async () => {
    const agency = { sub: 'occ', role: 'agency', unitId: 'so-a' } as const;
    const before = await snapshotTable(api.tableName);
    const res = await api.call(agency, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [field]: 9 } },
      headers: { 'if-match': '"v1"' },
    });
    expect(res.status).toBe(412);
    expect(await snapshotTable(api.tableName)).toBe(before);
  });
});

describe('deadlines and lock exceptions', () => {
  it('after the deadline a draft can neither be saved nor submitted; a lock exception lets the unit submit, marked late', async () => {
    const agency = { sub: 'late', role: 'agency', unitId: 'so-a' } as const;
    await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
    await recordVerifiedEvidence(api.tableName, 'so-a', fieldsNeedingEvidence());
    await openPeriod(api, -1);

    const save = await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
    expect(save.status).toBe(409);
    expect(save.json.error.code).toBe('DEADLINE_PASSED');
    const submit = await api.call(agency, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(submit.status).toBe(409);
    expect(submit.json.error.code).toBe('DEADLINE_PASSED');

    const until = new Date(Date.now() + 86_400_000).toISOString();
    await openPeriod(api, -1, [{ unitId: 'so-a', until, reason: 'Mất điện' }]);
    const late = await api.call(agency, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(late.status).toBe(200);
    expect(late.json).toMatchObject({ status: 'late', late: true });

    const list = await api.call(auditor, 'GET', `/review/${YEAR}/reports?status=late`);
    expect(list.json.items.map((i: { unitId: string }) => i.unitId)).toEqual(['so-a']);
    await openPeriod(api);
  });

  it('falls back to Circular 06/2013: deadline 1 February of the next year, Vietnam time', async () => {
    const res = await api.call(agencyA, 'GET', `/periods/2024`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ isDefault: true, deadline: '2025-02-01T00:00:00+07:00' });
  });

  it('refuses a period whose deadline is before its opening', async () => {
    const res = await api.call(admin, 'PUT', `/periods/${YEAR}`, {
      body: { opensAt: '2026-03-01T00:00:00+07:00', deadline: '2026-02-01T00:00:00+07:00' },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues[0].path).toBe('deadline');
  });
});

describe('bad input gets a 4xx naming the field, and writes nothing', () => {
  const agency = { sub: 'bad', role: 'agency', unitId: 'huyen-c' } as const;
  it.each([
    ['malformed JSON', { rawBody: '{"values": ', headers: { 'content-type': 'application/json' } }, 400, ''],
    [
      'a wrong content type',
      { rawBody: 'values=1', headers: { 'content-type': 'text/plain' } },
      415,
      undefined,
    ],
    ['an oversize body', { body: { values: { x: 'a'.repeat(300_000) } } }, 413, undefined],
    ['an unknown field', { body: { values: { no_such_field: 1 } } }, 400, 'values.no_such_field'],
    ['a server-owned field', { body: { values: {}, status: 'accepted' } }, 400, 'status'],
    ['a version in the body', { body: { values: {}, version: 7 } }, 400, 'version'],
    ['verified values in the body', { body: { values: {}, verification: {} } }, 400, 'verification'],
    ['a wrong type', { body: { values: { [field]: 'many' } } }, 400, `values.${field}`],
    ['an out-of-range value', { body: { values: { [field]: -1 } } }, 400, `values.${field}`],
    ['a missing body', {}, 400, ''],
  ])('%s', async (_name, init, status, path) => {
    const before = await snapshotTable(api.tableName);
    const res = await api.call(agency, 'PUT', `/reports/${YEAR}`, init);
    expect(res.status).toBe(status);
    expect(res.json.error.message.vi).toBeTruthy();
    expect(res.json.error.message.en).toBeTruthy();
    if (path !== undefined)
      expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it('a year with no reporting period is 404; a non-year is 400', async () => {
    expect((await api.call(agency, 'PUT', '/reports/1999', { body: { values: {} } })).status).toBe(400);
    expect((await api.call(agency, 'PUT', '/reports/2031', { body: { values: {} } })).status).toBe(404);
    expect((await api.call(agency, 'GET', '/reports/abc')).status).toBe(400);
  });
});

describe('units', () => {
  it('an admin adds a commune under a district; a unit with an unknown parent is refused', async () => {
    const ok = await api.call(admin, 'PUT', '/units', {
      body: {
        units: [
          {
            id: 'xa-e',
            code: 'E',
            name: { vi: 'Xã E', en: 'Commune E' },
            level: 'commune',
            parentId: 'huyen-c',
            reports: true,
            validFrom: '2025-01-01',
          },
        ],
      },
    });
    expect(ok.status).toBe(200);
    const bad = await api.call(admin, 'PUT', '/units', {
      body: {
        units: [
          {
            id: 'xa-f',
            code: 'F',
            name: { vi: 'Xã F', en: 'Commune F' },
            level: 'commune',
            parentId: 'nowhere',
            reports: true,
            validFrom: '2025-01-01',
          },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0]).toMatchObject({ path: 'units.0.parentId', code: 'unknown_parent' });
    const list = await api.call(auditor, 'GET', '/units');
    expect(list.json.units.map((u: { id: string }) => u.id)).toContain('xa-e');
    expect(list.json.units.map((u: { id: string }) => u.id)).not.toContain('xa-f');
  });
});

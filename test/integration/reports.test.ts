import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from './harness.ts';
import {
  admin,
  agencyA,
  agencyB,
  auditor,
  catalog,
  completeValues,
  fieldsNeedingEvidence,
  freeInteger,
  openPeriod,
  recordVerifiedEvidence,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

const firstInteger = freeInteger;
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
});
afterAll(() => api.stop());

async function submitComplete(who: { sub: string; role: 'agency'; unitId: string }) {
  await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
  await recordVerifiedEvidence(api.tableName, who.unitId, fieldsNeedingEvidence());
  return api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
}

describe('an agency drafts and submits its own report', () => {
  it('starts as not_started, version 0', async () => {
    const res = await api.call(agencyA, 'GET', `/reports/${YEAR}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ unitId: 'so-a', status: 'not_started', version: 0, values: {} });
    expect(res.headers.get('etag')).toMatch(/^W\/"v0-[\w-]+"$/);
  });

  it('saves a partial draft and returns its version, ETag and derived indicators', async () => {
    const res = await api.call(agencyA, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [firstInteger]: 10 } },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      status: 'draft',
      version: 1,
      values: { [firstInteger]: 10 },
      editable: true,
    });
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(Object.keys(res.json.indicators).length).toBe(catalog.indicators.length);
  });

  it('refuses submission of an incomplete report, listing every problem by field', async () => {
    const res = await api.call(agencyA, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('SUBMISSION_INVALID');
    const paths = res.json.error.issues.map((i: { path: string }) => i.path);
    expect(paths.length).toBeGreaterThan(10);
    for (const issue of res.json.error.issues) {
      expect(issue.message.vi).toBeTruthy();
      expect(issue.message.en).toBeTruthy();
    }
  });

  it('refuses submission without the evidence the catalog requires', async () => {
    const needs = fieldsNeedingEvidence();
    expect(needs.length).toBeGreaterThan(0);
    await api.call(agencyB, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
    const res = await api.call(agencyB, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(res.status).toBe(422);
    const paths = new Set(res.json.error.issues.map((i: { path: string }) => i.path));
    for (const field of needs) expect(paths.has(field)).toBe(true);
  });

  it('submits a complete report with evidence and locks it', async () => {
    const res = await submitComplete(agencyB);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'submitted', late: false, editable: false, submissions: 1 });
    const edit = await api.call(agencyB, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [firstInteger]: 1 } },
    });
    expect(edit.status).toBe(409);
    expect(edit.json.error.code).toBe('REPORT_LOCKED');
  });
});

describe('each agency reaches only its own data', () => {
  it('agency B does not see agency A’s draft', async () => {
    await api.call(agencyA, 'PUT', `/reports/${YEAR}`, { body: { values: { [firstInteger]: 77 } } });
    const b = await api.call({ ...agencyB, sub: 'agency-b2', unitId: 'huyen-c' }, 'GET', `/reports/${YEAR}`);
    expect(b.json.values).toEqual({});
    expect(b.json.unitId).toBe('huyen-c');
  });

  it('a unitId in the body is refused, not obeyed', async () => {
    const before = await snapshotTable(api.tableName);
    const res = await api.call(agencyA, 'PUT', `/reports/${YEAR}`, { body: { unitId: 'so-b', values: {} } });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toContainEqual(
      expect.objectContaining({ path: 'unitId', code: 'not_allowed' }),
    );
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it.each([
    ['GET', `/review/${YEAR}/reports/so-b`],
    ['GET', `/review/${YEAR}/reports`],
    ['POST', `/review/${YEAR}/reports/so-b/accept`],
    ['PUT', `/review/${YEAR}/reports/so-b/verification`],
    ['GET', `/review/${YEAR}/reports/so-b/versions`],
    ['PUT', `/periods/${YEAR}`],
    ['PUT', '/units'],
    ['GET', '/units'],
  ])('an agency calling %s %s gets 403 and writes nothing', async (method, path) => {
    const before = await snapshotTable(api.tableName);
    const res = await api.call(agencyA, method, path, method === 'GET' ? {} : { body: {} });
    expect(res.status).toBe(403);
    expect(res.json.error.message.vi).toBeTruthy();
    expect(await snapshotTable(api.tableName)).toBe(before);
  });

  it.each([
    ['PUT', `/reports/${YEAR}`],
    ['POST', `/reports/${YEAR}/submit`],
    ['PUT', `/periods/${YEAR}`],
    ['PUT', '/units'],
  ])(
    'an auditor calling %s %s gets 403 (auditors cannot edit figures or admin data)',
    async (method, path) => {
      const res = await api.call(auditor, method, path, { body: { values: { [firstInteger]: 5 } } });
      expect(res.status).toBe(403);
    },
  );
});

describe('review: verify, return, correct, resubmit, accept', () => {
  it('keeps a gapless history through return → edit → resubmit → accept', async () => {
    const agency = { sub: 'agency-c', role: 'agency', unitId: 'huyen-c' } as const;
    expect((await submitComplete(agency)).status).toBe(200);

    const verify = await api.call(auditor, 'PUT', `/review/${YEAR}/reports/huyen-c/verification`, {
      body: { fields: { [firstInteger]: { value: 40, comment: 'Đếm thực tế' } } },
    });
    expect(verify.status).toBe(200);
    expect(verify.json.verification[firstInteger]).toMatchObject({ value: 40, by: 'auditor-1' });
    expect(verify.json.values[firstInteger]).toBe(completeValues()[firstInteger]);

    const ret = await api.call(auditor, 'POST', `/review/${YEAR}/reports/huyen-c/return`, {
      body: { comments: [{ field: firstInteger, text: 'Số liệu chưa khớp' }] },
    });
    expect(ret.status).toBe(200);
    expect(ret.json.status).toBe('returned');

    const seen = await api.call(agency, 'GET', `/reports/${YEAR}`);
    expect(seen.json.comments).toContainEqual(
      expect.objectContaining({ field: firstInteger, text: 'Số liệu chưa khớp' }),
    );
    expect(seen.json.editable).toBe(true);

    const fixed = await api.call(agency, 'PUT', `/reports/${YEAR}`, {
      body: { values: { ...completeValues(), [firstInteger]: 40 } },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.json.status).toBe('returned');
    const again = await api.call(agency, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: 'submitted', submissions: 2 });

    const accept = await api.call(auditor, 'POST', `/review/${YEAR}/reports/huyen-c/accept`, {
      body: { comment: 'Đạt' },
    });
    expect(accept.status).toBe(200);
    expect(accept.json.status).toBe('accepted');

    const versions = await api.call(agency, 'GET', `/reports/${YEAR}/versions`);
    const list = versions.json.versions as { version: number; action: string }[];
    expect(list.map((v) => v.version)).toEqual(list.map((_, i) => i + 1));
    expect(list.map((v) => v.action)).toEqual([
      'save',
      'submit',
      'verify',
      'return',
      'save',
      'submit',
      'accept',
    ]);

    const diff = await api.call(auditor, 'GET', `/review/${YEAR}/reports/huyen-c/versions/5`);
    expect(diff.status).toBe(200);
    expect(diff.json.diff).toEqual([{ field: firstInteger, from: completeValues()[firstInteger], to: 40 }]);
    expect((await api.call(agency, 'GET', `/reports/${YEAR}/versions/99`)).status).toBe(404);

    const locked = await api.call(agency, 'PUT', `/reports/${YEAR}`, { body: { values: {} } });
    expect(locked.status).toBe(409);
  });

  it('refuses review actions on a report that is not submitted', async () => {
    const res = await api.call(auditor, 'POST', `/review/${YEAR}/reports/so-a/accept`);
    expect(res.status).toBe(409);
  });

  it('returns 404 for an unknown unit', async () => {
    expect((await api.call(auditor, 'GET', `/review/${YEAR}/reports/nobody`)).status).toBe(404);
  });

  it('lists every expected unit with its status and completeness counts, paginated', async () => {
    const first = await api.call(auditor, 'GET', `/review/${YEAR}/reports?limit=2`);
    expect(first.status).toBe(200);
    expect(first.json.counts.expected).toBe(4);
    expect(first.json.items).toHaveLength(2);
    const second = await api.call(
      auditor,
      'GET',
      `/review/${YEAR}/reports?limit=2&cursor=${first.json.nextCursor}`,
    );
    const all = [...first.json.items, ...second.json.items].map((i: { unitId: string }) => i.unitId);
    // By level (highest first), then by name: never by internal id.
    expect(all).toEqual(['so-a', 'so-b', 'huyen-c', 'xa-d']);
    expect(second.json.nextCursor).toBeNull();
    const statuses = Object.fromEntries(
      [...first.json.items, ...second.json.items].map((i: { unitId: string; status: string }) => [
        i.unitId,
        i.status,
      ]),
    );
    expect(statuses).toEqual({
      'huyen-c': 'accepted',
      'so-a': 'draft',
      'so-b': 'submitted',
      'xa-d': 'not_started',
    });

    const drafts = await api.call(admin, 'GET', `/review/${YEAR}/reports?status=draft,not_started`);
    expect(drafts.json.items.map((i: { unitId: string }) => i.unitId)).toEqual(['so-a', 'xa-d']);
    const district = await api.call(auditor, 'GET', `/review/${YEAR}/reports?unit=huyen-c`);
    expect(district.json.items.map((i: { unitId: string }) => i.unitId)).toEqual(['huyen-c', 'xa-d']);
    expect((await api.call(auditor, 'GET', `/review/${YEAR}/reports?status=bogus`)).status).toBe(400);
  });

  it('sorts by any column either way, pages through that order, and filters by name and submission day', async () => {
    const order = async (query: string) => {
      const res = await api.call(auditor, 'GET', `/review/${YEAR}/reports?${query}`);
      expect(res.status).toBe(200);
      return res.json.items.map((i: { unitId: string }) => i.unitId) as string[];
    };
    expect(await order('sort=-name')).toEqual(['xa-d', 'so-b', 'so-a', 'huyen-c']);
    expect(await order('sort=code')).toEqual(['so-a', 'so-b', 'huyen-c', 'xa-d']);
    // Status in the list's order: draft, submitted, accepted; a column without a value goes last both ways.
    expect(await order('sort=status')).toEqual(['xa-d', 'so-a', 'so-b', 'huyen-c']);
    const submitted = await order('sort=submittedAt');
    expect(submitted.slice(-2).sort()).toEqual(['so-a', 'xa-d']);
    expect((await order('sort=-submittedAt')).slice(-2).sort()).toEqual(['so-a', 'xa-d']);

    // Pages follow the order asked for.
    const first = await api.call(auditor, 'GET', `/review/${YEAR}/reports?sort=-name&limit=3`);
    const rest = await api.call(
      auditor,
      'GET',
      `/review/${YEAR}/reports?sort=-name&limit=3&cursor=${first.json.nextCursor}`,
    );
    expect([...first.json.items, ...rest.json.items].map((i: { unitId: string }) => i.unitId)).toEqual([
      'xa-d',
      'so-b',
      'so-a',
      'huyen-c',
    ]);

    // The name search ignores case and diacritics and reads both languages; the counts stay the scope's.
    expect(await order('name=so')).toEqual(['so-a', 'so-b']);
    expect(await order('name=HUYEN')).toEqual(['huyen-c']);
    expect(await order('name=commune')).toEqual(['xa-d']);
    const named = await api.call(auditor, 'GET', `/review/${YEAR}/reports?name=xa`);
    expect(named.json.counts.expected).toBe(4);

    // Submission days are Vietnam's; a unit never submitted is outside any range.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    expect((await order(`submittedFrom=${today}&submittedTo=${today}`)).sort()).toEqual(['huyen-c', 'so-b']);
    expect(await order('submittedTo=2000-01-01')).toEqual([]);

    for (const bad of [
      'sort=id',
      'submittedFrom=2025-02-30',
      'cursor=bm90LWpzb24',
      `name=${'x'.repeat(101)}`,
      // A misspelt filter is refused, not ignored: the route row declares every query parameter.
      'sorted=name',
    ])
      expect((await api.call(auditor, 'GET', `/review/${YEAR}/reports?${bad}`)).status).toBe(400);
  });
});

describe('a repeat visit on a slow link', () => {
  const agencyD = { sub: 'agency-d', role: 'agency', unitId: 'xa-d' } as const;

  it('answers a repeat GET of its report, evidence list and identity with 304 and no body, until they change', async () => {
    const paths = [`/reports/${YEAR}`, `/reports/${YEAR}/evidence`, '/me'];
    const tags = new Map<string, string>();
    for (const path of paths) {
      const first = await api.call(agencyD, 'GET', path);
      tags.set(path, first.headers.get('etag')!);
      const again = await api.call(agencyD, 'GET', path, { headers: { 'if-none-match': tags.get(path)! } });
      expect(again.status, path).toBe(304);
      expect(again.json, path).toBeUndefined();
      expect(again.headers.get('etag'), path).toBe(tags.get(path));
      expect(again.headers.get('vary'), path).toMatch(/authorization/i);
    }
    // Another unit's copy of the same URL is another body: its own tag, never the first unit's 304.
    const other = await api.call(agencyA, 'GET', `/reports/${YEAR}`, {
      headers: { 'if-none-match': tags.get(`/reports/${YEAR}`)! },
    });
    expect(other.status).toBe(200);
    expect(other.json.unitId).toBe('so-a');
    // The version tag in front still serves as If-Match.
    const saved = await api.call(agencyD, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [firstInteger]: 3 } },
      headers: { 'if-match': tags.get(`/reports/${YEAR}`)! },
    });
    expect(saved.status).toBe(200);
    const changed = await api.call(agencyD, 'GET', `/reports/${YEAR}`, {
      headers: { 'if-none-match': tags.get(`/reports/${YEAR}`)! },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toMatch(/^W\/"v1-[\w-]+"$/);
  });
});

import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIMS } from '#shared/auth';
import { routes } from '#shared/contract/routes';
import { MAX_UNITS_PER_EDIT } from '#shared/hierarchy';
import { MAX_BODY_BYTES } from '#shared/http/requestParts';
import { startTestApi, type TestApi } from './harness.ts';
import { pdfBytes } from './evidenceFiles.ts';
import {
  admin,
  agencyA,
  agencyB,
  auditor,
  completeValues,
  evidenceDeclaration,
  fieldsNeedingEvidence,
  freeInteger,
  openPeriod,
  recordVerifiedEvidence,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from './fixtures.ts';

/*
 * The OWASP API Security Top 10 (2023) cases that apply to this API, one describe per risk, each test named
 * after its API# id. Every refused request is also checked to have written nothing (a table snapshot before
 * and after). Some of these overlap reports.test.ts, evidence.test.ts and spine.test.ts on purpose: this file
 * is the one place that shows each risk covered.
 */
const MAX_FILES = 3;
/** A unit merged away: its users' tokens outlive it. */
const retiredUnit = { ...units[1]!, id: 'so-cu', code: 'CU', validTo: '2025-02-28', endedBy: 'NQ 1' };
/** A unit that began after 2024. */
const newcomerUnit = { ...units[1]!, id: 'so-moi', code: 'MOI', validFrom: '2025-01-01' };
/** A unit that begins only next century. */
const futureUnit = { ...units[1]!, id: 'so-sau', code: 'SAU', validFrom: '2099-01-01' };
let api: TestApi;
let evidenceOfA: string;

type Who = Parameters<TestApi['call']>[0];

/** Calls the API and returns the status, asserting the table did not change. */
async function refusedWithoutWrite(
  who: Who,
  method: string,
  path: string,
  init: Parameters<TestApi['call']>[3] = {},
) {
  const before = await snapshotTable(api.tableName);
  const res = await api.call(who, method, path, init);
  expect(await snapshotTable(api.tableName), `${method} ${path} wrote to the table`).toBe(before);
  return res;
}

beforeAll(async () => {
  process.env.EVIDENCE_MAX_FILES = String(MAX_FILES);
  process.env.EVIDENCE_MAX_BYTES = String(1024 * 1024);
  api = await startTestApi({ units: [...units, retiredUnit, newcomerUnit, futureUnit] });
  await openPeriod(api);
  await api.call(agencyA, 'PUT', `/reports/${YEAR}`, { body: { values: { [freeInteger]: 11 } } });
  await api.call(agencyB, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
  await recordVerifiedEvidence(api.tableName, agencyB.unitId, fieldsNeedingEvidence());
  expect((await api.call(agencyB, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
  const declared = await api.call(agencyA, 'POST', `/reports/${YEAR}/evidence`, {
    body: evidenceDeclaration(pdfBytes()),
  });
  expect(declared.status).toBe(201);
  evidenceOfA = declared.json.evidence.evidenceId;
});
afterAll(() => api.stop());

describe('API1:2023 Broken Object Level Authorization — one agency against another’s objects', () => {
  it('API1: agency B cannot read agency A’s report through the review paths (by unit id in the path)', async () => {
    for (const path of [
      `/review/${YEAR}/reports/so-a`,
      `/review/${YEAR}/reports/so-a/versions`,
      `/review/${YEAR}/reports/so-a/versions/1`,
      `/review/${YEAR}/reports/so-a/evidence`,
    ]) {
      expect((await api.call(agencyB, 'GET', path)).status, path).toBe(403);
      // The same paths are the auditors' own.
      expect((await api.call(auditor, 'GET', path)).status, path).toBe(200);
    }
  });

  it('API1: the own-report routes take the unit from the token alone, never from the query or a header', async () => {
    const res = await api.call(agencyB, 'GET', `/reports/${YEAR}?unitId=so-a&unit=so-a`, {
      headers: { 'x-unit-id': 'so-a' },
    });
    expect(res.status).toBe(200);
    expect(res.json.unitId).toBe('so-b');
    const version = await api.call(agencyB, 'GET', `/reports/${YEAR}/versions/1?unitId=so-a`);
    expect(version.json.unitId ?? version.json.revision?.unitId ?? 'so-b').toBe('so-b');
    expect(JSON.stringify(version.json)).not.toContain('"so-a"');
  });

  it('API1: a unitId in the body is refused, not obeyed', async () => {
    const res = await refusedWithoutWrite(agencyB, 'PUT', `/reports/${YEAR}`, {
      body: { unitId: 'so-a', values: {} },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues).toContainEqual(expect.objectContaining({ path: 'unitId' }));
  });

  it('API1: agency B cannot complete, download or withdraw agency A’s evidence by its id', async () => {
    for (const [method, path] of [
      ['POST', `/evidence/${evidenceOfA}/complete`],
      ['GET', `/evidence/${evidenceOfA}/download`],
      ['DELETE', `/evidence/${evidenceOfA}`],
    ] as const) {
      const res = await refusedWithoutWrite(agencyB, method, path);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('NOT_YOUR_EVIDENCE');
    }
  });

  it('API1: agency B’s evidence list holds only its own files', async () => {
    const res = await api.call(agencyB, 'GET', `/reports/${YEAR}/evidence`);
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: { evidenceId: string }) => i.evidenceId)).not.toContain(evidenceOfA);
    expect(res.json.items.every((i: { unitId: string }) => i.unitId === 'so-b')).toBe(true);
  });
});

describe('API2:2023 Broken Authentication — tokens the authorizer must refuse', () => {
  const tokens: Record<string, string> = {};
  beforeAll(async () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = { [CLAIMS.groups]: ['admin'], sub: 'mallory' };
    const { privateKey } = await generateKeyPair('ES256');
    const signWith = (iss: string, aud: string, exp: number) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime(exp)
        .sign(privateKey);
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const real = await api.issuer.sign(admin);
    const [h, p, s] = real.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    Object.assign(tokens, {
      forged: await signWith(api.issuer.issuer, api.issuer.audience, now + 3600),
      expired: await api.issuer.sign(admin, { expiresInSeconds: -60 }),
      wrongIssuer: await signWith('https://evil.example/', api.issuer.audience, now + 3600),
      wrongAudience: `${h}.${b64({ ...payload, aud: 'another-app' })}.${s}`,
      algNone: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload })}.`,
      noSignature: `${h}.${p}.`,
      garbage: 'eyJhbGciOi.garbage.token',
    });
  });

  it.each(['forged', 'expired', 'wrongIssuer', 'wrongAudience', 'algNone', 'noSignature', 'garbage'])(
    'API2: a %s token gets 401 on a read and on a write, and writes nothing',
    async (kind) => {
      const authorization = `Bearer ${tokens[kind]}`;
      expect((await api.call(undefined, 'GET', '/me', { headers: { authorization } })).status).toBe(401);
      const res = await refusedWithoutWrite(undefined, 'PUT', `/periods/${YEAR}`, {
        headers: { authorization },
        body: { opensAt: `${YEAR}-01-01T00:00:00+07:00`, deadline: `${YEAR + 1}-03-01T00:00:00+07:00` },
      });
      expect(res.status).toBe(401);
    },
  );

  it('API2: a missing token or a non-Bearer scheme gets 401', async () => {
    expect((await api.call(undefined, 'GET', `/reports/${YEAR}`)).status).toBe(401);
    const basic = await api.call(undefined, 'GET', `/reports/${YEAR}`, {
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.status).toBe(401);
  });

  it('API2: a valid agency token without a unit claim is not a usable identity', async () => {
    const res = await refusedWithoutWrite({ sub: 'no-unit', role: 'agency' }, 'PUT', `/reports/${YEAR}`, {
      body: { values: {} },
    });
    expect(res.status).toBe(401);
  });
});

describe('API2:2023 Broken Authentication — a signed token for a unit that does not exist (now)', () => {
  const agencyRoutes = routes.filter(
    (r) => r.auth !== 'public' && (r.auth as readonly string[]).includes('agency'),
  );
  const concrete = (path: string) =>
    path
      .replace('{year}', String(YEAR))
      .replace('{evidenceId}', evidenceOfA)
      .replace('{unitId}', 'so-a')
      .replace('{n}', '1');
  const bodyOf = (id: string) =>
    id === 'saveMyReport'
      ? { values: { [freeInteger]: 1 } }
      : id === 'declareEvidence'
        ? evidenceDeclaration(pdfBytes())
        : undefined;
  const cases = [
    ['unknown', { sub: 'agency-ghost', role: 'agency', unitId: 'khong-co' }, 'UNIT_UNKNOWN'],
    ['retired', { sub: 'agency-cu', role: 'agency', unitId: retiredUnit.id }, 'UNIT_NOT_VALID'],
    ['not yet valid', { sub: 'agency-sau', role: 'agency', unitId: futureUnit.id }, 'UNIT_NOT_VALID'],
  ] as const;

  it('covers every route an agency may call', () => {
    expect(agencyRoutes.length).toBeGreaterThanOrEqual(10);
  });

  it.each(cases)(
    'API2: a token for an %s unit gets 403 on every agency route, naming the unit, and writes nothing',
    async (_kind, who, code) => {
      for (const route of agencyRoutes) {
        const path = concrete(route.path);
        const body = bodyOf(route.id);
        const res = await refusedWithoutWrite(who, route.method, path, {
          ...(body ? { body } : {}),
          ...(route.method === 'GET'
            ? {}
            : { headers: { 'idempotency-key': `k-${route.id}-${who.unitId}` } }),
        });
        expect(res.status, `${route.method} ${path}`).toBe(403);
        expect(res.json.error.code, `${route.method} ${path}`).toBe(code);
        expect(res.json.error.message.vi).not.toBe(res.json.error.message.en);
      }
    },
  );

  it('API2: a unit valid today but outside a year’s hierarchy gets 403 for that year, and writes nothing', async () => {
    // so-moi began on 1 January 2025: it is not in 2024's hierarchy, so it files 2025 but not 2024.
    const who = { sub: 'agency-moi', role: 'agency', unitId: newcomerUnit.id } as const;
    for (const [method, path] of [
      ['GET', '/reports/2024'],
      ['PUT', '/reports/2024'],
      ['POST', '/reports/2024/submit'],
    ] as const) {
      const res = await refusedWithoutWrite(
        who,
        method,
        path,
        method === 'PUT' ? { body: { values: {} } } : {},
      );
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.json.error.code).toBe('UNIT_NOT_IN_YEAR');
    }
    expect((await api.call(who, 'GET', `/reports/${YEAR}`)).status).toBe(200);
    // A year outside the parameter rules stays the handler's 400, not a 403.
    const bad = await refusedWithoutWrite(who, 'PUT', '/reports/1999', { body: { values: {} } });
    expect(bad.status).toBe(400);
  });
});

describe('API3:2023 Broken Object Property Level Authorization — properties a caller may not set', () => {
  it.each([
    ['status', { status: 'accepted' }],
    ['unitId', { unitId: 'so-b' }],
    ['version', { version: 99 }],
    ['verification', { verification: { [freeInteger]: { value: 1, by: 'auditor-1' } } }],
    ['late', { late: false }],
    ['submittedAt', { submittedAt: '2000-01-01T00:00:00Z' }],
  ])('API3: PUT /reports/{year} refuses %s in the body and writes nothing', async (prop, extra) => {
    const res = await refusedWithoutWrite(agencyA, 'PUT', `/reports/${YEAR}`, {
      body: { values: { [freeInteger]: 12 }, ...extra },
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(prop);
  });

  it('API3: a report property smuggled in as a value is an unknown field', async () => {
    const res = await refusedWithoutWrite(agencyA, 'PUT', `/reports/${YEAR}`, {
      body: { values: { status: 'accepted', version: 9 } },
    });
    expect(res.status).toBe(400);
  });

  it('API3: an agency cannot record verified values (auditor-only) for its own report', async () => {
    const res = await refusedWithoutWrite(agencyB, 'PUT', `/review/${YEAR}/reports/so-b/verification`, {
      body: { fields: { [freeInteger]: { value: 1 } } },
    });
    expect(res.status).toBe(403);
  });

  it.each([
    ['status', { status: 'verified' }],
    ['evidenceId', { evidenceId: 'chosen-by-me' }],
    ['objectKey', { objectKey: 'evidence/2025/so-b/x' }],
    ['unitId', { unitId: 'so-b' }],
  ])('API3: POST /reports/{year}/evidence refuses %s in the body and writes nothing', async (prop, extra) => {
    const res = await refusedWithoutWrite(agencyA, 'POST', `/reports/${YEAR}/evidence`, {
      body: evidenceDeclaration(pdfBytes('api3'), extra),
    });
    expect(res.status).toBe(400);
    expect(res.json.error.issues.map((i: { path: string }) => i.path)).toContain(prop);
  });

  it('API3: review actions refuse properties that are not theirs (status on accept, by on return)', async () => {
    const accept = await refusedWithoutWrite(auditor, 'POST', `/review/${YEAR}/reports/so-b/accept`, {
      body: { status: 'draft' },
    });
    expect(accept.status).toBe(400);
    const ret = await refusedWithoutWrite(auditor, 'POST', `/review/${YEAR}/reports/so-b/return`, {
      body: { comments: [{ text: 'x', by: 'someone-else' }] },
    });
    expect(ret.status).toBe(400);
  });
});

describe('API4:2023 Unrestricted Resource Consumption — size and count limits', () => {
  it(`API4: a body over ${MAX_BODY_BYTES / 1024} KB is refused with 413 and writes nothing`, async () => {
    const res = await refusedWithoutWrite(agencyA, 'PUT', `/reports/${YEAR}`, {
      rawBody: JSON.stringify({ values: {}, pad: 'x'.repeat(MAX_BODY_BYTES) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
  });

  it('API4: a body over API Gateway’s 10 MB is refused before any handler runs', async () => {
    const res = await refusedWithoutWrite(agencyA, 'PUT', `/reports/${YEAR}`, {
      rawBody: 'x'.repeat(10 * 1024 * 1024 + 1),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(413);
  });

  it('API4: an evidence file over the size limit is refused at declaration, with no upload URL', async () => {
    const res = await refusedWithoutWrite(agencyA, 'POST', `/reports/${YEAR}/evidence`, {
      body: evidenceDeclaration(pdfBytes(), { size: 1024 * 1024 + 1 }),
    });
    expect(res.status).toBe(400);
    expect(res.json.upload).toBeUndefined();
    expect(res.json.error.issues[0].path).toBe('size');
  });

  it(`API4: at most ${MAX_FILES} live evidence files per report; the next declaration is 409 and writes nothing`, async () => {
    const agency = { sub: 'api4-c', role: 'agency', unitId: 'huyen-c' } as const;
    for (let i = 0; i < MAX_FILES; i++) {
      expect(
        (
          await api.call(agency, 'POST', `/reports/${YEAR}/evidence`, {
            body: evidenceDeclaration(pdfBytes(`f${i}`)),
          })
        ).status,
      ).toBe(201);
    }
    const res = await refusedWithoutWrite(agency, 'POST', `/reports/${YEAR}/evidence`, {
      body: evidenceDeclaration(pdfBytes('one too many')),
    });
    expect(res.status).toBe(409);
    expect(res.json.error.code).toBe('TOO_MANY_FILES');
  });

  it('API4: list pages are bounded (limit over 200 is refused)', async () => {
    expect((await api.call(auditor, 'GET', `/review/${YEAR}/reports?limit=100000`)).status).toBe(400);
  });

  it(`API4: a units upload over ${MAX_UNITS_PER_EDIT} rows (one transaction) is refused and writes nothing`, async () => {
    for (const rows of [MAX_UNITS_PER_EDIT + 1, 5001]) {
      const many = Array.from({ length: rows }, (_, i) => ({
        id: `xa-${i}`,
        code: `X${i}`,
        name: { vi: `Xã ${i}`, en: `Commune ${i}` },
        level: 'commune',
        parentId: 'tinh',
        reports: true,
        validFrom: '2025-01-01',
      }));
      const res = await refusedWithoutWrite(admin, 'PUT', '/units', { body: { units: many } });
      expect([400, 413], String(rows)).toContain(res.status);
    }
  });
});

describe('API5:2023 Broken Function Level Authorization — roles against other roles’ functions', () => {
  const auditorRoutes = [
    ['PUT', `/review/${YEAR}/reports/so-b/verification`, { fields: { [freeInteger]: { value: 1 } } }],
    ['POST', `/review/${YEAR}/reports/so-b/accept`, {}],
    ['POST', `/review/${YEAR}/reports/so-b/return`, { comments: [{ text: 'x' }] }],
  ] as const;
  const reviewerReads = [
    ['GET', `/review/${YEAR}/reports`],
    ['GET', `/review/${YEAR}/reports/so-b`],
    ['GET', '/units'],
    ['GET', `/rollups/${YEAR}`],
  ] as const;
  const adminRoutes = [
    [
      'PUT',
      `/periods/${YEAR}`,
      { opensAt: `${YEAR}-01-01T00:00:00+07:00`, deadline: `${YEAR + 1}-03-01T00:00:00+07:00` },
    ],
    [
      'PUT',
      '/units',
      {
        units: [
          {
            id: 'xa-moi',
            code: 'M',
            name: { vi: 'Mới', en: 'New' },
            level: 'commune',
            parentId: 'tinh',
            reports: true,
          },
        ],
      },
    ],
    ['GET', `/audit?year=${YEAR}`, undefined],
    ['POST', `/rollups/${YEAR}`, {}],
  ] as const;

  it.each(auditorRoutes)(
    'API5: an agency calling the auditor function %s %s gets 403 and writes nothing',
    async (method, path, body) => {
      expect((await refusedWithoutWrite(agencyB, method, path, { body })).status).toBe(403);
    },
  );

  it.each(reviewerReads)(
    'API5: an agency calling the reviewer function %s %s gets 403',
    async (method, path) => {
      expect((await api.call(agencyA, method, path)).status).toBe(403);
    },
  );

  it.each(adminRoutes)(
    'API5: an agency calling the admin function %s %s gets 403 and writes nothing',
    async (method, path, body) => {
      expect(
        (await refusedWithoutWrite(agencyA, method, path, body === undefined ? {} : { body })).status,
      ).toBe(403);
    },
  );

  it.each(adminRoutes)(
    'API5: an auditor calling the admin function %s %s gets 403 and writes nothing',
    async (method, path, body) => {
      expect(
        (await refusedWithoutWrite(auditor, method, path, body === undefined ? {} : { body })).status,
      ).toBe(403);
    },
  );

  it.each([
    ['PUT', `/reports/${YEAR}`, { values: {} }],
    ['POST', `/reports/${YEAR}/submit`, undefined],
    ['POST', `/reports/${YEAR}/evidence`, evidenceDeclaration(pdfBytes('api5'))],
  ] as const)(
    'API5: an admin or auditor calling the agency function %s %s gets 403 and writes nothing',
    async (method, path, body) => {
      for (const who of [admin, auditor]) {
        expect(
          (await refusedWithoutWrite(who, method, path, body === undefined ? {} : { body })).status,
        ).toBe(403);
      }
    },
  );
});

describe('API3:2023 Broken Object Property Level Authorization — what the agency may see of the review', () => {
  const agencyD = { sub: 'api3-d', role: 'agency', unitId: 'xa-d' } as const;
  const INTERNAL = 'NỘI BỘ: nghi khai khống, chuyển thanh tra';
  const FOR_UNIT = 'Đề nghị bổ sung quyết định ban hành quy chế';
  /** The auditors' value: within the field's bounds, and not what the agency reported. */
  const VERIFIED = 9871;
  const seenByAgency = async () => {
    const report = await api.call(agencyD, 'GET', `/reports/${YEAR}`);
    const list = await api.call(agencyD, 'GET', `/reports/${YEAR}/versions`);
    const versions = await Promise.all(
      (list.json.versions as { version: number }[]).map(
        async (v) => (await api.call(agencyD, 'GET', `/reports/${YEAR}/versions/${v.version}`)).json,
      ),
    );
    return { report: report.json, versions, text: JSON.stringify([report.json, list.json, versions]) };
  };

  it('API3: while under review, the agency receives no verified value and no internal comment', async () => {
    await api.call(agencyD, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
    await recordVerifiedEvidence(api.tableName, agencyD.unitId, fieldsNeedingEvidence());
    expect((await api.call(agencyD, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
    const verified = await api.call(auditor, 'PUT', `/review/${YEAR}/reports/xa-d/verification`, {
      body: { fields: { [freeInteger]: { value: VERIFIED, comment: INTERNAL } } },
    });
    expect(verified.status).toBe(200);
    const seen = await seenByAgency();
    expect(seen.report.verification).toEqual({});
    expect(seen.text).not.toContain(INTERNAL);
    expect(seen.text).not.toContain(`:${VERIFIED}`);
    for (const v of seen.versions) expect(v.verification ?? {}).toEqual({});
    // The auditors still see all of it.
    const review = await api.call(auditor, 'GET', `/review/${YEAR}/reports/xa-d`);
    expect(review.json.verification[freeInteger]).toMatchObject({ value: VERIFIED, comment: INTERNAL });
  });

  it('API3: on return, the agency sees the comments meant for it and the official values, never internal ones', async () => {
    const returned = await api.call(auditor, 'POST', `/review/${YEAR}/reports/xa-d/return`, {
      body: {
        comments: [
          { field: freeInteger, text: FOR_UNIT },
          { text: 'NỘI BỘ: theo dõi đợt sau', visibility: 'internal' },
        ],
      },
    });
    expect(returned.status).toBe(200);
    const seen = await seenByAgency();
    expect(seen.report.status).toBe('returned');
    expect(seen.report.comments.map((c: { text: string }) => c.text)).toEqual([FOR_UNIT]);
    expect(seen.report.verification[freeInteger].value).toBe(VERIFIED);
    expect(seen.report.verification[freeInteger]).not.toHaveProperty('comment');
    expect(seen.text).not.toContain('NỘI BỘ');
    const review = await api.call(auditor, 'GET', `/review/${YEAR}/reports/xa-d`);
    expect(review.json.comments.map((c: { visibility: string }) => c.visibility)).toEqual([
      'unit',
      'internal',
    ]);
  });
});

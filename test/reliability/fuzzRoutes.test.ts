import { generateKeyPair, SignJWT } from 'jose';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestContracts } from '#shared/api/requestContracts';
import { CLAIMS } from '#shared/auth';
import { catalogYears } from '#shared/catalog/index';
import { routes, type Route } from '#shared/contract/routes';
import { startTestApi, type TestApi } from '../integration/harness.ts';
import {
  admin,
  agencyA,
  agencyB,
  auditor,
  catalog,
  completeValues,
  evidenceDeclaration,
  fieldsNeedingEvidence,
  openPeriod,
  recordVerifiedEvidence,
  snapshotTable,
  SUBMISSION,
  units,
  YEAR,
} from '../integration/fixtures.ts';
import { pdfBytes } from '../integration/evidenceFiles.ts';

/*
 * Fuzzing every row of the route table through the local adapter: 1,000 generated requests per route, with
 * generated tokens (valid ones of each role, and forged, expired, wrong-issuer, wrong-audience, alg=none and
 * garbage ones), path parameters, query strings, headers and bodies. No response may be a 5xx. A request that
 * can write (any PUT, POST or DELETE, and an evidence download, which writes an audit entry) always carries at
 * least one thing wrong, so it must be refused with a 4xx; the table must then be unchanged after the
 * route's 1,000 requests. GET routes may succeed but never write.
 */
const CASES = Number(process.env.FUZZ_CASES ?? 1000);
const PARALLEL = 8;
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let api: TestApi;
let evidenceId: string;
const tokens: Record<string, string> = {};

/** A token of `who`, signed by `key`, with claims changed by `patch`. */
async function sign(
  key: CryptoKey,
  kid: string | undefined,
  claims: Record<string, unknown>,
  opts: { iss: string; aud: string; exp: number },
) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', ...(kid ? { kid } : {}), typ: 'JWT' })
    .setIssuer(opts.iss)
    .setAudience(opts.aud)
    .setIssuedAt()
    .setExpirationTime(opts.exp)
    .sign(key);
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
  // State for the routes to act on: a draft (so-a), a submitted report (so-b), a pending evidence file (so-a).
  await api.call(agencyA, 'PUT', `/reports/${YEAR}`, {
    body: { values: { [catalog.fields[0]!.code]: null } },
  });
  await api.call(agencyB, 'PUT', `/reports/${YEAR}`, { body: { values: completeValues() } });
  await recordVerifiedEvidence(api.tableName, agencyB.unitId, fieldsNeedingEvidence());
  expect((await api.call(agencyB, 'POST', `/reports/${YEAR}/submit`, SUBMISSION)).status).toBe(200);
  const pdf = pdfBytes();
  const declared = await api.call(agencyA, 'POST', `/reports/${YEAR}/evidence`, {
    body: evidenceDeclaration(pdf),
  });
  expect(declared.status).toBe(201);
  evidenceId = declared.json.evidence.evidenceId;

  const now = Math.floor(Date.now() / 1000);
  const good = { iss: api.issuer.issuer, aud: api.issuer.audience, exp: now + 3600 };
  const { privateKey: otherKey } = await generateKeyPair('ES256');
  const adminClaims = { sub: 'mallory', [CLAIMS.groups]: ['admin'] };
  const valid = (who: Parameters<TestApi['issuer']['sign']>[0]) => api.issuer.sign(who);
  Object.assign(tokens, {
    agencyA: await valid(agencyA),
    agencyB: await valid(agencyB),
    auditor: await valid(auditor),
    admin: await valid(admin),
    expired: await api.issuer.sign(admin, { expiresInSeconds: -120 }),
    forged: await sign(otherKey, undefined, adminClaims, good),
    wrongIssuer: await sign(otherKey, undefined, adminClaims, { ...good, iss: 'https://evil.example' }),
    alg_none: `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...adminClaims, iss: good.iss, aud: good.aud, exp: good.exp })}.`,
    garbage: 'not-a-jwt',
  });
  // Wrong audience and a tampered payload: the real key's signature over other claims.
  const [h, p, s] = tokens.admin!.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
  tokens.wrongAudience = `${h}.${b64({ ...payload, aud: 'someone-else' })}.${s}`;
  tokens.escalated = `${h}.${b64({ ...payload, [CLAIMS.groups]: ['admin', 'auditor'], sub: 'x' })}.${s}`;
  tokens.agencyNoUnit = await api.issuer.sign({ sub: 'no-unit', role: 'agency' });
}, 120_000);
afterAll(() => api.stop());

const ROLE_TOKEN = { agency: 'agencyA', auditor: 'auditor', admin: 'admin' } as const;
const BAD_TOKENS = [
  'expired',
  'forged',
  'wrongIssuer',
  'wrongAudience',
  'escalated',
  'alg_none',
  'garbage',
  'agencyNoUnit',
] as const;

const writes = (r: Route) => r.method !== 'GET' || r.id === 'downloadEvidence';
const paramsOf = (r: Route) => [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

const validParam = (name: string): fc.Arbitrary<string> => {
  switch (name) {
    case 'year':
      return fc.constant(String(YEAR));
    case 'unitId':
      return fc.constantFrom('so-a', 'so-b', 'xa-d');
    case 'n':
      return fc.constantFrom('1', '2');
    case 'evidenceId':
      return fc.constant(evidenceId);
    default:
      return fc.constant('x');
  }
};
/** Values a path parameter must refuse, as text that reaches the handler (URL-encoded on the way). */
const invalidParam = (name: string): fc.Arbitrary<string> => {
  const common = fc.oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom(...RAW_SEGMENTS).map((raw) => `raw:${raw}`),
    fc.constantFrom(
      ' ',
      '<script>',
      "' OR 1=1 --",
      'null',
      'undefined',
      '__proto__',
      'constructor',
      '\u0000',
    ),
  );
  switch (name) {
    case 'year':
      // Other spellings of a catalog year ("0x7e9", " 2025", "2.025e3", "+2025") must be refused too; only plain
      // digits ("2025", and so "02025") name a year.
      return fc
        .oneof(
          common,
          fc
            .integer()
            .filter((y) => y < 2000 || y > 2100)
            .map(String),
          fc.constantFrom(
            '2023',
            '2099',
            '2025.5',
            '1e3',
            '-2025',
            '２０２５',
            '0x7e9',
            ' 2025',
            '2.025e3',
            '+2025',
          ),
        )
        .filter((s) => !(/^\d{1,7}$/.test(s) && catalogYears.includes(Number(s))));
    case 'unitId':
      return fc.oneof(common, fc.constantFrom('SO-A', 'so_a', 'a', 'x'.repeat(64), 'khong-co-don-vi'));
    case 'n':
      return fc.oneof(common, fc.constantFrom('0', '-1', '1.5', '1e9', '99999999', 'NaN', '999'));
    default:
      return fc.oneof(common, fc.constantFrom('abcdefghijklmnop', 'A'.repeat(300), '../../etc/passwd'));
  }
};

const jsonValue = fc.jsonValue({ maxDepth: 3 });
const malformedJson = fc.oneof(
  fc.constantFrom('{', '{"values":', '[1,2', 'nul', '{"a":1,}', "{'a':1}", '\u0000', '{"values":{}}}'),
  fc.string({ minLength: 1, maxLength: 60 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

function exampleBody(route: Route): unknown {
  if (route.id === 'declareEvidence') {
    return evidenceDeclaration(pdfBytes('fuzz'), { fileName: 'fuzz.pdf' });
  }
  return requestContracts[route.id as keyof typeof requestContracts]?.example(catalog);
}

interface Case {
  token: string | undefined;
  authHeader?: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  wrong: string[];
}

/** A request for `route`; for routes that can write, with at least one thing wrong in it. */
function caseFor(route: Route): fc.Arbitrary<Case> {
  const names = paramsOf(route);
  const allowed =
    route.auth === 'public' ? (['admin'] as const) : (route.auth as readonly (keyof typeof ROLE_TOKEN)[]);
  const otherRoles = (['agency', 'auditor', 'admin'] as const).filter((r) => !allowed.includes(r));
  const example = exampleBody(route);
  const mustBeWrong = writes(route);
  const dims = [
    ...(route.auth === 'public' ? [] : ['token']),
    ...(names.length ? ['path'] : []),
    ...(route.method === 'GET' ? [] : ['body', 'contentType', 'idempotencyKey']),
  ];
  return fc
    .record({
      wrong: mustBeWrong
        ? fc.subarray(dims, { minLength: 1 })
        : fc.oneof(fc.constant([] as string[]), fc.subarray(dims)),
      validRole: fc.constantFrom(...allowed),
      badToken: fc.oneof(
        fc
          .constantFrom(...BAD_TOKENS)
          .map((t) => ({ token: tokens[t], auth: undefined as string | undefined })),
        ...(otherRoles.length
          ? [fc.constantFrom(...otherRoles).map((r) => ({ token: tokens[ROLE_TOKEN[r]], auth: undefined }))]
          : []),
        fc.constantFrom('', 'Bearer', 'Bearer  ', 'Basic YWRtaW46YWRtaW4=', 'bearer x.y.z').map((auth) => ({
          token: undefined,
          auth,
        })),
        fc.constant({ token: undefined, auth: undefined }),
      ),
      otherAgency: fc.boolean(),
      params: fc.record(Object.fromEntries(names.map((n) => [n, fc.tuple(validParam(n), invalidParam(n))]))),
      wrongParam: fc.constantFrom(...(names.length ? names : ['none'])),
      query: fc.dictionary(
        fc.constantFrom('limit', 'cursor', 'status', 'unit', 'year', 'lang', 'x'),
        fc.oneof(fc.string({ maxLength: 20 }), fc.integer().map(String)),
        { maxKeys: 3 },
      ),
      badBody: fc.oneof(
        malformedJson.map((raw) => ({ raw, type: 'application/json' })),
        fc
          .record({ k: fc.string({ minLength: 1, maxLength: 12 }), v: jsonValue })
          .filter(({ k }) => k !== '__proto__')
          .map(({ k, v }) => ({
            // Every body schema is strict, so an unknown key always makes the body invalid; bodiless routes
            // get malformed JSON instead (below).
            raw: JSON.stringify({ ...(example as object), [`zz${k}`]: v }),
            type: 'application/json',
          })),
        fc.constant({ raw: `{"pad":"${'x'.repeat(300 * 1024)}"}`, type: 'application/json' }),
      ),
      goodBody: fc.oneof(
        fc.constant(example === undefined ? undefined : JSON.stringify(example)),
        jsonValue.map((v) => (route.method === 'GET' ? JSON.stringify(v) : JSON.stringify(example ?? v))),
      ),
      wrongType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', ''),
      badKey: fc.oneof(
        fc.constantFrom('short', 'has space key', 'ключ-ключ-ключ'.replace(/[^ -~]/g, '?'), 'x'.repeat(129)),
        fc.stringMatching(/^[ -~]{0,7}$/),
      ),
      key: fc.option(fc.uuid(), { nil: undefined }),
      ifMatch: fc.option(fc.constantFrom('"v1"', '"v0"', 'W/"v3"', 'garbage', '*'), { nil: undefined }),
    })
    .map((g): Case => {
      const wrong = new Set(g.wrong);
      const role = g.validRole;
      let token: string | undefined =
        route.auth === 'public'
          ? undefined
          : tokens[role === 'agency' && g.otherAgency && !mustBeWrong ? 'agencyB' : ROLE_TOKEN[role]];
      let authHeader: string | undefined;
      if (wrong.has('token')) {
        token = g.badToken.token;
        authHeader = g.badToken.auth;
      }
      const params: Record<string, string> = {};
      for (const n of names) {
        const [ok, bad] = (g.params as Record<string, [string, string]>)[n]!;
        params[n] = wrong.has('path') && n === g.wrongParam ? bad : ok;
      }
      const headers: Record<string, string> = {};
      let body: string | undefined;
      if (route.method !== 'GET') {
        if (wrong.has('body')) {
          const bodyless = example === undefined;
          body = bodyless && !g.badBody.raw.startsWith('{"pad"') ? '{"broken": ' : g.badBody.raw;
          headers['content-type'] = 'application/json';
        } else if (g.goodBody !== undefined) {
          body = g.goodBody;
          headers['content-type'] = 'application/json';
        }
        if (wrong.has('contentType')) {
          body ??= '{}';
          if (g.wrongType) headers['content-type'] = g.wrongType;
          else delete headers['content-type'];
        }
        if (wrong.has('idempotencyKey')) headers['idempotency-key'] = g.badKey;
        else if (g.key) headers['idempotency-key'] = `fuzz-${g.key}`;
        if (g.ifMatch) headers['if-match'] = g.ifMatch;
      } else if (g.goodBody !== undefined && wrong.size) {
        body = g.goodBody;
        headers['content-type'] = 'application/json';
      }
      return { token, authHeader, params, query: g.query, headers, body, wrong: [...wrong] };
    });
}

/** Path segments sent as they are, not encoded: malformed percent-encoding and dot segments. */
const RAW_SEGMENTS = ['%zz', '%E0%A4%A', '%', '%00', '%2e%2e', '..%2f..', '%c0%af', '%ff%fe'];

async function send(route: Route, c: Case): Promise<number> {
  const path = route.path.replace(/\{(\w+)\}/g, (_, n: string) => {
    const v = c.params[n] ?? '';
    return v.startsWith('raw:') ? v.slice(4) : encodeURIComponent(v);
  });
  const qs = new URLSearchParams(c.query).toString();
  const headers: Record<string, string> = { ...c.headers };
  if (c.authHeader !== undefined) headers.authorization = c.authHeader;
  else if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
  const res = await fetch(`${api.url}${path}${qs ? `?${qs}` : ''}`, {
    method: route.method,
    headers,
    ...(c.body !== undefined && route.method !== 'GET' ? { body: c.body } : {}),
  });
  await res.arrayBuffer();
  return res.status;
}

describe('fuzzing every route of the route table', () => {
  it.each((routes as readonly Route[]).map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s — 1,000 generated requests, no 5xx, refused writes leave the table as it was',
    async (_name, route) => {
      const cases = fc.sample(caseFor(route), { numRuns: CASES, seed: SEED + route.id.length });
      const before = await snapshotTable(api.tableName);
      const statuses = new Map<number, number>();
      const failures: string[] = [];
      for (let i = 0; i < cases.length; i += PARALLEL) {
        await Promise.all(
          cases.slice(i, i + PARALLEL).map(async (c) => {
            const status = await send(route, c);
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            const bad = status >= 500 || (writes(route) && (status < 400 || status >= 500));
            if (bad && failures.length < 5) failures.push(`${status} ${JSON.stringify(c).slice(0, 600)}`);
          }),
        );
      }
      expect(failures, `seed ${SEED}; statuses ${JSON.stringify([...statuses])}`).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(CASES);
      const after = await snapshotTable(api.tableName);
      expect(
        after === before,
        `${route.id} changed the table; statuses ${JSON.stringify([...statuses])}`,
      ).toBe(true);
    },
  );
});

import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { AUDIT_METRICS, chainEntry, GENESIS_HASH, type AuditEntryInput } from '#shared/domain/auditChain';
import { entities, keys, type StoredAuditEntry } from '#shared/model';
import { startTestApi, type TestApi } from './harness.ts';
import { admin, agencyA, auditor, openPeriod, units, YEAR } from './fixtures.ts';

let api: TestApi;
let doc: DynamoDBDocumentClient;
beforeAll(async () => {
  api = await startTestApi({ units });
  await openPeriod(api);
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
});
afterAll(() => api.stop());
afterEach(() => vi.restoreAllMocks());

const input = (
  year: number,
  unitId: string,
  i: number,
  over: Partial<AuditEntryInput> = {},
): AuditEntryInput => ({
  year,
  at: new Date(Date.UTC(year, 2, 1) + i * 1000).toISOString(),
  actor: { sub: i % 3 ? 'auditor-1' : 'agency-a', role: i % 3 ? 'auditor' : 'agency' },
  action: i % 2 ? 'evidence.download' : 'review.verify',
  unitId,
  object: `evidence/${year}/${unitId}/ev-${i}`,
  sourceIp: '203.0.113.7',
  forwardedFor: '198.51.100.1, 203.0.113.7',
  details: { version: i },
  ...over,
});

/** A whole chain built in memory, as the store would have appended it. */
function buildChain(inputs: readonly AuditEntryInput[], chain: string): StoredAuditEntry[] {
  const out: StoredAuditEntry[] = [];
  let prev = GENESIS_HASH;
  inputs.forEach((e, i) => {
    const entry = chainEntry({ ...e, chain }, i + 1, prev) as StoredAuditEntry;
    out.push(entry);
    prev = entry.hash;
  });
  return out;
}

async function writeChain(year: number, chain: string, entries: readonly StoredAuditEntry[]): Promise<void> {
  const items = entries.map((e) => entities.auditEntry.encode(e));
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 8) {
    await Promise.all(
      batches.slice(i, i + 8).map((batch) =>
        doc.send(
          new BatchWriteCommand({
            RequestItems: { [api.tableName]: batch.map((Item) => ({ PutRequest: { Item } })) },
          }),
        ),
      ),
    );
  }
  await setHead(year, chain, entries[entries.length - 1]!);
}

const setHead = (year: number, chain: string, last: StoredAuditEntry) =>
  doc.send(
    new PutCommand({
      TableName: api.tableName,
      Item: entities.auditHead.encode({ year, chain, seq: last.seq, hash: last.hash }),
    }),
  );

/** The metric lines (CloudWatch embedded metric format) a call prints, parsed. */
async function metricsOf(run: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('"_aws"')) lines.push(...text.split('\n').filter(Boolean));
    else return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    return true;
  }) as typeof process.stdout.write);
  await run();
  vi.restoreAllMocks();
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}
const failures = (metrics: Record<string, unknown>[]) =>
  metrics.reduce((n, m) => n + (Number(m[AUDIT_METRICS.verificationFailed]) || 0), 0);

describe('GET /audit: a year of 10,000 entries, a page at a time', () => {
  const year = 2024;
  const unitIds = ['so-a', 'so-b', 'huyen-c', 'xa-d'];
  const perChain = 500;
  const lanes = 5;
  const all: StoredAuditEntry[] = [];

  beforeAll(async () => {
    let n = 0;
    for (const unitId of unitIds) {
      for (let lane = 0; lane < lanes; lane++) {
        const chain = `${unitId}#evidence#${lane}`;
        const entries = buildChain(
          Array.from({ length: perChain }, () => input(year, unitId, n++)),
          chain,
        );
        all.push(...entries);
        await writeChain(year, chain, entries);
      }
    }
  }, 300_000);

  it('pages through every entry once, in time order, each page under 1 MB and at most 500 entries', async () => {
    expect(all).toHaveLength(10_000);
    const seen: { chain: string; seq: number; at: string }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.call(
        admin,
        'GET',
        `/audit?year=${year}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      expect(Buffer.byteLength(JSON.stringify(res.json))).toBeLessThan(1024 * 1024);
      expect(res.json.entries.length).toBeLessThanOrEqual(500);
      seen.push(...res.json.entries);
      cursor = res.json.next;
      pages += 1;
    } while (cursor && pages < 100);
    expect(seen).toHaveLength(10_000);
    expect(new Set(seen.map((e) => `${e.chain}/${e.seq}`)).size).toBe(10_000);
    const ats = seen.map((e) => e.at);
    expect([...ats].sort()).toEqual(ats);
    // 20 full pages; DynamoDB may hand out one more cursor after a page that ended exactly at the last entry.
    expect(pages).toBeGreaterThanOrEqual(20);
    expect(pages).toBeLessThanOrEqual(21);
  });

  it('filters by unit, action, actor and time, and refuses a limit over 500 or a forged cursor', async () => {
    const count = async (query: string) => {
      let total = 0;
      let cursor: string | undefined;
      do {
        const res = await api.call(
          admin,
          'GET',
          `/audit?year=${year}&limit=500&${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.status).toBe(200);
        total += res.json.entries.length;
        cursor = res.json.next;
      } while (cursor);
      return total;
    };
    expect(await count('unit=xa-d')).toBe(all.filter((e) => e.unitId === 'xa-d').length);
    expect(await count('action=review.verify')).toBe(all.filter((e) => e.action === 'review.verify').length);
    expect(await count('actor=agency-a')).toBe(all.filter((e) => e.actor.sub === 'agency-a').length);
    const from = all[1000]!.at;
    const to = all[1999]!.at;
    expect(await count(`unit=so-a&from=${from}&to=${to}`)).toBe(
      all.filter((e) => e.unitId === 'so-a' && e.at >= from && e.at <= to).length,
    );
    // A range that ends before it begins, or a bound alone, reads as asked.
    expect(await count(`from=${to}&to=${from}`)).toBe(0);
    expect(await count(`unit=so-a&to=${to}`)).toBe(
      all.filter((e) => e.unitId === 'so-a' && e.at <= to).length,
    );
    expect((await api.call(admin, 'GET', `/audit?year=${year}&limit=501`)).status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ pk: { S: 'x' } })).toString('base64url');
    const bad = await api.call(admin, 'GET', `/audit?year=${year}&cursor=${forged}`);
    expect(bad.status).toBe(400);
    expect(bad.json.error.issues[0].path).toBe('query.cursor');
    // The action filter is one of the actions the log records: an underscore in one is fine, another name is 400.
    expect(
      (await api.call(admin, 'GET', `/audit?year=${year}&action=review.publish_preliminary`)).status,
    ).toBe(200);
    const unknown = await api.call(admin, 'GET', `/audit?year=${year}&action=review.acceptt`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.issues[0].path).toBe('query.action');
  });
});

describe('tampering, detected against the anchors', () => {
  const year = 2023;
  const unitId = 'so-b';
  const chain = `${unitId}#review#0`;
  let original: StoredAuditEntry[];
  const verify = () => api.call(admin, 'GET', `/audit/verification?year=${year}&unit=${unitId}`);
  const chainCheck = (json: { chains: { chain: string }[] }) => json.chains.find((c) => c.chain === chain);
  const anchor = async () => {
    const { handler } = (await import('../../functions/anchorAudit.ts')) as {
      handler: (e: unknown) => Promise<{ failed: number; broken: Record<string, number> }[]>;
    };
    return (await handler({ year, reason: 'manual' }))[0]!;
  };
  const restore = async () => {
    await writeChain(year, chain, original);
  };

  beforeAll(async () => {
    original = buildChain(
      Array.from({ length: 8 }, (_, i) => input(year, unitId, i)),
      chain,
    );
    await writeChain(year, chain, original);
    const first = await anchor();
    expect(first.failed).toBe(0);
  });

  it('an intact chain verifies against its anchor, and the check emits no failure', async () => {
    let res: Awaited<ReturnType<typeof verify>> | undefined;
    const metrics = await metricsOf(async () => (res = await verify()));
    expect(res!.status).toBe(200);
    expect(res!.json).toMatchObject({ verified: true, anchor: { reason: 'manual' } });
    expect(chainCheck(res!.json)).toMatchObject({ verified: true, anchoredSeq: 8, count: 8 });
    expect(failures(metrics)).toBe(0);
    expect(metrics.some((m) => m[AUDIT_METRICS.chainsChecked] !== undefined)).toBe(true);
  });

  it('an edited entry is detected, and raises the metric', async () => {
    await doc.send(
      new UpdateCommand({
        TableName: api.tableName,
        Key: keys.auditEntry(year, chain, 3),
        UpdateExpression: 'SET sourceIp = :ip',
        ExpressionAttributeValues: { ':ip': '10.9.9.9' },
      }),
    );
    let res: Awaited<ReturnType<typeof verify>> | undefined;
    const metrics = await metricsOf(async () => (res = await verify()));
    expect(res!.json.verified).toBe(false);
    expect(chainCheck(res!.json)).toMatchObject({ verified: false, brokenAt: 3, problem: 'link' });
    expect(failures(metrics)).toBeGreaterThanOrEqual(1);
    await restore();
  });

  it('a rewrite with every later hash and the head recomputed is detected against the anchor', async () => {
    const rewritten = buildChain(
      original.map(({ seq: _s, prevHash: _p, hash: _h, chain: _c, ...e }, i) =>
        i === 2 ? { ...e, actor: { sub: 'someone-else', role: 'auditor' } } : e,
      ),
      chain,
    );
    await writeChain(year, chain, rewritten);
    let res: Awaited<ReturnType<typeof verify>> | undefined;
    const metrics = await metricsOf(async () => (res = await verify()));
    expect(res!.json.verified).toBe(false);
    expect(chainCheck(res!.json)).toMatchObject({ verified: false, brokenAt: 8, problem: 'anchor' });
    expect(failures(metrics)).toBeGreaterThanOrEqual(1);
    // The anchoring job finds it too, and does not anchor the forgery.
    const job = await metricsOf(async () => expect((await anchor()).broken).toHaveProperty([chain]));
    expect(failures(job)).toBeGreaterThanOrEqual(1);
    await restore();
    expect((await verify()).json.verified).toBe(true);
  });

  it('deleting the newest entries and moving the head back is detected as a truncation', async () => {
    for (const seq of [7, 8]) {
      await doc.send(new DeleteCommand({ TableName: api.tableName, Key: keys.auditEntry(year, chain, seq) }));
    }
    await setHead(year, chain, original[5]!);
    let res: Awaited<ReturnType<typeof verify>> | undefined;
    const metrics = await metricsOf(async () => (res = await verify()));
    expect(res!.json.verified).toBe(false);
    expect(chainCheck(res!.json)).toMatchObject({
      verified: false,
      brokenAt: 7,
      problem: 'truncated',
      count: 6,
    });
    expect(failures(metrics)).toBeGreaterThanOrEqual(1);
    await restore();
  });

  it('an anchor written by anyone but the anchoring job (no valid MAC) is not trusted', async () => {
    const s3 = new S3Client({
      endpoint: inject('s3Endpoint'),
      forcePathStyle: true,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.ANCHORS_BUCKET,
        Key: `anchors/${year}/9999-12-31T00:00:00.000Z.json`,
        Body: JSON.stringify({ year, at: '9999', reason: 'daily', chains: {}, mac: 'a'.repeat(64) }),
      }),
    );
    const res = await verify();
    expect(res.json).toMatchObject({ verified: false, forgedAnchor: true });
  });
});

describe('every admin action is on the log, with its actor', () => {
  const find = async (query: string) =>
    (await api.call(admin, 'GET', `/audit?year=${YEAR}&limit=500&${query}`)).json
      .entries as StoredAuditEntry[];

  it('a period change, each lock exception, a units edit, a reorganization and a rollup start', async () => {
    const until = new Date(Date.now() + 40 * 86_400_000).toISOString();
    await openPeriod(api, 30, [{ unitId: 'so-a', until, reason: 'Mất điện kéo dài' }]);
    const period = await find('action=period.set');
    expect(period.at(-1)).toMatchObject({ unitId: '*', actor: { sub: 'admin-1', role: 'admin' } });
    expect(period.at(-1)!.details).toMatchObject({ lockExceptions: 1, changes: 1 });
    const exception = await find('action=period.lockException&unit=so-a');
    expect(exception.at(-1)).toMatchObject({
      actor: { sub: 'admin-1' },
      details: { change: 'granted', until, reason: 'Mất điện kéo dài' },
    });

    const renamed = { ...units[4]!, name: { vi: 'Xã D (mới)', en: 'Commune D (new)' } };
    const put = await api.call(admin, 'PUT', '/units', { body: { units: [renamed] } });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    const edits = await api.call(admin, 'GET', `/audit?year=${year}&action=units.put`);
    expect(edits.json.entries.at(-1)).toMatchObject({
      unitId: '*',
      actor: { sub: 'admin-1', role: 'admin' },
      details: { count: 1, unitIds: ['xa-d'] },
    });

    const reorganized = await api.call(admin, 'POST', '/units/reorganizations', {
      body: {
        date: '2099-01-01',
        document: 'Nghị quyết thử nghiệm',
        changes: [{ kind: 'retire', unitId: 'xa-d' }],
      },
    });
    expect(reorganized.status, JSON.stringify(reorganized.json)).toBe(201);
    const reorganizations = await api.call(admin, 'GET', `/audit?year=${year}&action=units.reorganize`);
    expect(reorganizations.json.entries.at(-1)).toMatchObject({
      unitId: '*',
      actor: { sub: 'admin-1', role: 'admin' },
      details: {
        date: '2099-01-01',
        document: 'Nghị quyết thử nghiệm',
        kinds: ['retire'],
        unitIds: ['xa-d'],
        version: reorganized.json.version,
      },
    });

    const started = await api.call(admin, 'POST', `/rollups/${YEAR}`);
    expect(started.status).toBe(202);
    const rollups = await find('action=rollup.start');
    expect(rollups.at(-1)).toMatchObject({
      unitId: '*',
      actor: { sub: 'admin-1', role: 'admin' },
      details: { runId: started.json.runId },
    });
    // The agency's own actions are not admin actions, and it cannot read the log.
    expect((await api.call(agencyA, 'GET', `/audit?year=${YEAR}`)).status).toBe(403);
    expect((await api.call(auditor, 'GET', `/audit?year=${YEAR}&action=rollup.start`)).status).toBe(403);
  });
});

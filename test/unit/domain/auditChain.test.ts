import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainEntry,
  entryHash,
  GENESIS_HASH,
  verifyAnchored,
  verifyChain,
  anchorDigest,
  type AuditEntry,
  type AuditEntryInput,
} from '#shared/domain/auditChain';

function buildChain(inputs: readonly AuditEntryInput[]): AuditEntry[] {
  const out: AuditEntry[] = [];
  let prev = GENESIS_HASH;
  inputs.forEach((input, i) => {
    const e = chainEntry(input, i + 1, prev);
    out.push(e);
    prev = e.hash;
  });
  return out;
}
const headOf = (chain: readonly AuditEntry[]) => {
  const last = chain[chain.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH };
};

const input = (i: number, patch: Partial<AuditEntryInput> = {}): AuditEntryInput => ({
  year: 2025,
  at: new Date(Date.UTC(2026, 1, 1, 8, i)).toISOString(),
  actor: { sub: `auditor-${i % 2}`, role: 'auditor' },
  action: i % 2 ? 'report.return' : 'evidence.download',
  unitId: `hn-unit-${i}`,
  object: `evidence/2025/hn-unit-${i}/ev${i}`,
  evidenceId: `ev${i}`,
  sourceIp: `10.0.0.${i}`,
  details: { version: i + 1, status: 'returned', nested: { list: [i, 'x'], flag: true } },
  ...patch,
});

const CHAIN = buildChain(Array.from({ length: 5 }, (_, i) => input(i)));

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    const a = { b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } };
    const b = { a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('keeps array order, since order there is content', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });

  it('drops undefined properties, like JSON does', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes primitives as JSON', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson('Sở Thông tin "và" Truyền thông')).toBe(
      JSON.stringify('Sở Thông tin "và" Truyền thông'),
    );
    expect(canonicalJson(1.5)).toBe('1.5');
    expect(canonicalJson(false)).toBe('false');
  });

  it('distinguishes values JSON distinguishes', () => {
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: null })).not.toBe(canonicalJson({}));
    expect(canonicalJson({ 'a,b': 1 })).not.toBe(canonicalJson({ a: 1, b: 1 }));
  });

  function shuffleKeys(value: unknown, seed: number): unknown {
    if (Array.isArray(value)) return value.map((v, i) => shuffleKeys(v, seed + i));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const rotated = entries.map((_, i) => entries[(i + seed) % entries.length]!).reverse();
    return Object.fromEntries(rotated.map(([k, v]) => [k, shuffleKeys(v, seed + 1)]));
  }

  it('property: any key order gives the same text, which parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (value, seed) => {
        const text = canonicalJson(value);
        expect(canonicalJson(shuffleKeys(value, seed))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});

describe('chainEntry and verifyChain', () => {
  it('links each entry to the previous hash, starting from the genesis hash', () => {
    expect(CHAIN[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < CHAIN.length; i++) expect(CHAIN[i]?.prevHash).toBe(CHAIN[i - 1]?.hash);
    expect(CHAIN.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    for (const e of CHAIN) expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the hash does not depend on key order in the input', () => {
    const reordered = JSON.parse(JSON.stringify(input(1))) as Record<string, unknown>;
    const backwards = Object.fromEntries(Object.entries(reordered).reverse()) as unknown as AuditEntryInput;
    expect(entryHash(backwards, 2, CHAIN[0]!.hash)).toBe(CHAIN[1]?.hash);
  });

  it('a valid chain verifies, with and without its head', () => {
    expect(verifyChain(CHAIN)).toEqual({ verified: true, count: 5 });
    expect(verifyChain(CHAIN, headOf(CHAIN))).toEqual({ verified: true, count: 5 });
  });

  it('an empty log verifies against an empty head', () => {
    expect(verifyChain([])).toEqual({ verified: true, count: 0 });
    expect(verifyChain([], { seq: 0, hash: GENESIS_HASH })).toEqual({ verified: true, count: 0 });
  });

  // Every field an attacker could change, with a change to it.
  const edits: Record<string, (e: AuditEntry) => AuditEntry> = {
    year: (e) => ({ ...e, year: e.year + 1 }),
    at: (e) => ({ ...e, at: '2030-01-01T00:00:00.000Z' }),
    'actor.sub': (e) => ({ ...e, actor: { ...e.actor, sub: 'someone-else' } }),
    'actor.role': (e) => ({ ...e, actor: { ...e.actor, role: 'admin' } }),
    action: (e) => ({ ...e, action: 'report.accept' }),
    unitId: (e) => ({ ...e, unitId: 'dn-other' }),
    object: (e) => ({ ...e, object: 'evidence/2025/dn-other/x' }),
    'object removed': ({ object: _o, ...e }) => e,
    evidenceId: (e) => ({ ...e, evidenceId: 'other' }),
    sourceIp: (e) => ({ ...e, sourceIp: '203.0.113.9' }),
    'details.status': (e) => ({ ...e, details: { ...e.details, status: 'accepted' } }),
    'details nested': (e) => ({ ...e, details: { ...e.details, nested: { list: ['x'], flag: true } } }),
    'details removed': ({ details: _d, ...e }) => e,
    'extra field added': (e) => ({ ...e, note: 'x' }) as AuditEntry,
    seq: (e) => ({ ...e, seq: e.seq + 1 }),
    prevHash: (e) => ({ ...e, prevHash: 'f'.repeat(64) }),
    hash: (e) => ({ ...e, hash: 'f'.repeat(64) }),
  };
  const cases = Object.keys(edits).flatMap((field) => CHAIN.map((_, index) => ({ field, index })));

  it.each(cases)('editing $field of entry $index breaks the chain at that entry', ({ field, index }) => {
    const tampered = CHAIN.map((e, i) => (i === index ? edits[field]!(e) : e));
    expect(verifyChain(tampered, headOf(CHAIN))).toEqual({ verified: false, brokenAt: index + 1, count: 5 });
    expect(verifyChain(tampered)).toMatchObject({ verified: false, brokenAt: index + 1 });
  });

  it('an edited entry whose own hash is recomputed still breaks the link after it', () => {
    const edited = chainEntry({ ...input(2), unitId: 'dn-other' }, 3, CHAIN[1]!.hash);
    const tampered = CHAIN.map((e, i) => (i === 2 ? edited : e));
    expect(verifyChain(tampered)).toEqual({ verified: false, brokenAt: 4, count: 5 });
  });

  it('a self-consistent chain that does not start at sequence 1 is broken at its first entry', () => {
    // Each entry hashes correctly over its own seq, but the numbering skips the log's start.
    const first = chainEntry(input(0), 2, GENESIS_HASH);
    const second = chainEntry(input(1), 3, first.hash);
    expect(verifyChain([first, second])).toEqual({ verified: false, brokenAt: 1, count: 2 });
  });

  it.each([0, 1, 2, 3])('removing entry %i breaks the chain where it was', (index) => {
    const removed = CHAIN.filter((_, i) => i !== index);
    expect(verifyChain(removed, headOf(CHAIN))).toEqual({ verified: false, brokenAt: index + 1, count: 4 });
  });

  it('removing the last entry is caught by the head, at the missing sequence number', () => {
    const removed = CHAIN.slice(0, -1);
    expect(verifyChain(removed, headOf(CHAIN))).toEqual({ verified: false, brokenAt: 5, count: 4 });
    expect(verifyChain([], headOf(CHAIN))).toEqual({ verified: false, brokenAt: 1, count: 0 });
  });

  it.each([0, 1, 2, 3])('swapping entries %i and the next breaks the chain at the first of them', (index) => {
    const swapped = [...CHAIN];
    [swapped[index], swapped[index + 1]] = [swapped[index + 1]!, swapped[index]!];
    expect(verifyChain(swapped, headOf(CHAIN))).toMatchObject({ verified: false, brokenAt: index + 1 });
  });

  it('a head behind the entries breaks the chain at the first entry past the head', () => {
    expect(verifyChain(CHAIN, headOf(CHAIN.slice(0, 3)))).toEqual({ verified: false, brokenAt: 4, count: 5 });
  });

  it('a head whose hash disagrees with the last entry does not verify', () => {
    expect(verifyChain(CHAIN, { seq: 5, hash: 'a'.repeat(64) }).verified).toBe(false);
    // The last entry rewritten and re-hashed consistently: only the head can tell.
    const rewritten = [...CHAIN.slice(0, 4), chainEntry({ ...input(4), action: 'x' }, 5, CHAIN[3]!.hash)];
    expect(verifyChain(rewritten).verified).toBe(true);
    expect(verifyChain(rewritten, headOf(CHAIN)).verified).toBe(false);
  });

  const entryInput: fc.Arbitrary<AuditEntryInput> = fc.record(
    {
      year: fc.integer({ min: 2000, max: 2100 }),
      at: fc
        .date({ min: new Date('2000-01-01Z'), max: new Date('2100-01-01Z'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      actor: fc.record({
        sub: fc.string({ minLength: 1 }),
        role: fc.constantFrom('agency', 'auditor', 'admin'),
      }),
      action: fc.string({ minLength: 1 }),
      unitId: fc.string({ minLength: 1 }),
      object: fc.string(),
      evidenceId: fc.string(),
      sourceIp: fc.ipV4(),
      details: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 }),
    },
    { requiredKeys: ['year', 'at', 'actor', 'action', 'unitId', 'sourceIp'] },
  );

  const fieldEdit = fc.oneof(
    fc.record({ key: fc.constant('year' as const), value: fc.integer() }),
    fc.record({
      key: fc.constantFrom('at', 'action', 'unitId', 'object', 'evidenceId', 'sourceIp', 'prevHash', 'hash'),
      value: fc.string(),
    }),
    fc.record({
      key: fc.constant('actor' as const),
      value: fc.record({ sub: fc.string(), role: fc.string() }),
    }),
    fc.record({ key: fc.constant('details' as const), value: fc.dictionary(fc.string(), fc.jsonValue()) }),
    fc.record({ key: fc.constant('seq' as const), value: fc.integer() }),
  );

  it('property: any single-field edit of any entry of a random chain is reported broken', () => {
    fc.assert(
      fc.property(
        fc.array(entryInput, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fieldEdit,
        fc.boolean(),
        (inputs, pick, edit, withHead) => {
          const chain = buildChain(inputs);
          const index = pick % chain.length;
          const original = chain[index]!;
          const before = (original as unknown as Record<string, unknown>)[edit.key];
          fc.pre(canonicalJson(before) !== canonicalJson(edit.value));
          const tampered = chain.map((e, i) =>
            i === index ? ({ ...e, [edit.key]: edit.value } as AuditEntry) : e,
          );
          const result = verifyChain(tampered, withHead ? headOf(chain) : undefined);
          expect(result.verified).toBe(false);
          expect(result.brokenAt).toBe(index + 1);
        },
      ),
    );
  });
});

describe('a head that disagrees with the last entry', () => {
  it('breaks at the last entry, never past the end', () => {
    const chain = buildChain([input(0), input(1)]);
    const check = verifyChain(chain, { seq: 2, hash: 'f'.repeat(64) });
    expect(check).toEqual({ verified: false, brokenAt: 2, count: 2 });
  });
});

describe('verifyAnchored: a chain against the head an anchor vouches for', () => {
  const anchoredAt = (n: number) => ({ seq: n, hash: CHAIN[n - 1]!.hash });

  it('an intact chain verifies against an anchor of any of its heads, and with no anchor yet', () => {
    for (const n of [1, 3, 5]) {
      expect(verifyAnchored('c', CHAIN, headOf(CHAIN), anchoredAt(n))).toMatchObject({
        verified: true,
        anchoredSeq: n,
      });
    }
    expect(verifyAnchored('c', CHAIN, headOf(CHAIN), undefined)).toMatchObject({
      verified: true,
      anchoredSeq: 0,
    });
  });

  it('an edit is a broken link, whatever the anchor', () => {
    const tampered = CHAIN.map((e, i) => (i === 1 ? { ...e, sourceIp: '10.9.9.9' } : e));
    expect(verifyAnchored('c', tampered, headOf(CHAIN), anchoredAt(5))).toMatchObject({
      verified: false,
      brokenAt: 2,
      problem: 'link',
    });
  });

  it('a rewrite that recomputes every later hash and the head verifies on its own, but not against the anchor', () => {
    const rewritten = buildChain(CHAIN.map((e, i) => input(i, i === 1 ? { action: 'report.accept' } : {})));
    expect(verifyChain(rewritten, headOf(rewritten)).verified).toBe(true);
    expect(verifyAnchored('c', rewritten, headOf(rewritten), anchoredAt(4))).toMatchObject({
      verified: false,
      brokenAt: 4,
      problem: 'anchor',
    });
  });

  it('deleting the newest entries and moving the head back is a truncation below the anchor', () => {
    const cut = CHAIN.slice(0, 3);
    expect(verifyChain(cut, headOf(cut)).verified).toBe(true);
    expect(verifyAnchored('c', cut, headOf(cut), anchoredAt(5))).toMatchObject({
      verified: false,
      brokenAt: 4,
      problem: 'truncated',
    });
    expect(verifyAnchored('c', [], undefined, anchoredAt(2))).toMatchObject({
      verified: false,
      problem: 'truncated',
    });
  });

  it('entries appended after the anchor are checked by their links alone', () => {
    expect(verifyAnchored('c', CHAIN, headOf(CHAIN), anchoredAt(2)).verified).toBe(true);
    const tail = CHAIN.map((e, i) => (i === 4 ? { ...e, action: 'x' } : e));
    expect(verifyAnchored('c', tail, headOf(CHAIN), anchoredAt(2))).toMatchObject({
      verified: false,
      brokenAt: 5,
    });
  });
});

describe('anchorDigest', () => {
  const body = {
    year: 2025,
    at: '2026-02-01T00:00:00.000Z',
    reason: 'daily' as const,
    chains: { a: { seq: 1, hash: 'f'.repeat(64) } },
  };
  it('does not depend on key order, and changes with any head', () => {
    expect(anchorDigest({ chains: body.chains, reason: 'daily', at: body.at, year: 2025 })).toBe(
      anchorDigest(body),
    );
    expect(anchorDigest({ ...body, chains: { a: { seq: 2, hash: 'f'.repeat(64) } } })).not.toBe(
      anchorDigest(body),
    );
    expect(anchorDigest(body)).toMatch(/^[0-9a-f]{64}$/);
  });
});

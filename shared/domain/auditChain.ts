import { createHash } from 'node:crypto';

/**
 * An append-only audit log as many hash chains: each entry's hash covers its content and the previous entry's
 * hash, so removing or editing any entry breaks every link after it. The log is split into chains so that an
 * append never waits for unrelated ones: one chain per year, unit, stream of actions and lane (see
 * AUDIT_STREAMS). A chain alone can be recomputed by whoever can write the table, so its heads are anchored
 * (anchors below): a digest of every head, MACed with a key only the anchoring job may use.
 */
export const AUDIT_STREAMS = {
  /** Verify, return, accept: already one at a time per report, so one lane. */
  review: { lanes: 1 },
  /** Evidence downloads: any number at once, from agencies and auditors alike. */
  evidence: { lanes: 16 },
  /** Periods, lock exceptions, units, targets, rollup starts. */
  admin: { lanes: 4 },
} as const;
export type AuditStream = keyof typeof AUDIT_STREAMS;

/** The metrics a verification emits, and the alarm watches (infra/constructs/alerts.ts). */
export const AUDIT_METRICS = {
  namespace: 'BaoCaoCntt',
  /** Powertools' `service` dimension. */
  service: 'audit',
  verificationFailed: 'AuditVerificationFailed',
  chainsChecked: 'AuditChainsChecked',
} as const;

/** The stated bound on X-Forwarded-For as stored: a chain of a few proxies fits; 4 KB of padding does not. */
export const MAX_FORWARDED_FOR = 256;

/** The chain an entry belongs to, within its year: `unit#stream#lane`. */
export const chainIdOf = (unitId: string, stream: AuditStream, lane: number): string =>
  `${unitId}#${stream}#${lane}`;
export const unitOfChain = (chain: string): string => chain.split('#')[0] as string;

export interface AuditEntryInput {
  /** The chain it is appended to (chainIdOf); set by the store when it appends, covered by the hash. */
  readonly chain?: string;
  readonly year: number;
  readonly at: string;
  readonly actor: { readonly sub: string; readonly role: string };
  readonly action: string;
  readonly unitId: string;
  readonly object?: string;
  readonly evidenceId?: string;
  readonly sourceIp: string;
  readonly forwardedFor?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export interface AuditEntry extends AuditEntryInput {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(input: AuditEntryInput, seq: number, prevHash: string): string {
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ ...input, seq }))
    .digest('hex');
}

export function chainEntry(input: AuditEntryInput, seq: number, prevHash: string): AuditEntry {
  return { ...input, seq, prevHash, hash: entryHash(input, seq, prevHash) };
}

export interface ChainCheck {
  readonly verified: boolean;
  /** The first sequence number where the chain breaks. */
  readonly brokenAt?: number;
  readonly count: number;
}

/** Walks the chain in order; `head` is what the log says its last entry is. */
export function verifyChain(
  entries: readonly AuditEntry[],
  head?: { seq: number; hash: string },
): ChainCheck {
  let prev = GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as AuditEntry;
    const { seq, prevHash, hash, ...input } = e;
    if (seq !== i + 1 || prevHash !== prev || entryHash(input, seq, prevHash) !== hash) {
      return { verified: false, brokenAt: i + 1, count: entries.length };
    }
    prev = hash;
  }
  if (head && head.seq !== entries.length) {
    // Entries are missing after the last one present: the chain breaks just after it.
    return { verified: false, brokenAt: Math.min(head.seq, entries.length) + 1, count: entries.length };
  }
  if (head && entries.length > 0 && head.hash !== prev) {
    // The last entry was rewritten (and re-hashed) after the head recorded it.
    return { verified: false, brokenAt: entries.length, count: entries.length };
  }
  return { verified: true, count: entries.length };
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** A digest of a year's chain heads at one moment, bound to the anchor before it. */
export interface AnchorBody {
  readonly year: number;
  readonly at: string;
  readonly reason: 'daily' | 'rollup' | 'manual';
  /** The MAC of the year's previous anchor; none for the first. */
  readonly previous?: string;
  readonly chains: Readonly<Record<string, ChainHead>>;
  /** Chains that did not verify when this anchor was made, with where they broke; their heads are not anchored. */
  readonly broken?: Readonly<Record<string, number>>;
}

export interface Anchor extends AnchorBody {
  /** HMAC-SHA-256 (KMS) over anchorDigest(body), hex. */
  readonly mac: string;
}

/** What is MACed: the SHA-256 of the canonical body (KMS takes at most 4 KB). */
export const anchorDigest = (body: AnchorBody): string =>
  createHash('sha256').update(canonicalJson(body)).digest('hex');

export type ChainProblem = 'link' | 'head' | 'anchor' | 'truncated';

export interface AnchoredCheck extends ChainCheck {
  readonly chain: string;
  /** The sequence number the anchor vouches for; 0 when the chain is newer than the anchor. */
  readonly anchoredSeq: number;
  readonly problem?: ChainProblem;
}

/**
 * A chain checked link by link from its start and against its anchored head: a rewrite that recomputed every
 * later hash and the head changes the hash at the anchored sequence number, and a truncation leaves the chain
 * shorter than the anchor says it was.
 */
export function verifyAnchored(
  chain: string,
  entries: readonly AuditEntry[],
  head: ChainHead | undefined,
  anchored: ChainHead | undefined,
): AnchoredCheck {
  const anchoredSeq = anchored?.seq ?? 0;
  const own = verifyChain(entries, head);
  if (!own.verified) {
    const last = entries.length ? (entries[entries.length - 1] as AuditEntry).seq : 0;
    const problem = head && own.brokenAt !== undefined && own.brokenAt > last ? 'head' : 'link';
    return { ...own, chain, anchoredSeq, problem };
  }
  if (anchored && anchored.seq > entries.length) {
    return {
      verified: false,
      brokenAt: entries.length + 1,
      count: entries.length,
      chain,
      anchoredSeq,
      problem: 'truncated',
    };
  }
  if (anchored && anchored.seq > 0 && entries[anchored.seq - 1]?.hash !== anchored.hash) {
    return {
      verified: false,
      brokenAt: anchored.seq,
      count: entries.length,
      chain,
      anchoredSeq,
      problem: 'anchor',
    };
  }
  return { ...own, chain, anchoredSeq };
}

import { createHash } from 'node:crypto';

/**
 * An append-only audit log as a hash chain: each entry's hash covers its content and the previous entry's
 * hash, so removing or editing any entry breaks every link after it.
 */
export interface AuditEntryInput {
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

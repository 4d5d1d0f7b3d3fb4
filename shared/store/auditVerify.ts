import {
  unitOfChain,
  verifyAnchored,
  type Anchor,
  type AnchoredCheck,
  type ChainHead,
} from '../domain/auditChain.ts';
import { chainHeads, readChain, yearChains } from './audit.ts';
import { ForgedAnchorError, latestAnchor, writeAnchor } from './auditAnchors.ts';

export interface AuditVerification {
  readonly verified: boolean;
  /** The anchor the chains were checked against; null before the year's first anchor. */
  readonly anchor: { readonly at: string; readonly reason: Anchor['reason'] } | null;
  /** The newest anchor did not carry a valid MAC, so nothing could be checked against it. */
  readonly forgedAnchor?: true;
  readonly chains: readonly AnchoredCheck[];
}

async function trustedAnchor(year: number): Promise<{ anchor?: Anchor; forged: boolean }> {
  try {
    const anchor = await latestAnchor(year);
    return { ...(anchor ? { anchor } : {}), forged: false };
  } catch (error) {
    if (error instanceof ForgedAnchorError) return { forged: true };
    throw error;
  }
}

/**
 * A unit's chains of a year, each from its first entry, against the newest anchor. A chain the anchor names
 * whose head has since gone is checked too: deleting a whole chain is a truncation to nothing.
 */
export async function verifyUnitAudit(year: number, unitId: string): Promise<AuditVerification> {
  const { anchor, forged } = await trustedAnchor(year);
  const heads = await chainHeads(year, unitId);
  const ids = new Set([
    ...heads.map((h) => h.chain),
    ...Object.keys(anchor?.chains ?? {}).filter((c) => unitOfChain(c) === unitId),
  ]);
  const chains: AnchoredCheck[] = [];
  for (const chain of [...ids].sort()) {
    const { entries, head } = await readChain(year, chain);
    chains.push(verifyAnchored(chain, entries, head, anchor?.chains[chain]));
  }
  return {
    verified: !forged && chains.every((c) => c.verified),
    anchor: anchor ? { at: anchor.at, reason: anchor.reason } : null,
    ...(forged ? { forgedAnchor: true as const } : {}),
    chains,
  };
}

export interface AnchoringResult {
  readonly at: string;
  readonly checked: number;
  readonly failed: number;
  readonly broken: Readonly<Record<string, number>>;
}

/**
 * Checks every chain of the year against the previous anchor and writes a new anchor of the heads that
 * verified. A broken chain keeps the head the previous anchor gave it, so tampering is never anchored.
 */
export async function anchorYear(
  year: number,
  reason: Anchor['reason'],
  now: Date,
): Promise<AnchoringResult> {
  const { anchor: previous, forged } = await trustedAnchor(year);
  const chains: Record<string, ChainHead> = {};
  const broken: Record<string, number> = {};
  const seen = new Set<string>();
  let checked = 0;
  for await (const { chain, entries, head } of yearChains(year)) {
    seen.add(chain);
    checked += 1;
    const check = verifyAnchored(chain, entries, head, previous?.chains[chain]);
    if (check.verified && head) chains[chain] = { seq: head.seq, hash: head.hash };
    else {
      broken[chain] = check.brokenAt ?? 0;
      const kept = previous?.chains[chain];
      if (kept) chains[chain] = kept;
    }
  }
  for (const [chain, kept] of Object.entries(previous?.chains ?? {})) {
    if (seen.has(chain)) continue;
    checked += 1;
    broken[chain] = 1;
    chains[chain] = kept;
  }
  const at = now.toISOString();
  await writeAnchor({
    year,
    at,
    reason,
    ...(previous ? { previous: previous.mac } : {}),
    chains,
    ...(Object.keys(broken).length ? { broken } : {}),
  });
  const failed = Object.keys(broken).length + (forged ? 1 : 0);
  return { at, checked, failed, broken };
}

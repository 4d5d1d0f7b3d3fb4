import type { Bilingual } from './contract/i18n.ts';

/**
 * The administrative hierarchy is data, not code: any number of levels, any depth. 2014 had
 * province → district → commune; since July 2025 it is province → commune. Both fit.
 */
export const LEVELS = [
  { id: 'province', name: { vi: 'Cấp tỉnh', en: 'Provincial' } },
  { id: 'district', name: { vi: 'Cấp huyện', en: 'District' } },
  { id: 'commune', name: { vi: 'Cấp xã', en: 'Commune' } },
] as const;

export type LevelId = (typeof LEVELS)[number]['id'];
export const LEVEL_IDS = LEVELS.map((l) => l.id) as [LevelId, ...LevelId[]];

export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** A unit of the hierarchy. Its schema (for the units API) is in unitSchema.ts, kept apart so that code which
 * only walks the hierarchy does not carry zod. */
export interface Unit {
  readonly id: string;
  readonly code: string;
  readonly name: Bilingual;
  readonly level: LevelId;
  readonly parentId?: string;
  /** Whether the unit is expected to file a yearly report. */
  readonly reports: boolean;
}

/** The chain of ancestors of a unit, nearest first. A cycle or missing parent ends the chain. */
export function ancestorsOf(unitId: string, byId: ReadonlyMap<string, Unit>): Unit[] {
  const out: Unit[] = [];
  const seen = new Set<string>([unitId]);
  let parentId = byId.get(unitId)?.parentId;
  while (parentId && !seen.has(parentId)) {
    const parent = byId.get(parentId);
    if (!parent) break;
    out.push(parent);
    seen.add(parentId);
    parentId = parent.parentId;
  }
  return out;
}

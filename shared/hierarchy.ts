import { array, boolean, object, string, enum as zEnum, type infer as Infer } from 'zod';

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
const LEVEL_IDS = LEVELS.map((l) => l.id) as [LevelId, ...LevelId[]];

export const UNIT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

export const unitSchema = object({
  id: string().regex(UNIT_ID_PATTERN),
  code: string().min(1).max(32),
  name: object({ vi: string().min(1).max(200), en: string().min(1).max(200) }).strict(),
  level: zEnum(LEVEL_IDS),
  parentId: string().regex(UNIT_ID_PATTERN).optional(),
  /** Whether the unit is expected to file a yearly report. */
  reports: boolean(),
}).strict();

export type Unit = Infer<typeof unitSchema>;
export const unitListSchema = array(unitSchema).min(1).max(5000);

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

import {
  array,
  boolean,
  discriminatedUnion,
  int,
  iso,
  literal,
  object,
  string,
  enum as zEnum,
  type infer as Infer,
} from 'zod';
import {
  CHANGE_KINDS,
  LEVEL_ID_PATTERN,
  MAX_UNITS_PER_EDIT,
  UNIT_ID_PATTERN,
  type Level,
  type Unit,
} from './hierarchy.ts';
import type { NewUnit, Reorganization } from './domain/reorganization.ts';

const name = object({ vi: string().min(1).max(200), en: string().min(1).max(200) }).strict();
const unitId = string().regex(UNIT_ID_PATTERN);
const levelId = string().regex(LEVEL_ID_PATTERN);
const document = string().trim().min(1).max(300);

export const unitSchema = object({
  id: unitId,
  code: string().min(1).max(32),
  name,
  level: levelId,
  parentId: unitId.optional(),
  reports: boolean(),
  validFrom: iso.date(),
  validTo: iso.date().optional(),
  predecessors: array(object({ unitId, change: zEnum(CHANGE_KINDS) }).strict())
    .max(MAX_UNITS_PER_EDIT)
    .optional(),
  establishedBy: document.optional(),
  endedBy: document.optional(),
}).strict();

export const levelSchema = object({
  id: levelId,
  name,
  rank: int().min(0).max(20),
  validFrom: iso.date(),
  validTo: iso.date().optional(),
  establishedBy: document.optional(),
  endedBy: document.optional(),
}).strict();

export const unitListSchema = array(unitSchema).min(1).max(MAX_UNITS_PER_EDIT);
/** The whole list of levels through time, replacing the stored one. */
export const levelListSchema = array(levelSchema).min(1).max(50);

/** A unit a reorganization creates: its dates, predecessors and documents come from the operation. */
const newUnitSchema = unitSchema.pick({
  id: true,
  code: true,
  name: true,
  level: true,
  parentId: true,
  reports: true,
});

export const reorganizationSchema = object({
  date: iso.date(),
  document,
  changes: array(
    discriminatedUnion('kind', [
      object({
        kind: literal('merge'),
        from: array(unitId).min(1).max(MAX_UNITS_PER_EDIT),
        into: newUnitSchema,
      }).strict(),
      object({
        kind: literal('split'),
        from: unitId,
        into: array(newUnitSchema).min(2).max(MAX_UNITS_PER_EDIT),
      }).strict(),
      object({ kind: literal('rename'), from: unitId, into: newUnitSchema }).strict(),
      object({ kind: literal('retire'), unitId }).strict(),
    ]),
  )
    .min(1)
    .max(MAX_UNITS_PER_EDIT),
}).strict();

// The schemas and the interfaces must describe the same things (a parsed request is a domain value).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;
const unitSchemaFitsUnit: Fits<Infer<typeof unitSchema>, Unit> = true;
const unitSchemaHasUnitKeys: Same<keyof Infer<typeof unitSchema>, keyof Unit> = true;
const levelSchemaMatchesLevel: Same<Infer<typeof levelSchema>, Level> = true;
const newUnitSchemaFits: Fits<Infer<typeof newUnitSchema>, NewUnit> = true;
const reorganizationFits: Fits<Infer<typeof reorganizationSchema>, Reorganization> = true;
void [
  unitSchemaFitsUnit,
  unitSchemaHasUnitKeys,
  levelSchemaMatchesLevel,
  newUnitSchemaFits,
  reorganizationFits,
];

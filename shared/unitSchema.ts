import * as z from 'zod/mini';
import {
  CHANGE_KINDS,
  LEVEL_ID_PATTERN,
  MAX_UNITS_PER_EDIT,
  UNIT_ID_PATTERN,
  type Level,
  type Unit,
} from './hierarchy.ts';
import type { NewUnit, Reorganization } from './domain/reorganization.ts';

// zod/mini, as the request bodies are (contract/reportBodies.ts says why).
const name = z.strictObject({
  vi: z.string().check(z.minLength(1), z.maxLength(200)),
  en: z.string().check(z.minLength(1), z.maxLength(200)),
});
const unitId = z.string().check(z.regex(UNIT_ID_PATTERN));
const levelId = z.string().check(z.regex(LEVEL_ID_PATTERN));
const document = z.string().check(z.trim(), z.minLength(1), z.maxLength(300));

const unitShape = {
  id: unitId,
  code: z.string().check(z.minLength(1), z.maxLength(32)),
  name,
  level: levelId,
  parentId: z.optional(unitId),
  reports: z.boolean(),
  contactEmail: z.optional(z.email().check(z.maxLength(254))),
};

export const unitSchema = z.strictObject({
  ...unitShape,
  validFrom: z.iso.date(),
  validTo: z.optional(z.iso.date()),
  predecessors: z.optional(
    z.array(z.strictObject({ unitId, change: z.enum(CHANGE_KINDS) })).check(z.maxLength(MAX_UNITS_PER_EDIT)),
  ),
  establishedBy: z.optional(document),
  endedBy: z.optional(document),
});

export const levelSchema = z.strictObject({
  id: levelId,
  name,
  rank: z.int().check(z.minimum(0), z.maximum(20)),
  validFrom: z.iso.date(),
  validTo: z.optional(z.iso.date()),
  establishedBy: z.optional(document),
  endedBy: z.optional(document),
});

export const unitListSchema = z.array(unitSchema).check(z.minLength(1), z.maxLength(MAX_UNITS_PER_EDIT));
/** The whole list of levels through time, replacing the stored one. */
export const levelListSchema = z.array(levelSchema).check(z.minLength(1), z.maxLength(50));

/** A unit a reorganization creates: its dates, predecessors and documents come from the operation. */
const newUnitSchema = z.strictObject(unitShape);

export const reorganizationSchema = z.strictObject({
  date: z.iso.date(),
  document,
  changes: z
    .array(
      z.discriminatedUnion('kind', [
        z.strictObject({
          kind: z.literal('merge'),
          from: z.array(unitId).check(z.minLength(1), z.maxLength(MAX_UNITS_PER_EDIT)),
          into: newUnitSchema,
        }),
        z.strictObject({
          kind: z.literal('split'),
          from: unitId,
          into: z.array(newUnitSchema).check(z.minLength(2), z.maxLength(MAX_UNITS_PER_EDIT)),
        }),
        z.strictObject({ kind: z.literal('rename'), from: unitId, into: newUnitSchema }),
        z.strictObject({ kind: z.literal('retire'), unitId }),
        z.strictObject({ kind: z.literal('establish'), into: newUnitSchema }),
      ]),
    )
    .check(z.minLength(1), z.maxLength(MAX_UNITS_PER_EDIT)),
});

// The schemas and the interfaces must describe the same things (a parsed request is a domain value).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Fits<A, B> = [A] extends [B] ? true : false;
const unitSchemaFitsUnit: Fits<z.infer<typeof unitSchema>, Unit> = true;
const unitSchemaHasUnitKeys: Same<keyof z.infer<typeof unitSchema>, keyof Unit> = true;
const levelSchemaMatchesLevel: Same<z.infer<typeof levelSchema>, Level> = true;
const newUnitSchemaFits: Fits<z.infer<typeof newUnitSchema>, NewUnit> = true;
const reorganizationFits: Fits<z.infer<typeof reorganizationSchema>, Reorganization> = true;
void [
  unitSchemaFitsUnit,
  unitSchemaHasUnitKeys,
  levelSchemaMatchesLevel,
  newUnitSchemaFits,
  reorganizationFits,
];

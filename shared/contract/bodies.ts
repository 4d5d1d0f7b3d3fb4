import * as z from 'zod/mini';
import type { TargetSetInput } from '../catalog/targetSet.ts';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import { MAX_REMINDER_UNITS, REMINDER_DAYS_BEFORE } from './reminders.ts';
import { boundedText as text } from './reportBodies.ts';
import { OBJECTION_WINDOW_DAYS } from './review.ts';
import { levelListSchema, reorganizationSchema, unitListSchema } from '../unitSchema.ts';

/*
 * The admin's request bodies: periods, units, targets (a report's are in reportBodies.ts, the evidence
 * declaration in evidence.ts). They say which keys a caller may send at all. zod/mini, as reportBodies.ts says.
 */
/**
 * A reporting period. Circular 06/2013: the year runs 1 January – 31 December and reports are due before
 * 1 February of the next year.
 */
export const periodSchema = z.strictObject({
  opensAt: z.iso.datetime({ offset: true }),
  deadline: z.iso.datetime({ offset: true }),
  lockExceptions: z._default(
    z
      .array(
        z.strictObject({
          unitId: z.string().check(z.regex(UNIT_ID_PATTERN)),
          until: z.iso.datetime({ offset: true }),
          reason: z.string().check(z.minLength(1), z.maxLength(500)),
        }),
      )
      .check(z.maxLength(5000)),
    [],
  ),
  /** The day whose hierarchy the year is reported by, when not 31 December (domain/yearHierarchy.ts). */
  hierarchyAsOf: z.optional(z.iso.date()),
  /** A reminder to every unit not yet submitted this many days before its deadline (shared/domain/reminders.ts). */
  reminderDaysBefore: z.optional(
    z.int().check(z.minimum(REMINDER_DAYS_BEFORE.min), z.maximum(REMINDER_DAYS_BEFORE.max)),
  ),
  /** Days a unit has to agree with or object to its preliminary result (shared/domain/review.ts). */
  objectionWindowDays: z.optional(
    z.int().check(z.minimum(OBJECTION_WINDOW_DAYS.min), z.maximum(OBJECTION_WINDOW_DAYS.max)),
  ),
});
/** Units to add or correct, and the levels through time when they change (docs/hierarchy.md). */
export const unitsBody = z.strictObject({
  units: z.optional(unitListSchema),
  levels: z.optional(levelListSchema),
});
/** A reorganization from a date under one legal document: establish, merge, split, rename, retire. */
export const reorganizationBody = reorganizationSchema;

export type PeriodInput = z.output<typeof periodSchema>;

/** POST /reminders/{year}: the units to remind now, or without a list every unit not yet submitted. */
export const remindBody = z.strictObject({
  unitIds: z.optional(
    z
      .array(z.string().check(z.regex(UNIT_ID_PATTERN)))
      .check(z.minLength(1), z.maxLength(MAX_REMINDER_UNITS)),
  ),
});

/*
 * PUT /targets/{year}: the targets, point weights and band cut-offs an admin sets for a year, each citing a
 * source. The shape is checked here; what the values mean (known indicators and levels, sources that exist,
 * bands in order) is checked against the catalog by resolveTargetSet.
 */
const bilingualText = z.strictObject({ vi: text(2000), en: text(2000) });
const sourcedValue = z.strictObject({
  value: z.number(),
  source: z.string().check(z.minLength(1), z.maxLength(64)),
});

export const targetSetBody = z.strictObject({
  sources: z.optional(
    z
      .array(
        z.strictObject({
          id: z.string().check(z.minLength(1), z.maxLength(64)),
          document: text(200),
          title: bilingualText,
          note: z.optional(bilingualText),
          links: z.optional(z.array(z.url().check(z.maxLength(500))).check(z.maxLength(10))),
        }),
      )
      .check(z.maxLength(50)),
  ),
  indicators: z.optional(
    z.record(
      z.string().check(z.maxLength(64)),
      z.strictObject({
        targets: z.optional(z.record(z.string().check(z.maxLength(32)), sourcedValue)),
        maxPoints: z.optional(sourcedValue),
      }),
    ),
  ),
  bands: z.optional(
    z
      .array(
        z.strictObject({
          id: z.string().check(z.maxLength(32)),
          minShare: z.number(),
          source: z.string().check(z.minLength(1), z.maxLength(64)),
        }),
      )
      .check(z.maxLength(10)),
  ),
}) satisfies { parse(v: unknown): TargetSetInput };

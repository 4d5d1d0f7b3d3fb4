import { array, iso, object, optional, record, string, unknown as zUnknown, type output } from 'zod';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import { levelListSchema, reorganizationSchema, unitListSchema } from '../unitSchema.ts';

/*
 * Request bodies, one schema each (the evidence declaration is in evidence.ts). They say which keys a caller
 * may send at all; a report's own values are checked against the year's catalog (validateDraft).
 */
export const saveReportBody = object({ values: record(string(), zUnknown()) }).strict();
export const verificationBody = object({
  fields: record(
    string(),
    object({ value: optional(zUnknown()), comment: string().min(1).max(2000).optional() }).strict(),
  ),
}).strict();
export const returnBody = object({
  comments: array(
    object({ field: string().max(64).optional(), text: string().trim().min(1).max(2000) }).strict(),
  )
    .min(1)
    .max(200),
}).strict();
export const acceptBody = object({ comment: string().trim().min(1).max(2000).optional() }).strict();

/**
 * A reporting period. Circular 06/2013: the year runs 1 January – 31 December and reports are due before
 * 1 February of the next year.
 */
export const periodSchema = object({
  opensAt: iso.datetime({ offset: true }),
  deadline: iso.datetime({ offset: true }),
  lockExceptions: array(
    object({
      unitId: string().regex(UNIT_ID_PATTERN),
      until: iso.datetime({ offset: true }),
      reason: string().min(1).max(500),
    }).strict(),
  )
    .max(5000)
    .default([]),
  /** The day whose hierarchy the year is reported by, when not 31 December (domain/yearHierarchy.ts). */
  hierarchyAsOf: iso.date().optional(),
}).strict();
/** Units to add or correct, and the levels through time when they change (docs/hierarchy.md). */
export const unitsBody = object({
  units: unitListSchema.optional(),
  levels: levelListSchema.optional(),
}).strict();
/** A reorganization from a date under one legal document: merge, split, rename, retire. */
export const reorganizationBody = reorganizationSchema;

export type PeriodInput = output<typeof periodSchema>;

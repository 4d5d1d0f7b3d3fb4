import {
  array,
  enum as zEnum,
  iso,
  number,
  object,
  optional,
  record,
  string,
  unknown as zUnknown,
  type output,
} from 'zod';
import type { TargetSetInput } from '../catalog/targetSet.ts';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import { COMMENT_VISIBILITIES, MAX_COMMENT_CHARS, MAX_COMMENTS_PER_REPORT } from './comments.ts';
import { levelListSchema, reorganizationSchema, unitListSchema } from '../unitSchema.ts';

/*
 * Request bodies, one schema each (the evidence declaration is in evidence.ts). They say which keys a caller
 * may send at all; a report's own values are checked against the year's catalog (validateDraft).
 */
export const saveReportBody = object({ values: record(string(), zUnknown()) }).strict();
/** Who a comment is for (comments.ts). */
const visibility = zEnum(COMMENT_VISIBILITIES);
export const verificationBody = object({
  fields: record(
    string(),
    object({
      value: optional(zUnknown()),
      comment: string().min(1).max(MAX_COMMENT_CHARS).optional(),
      /** @default 'internal': a note made while verifying stays with the auditors unless marked for the unit. */
      visibility: visibility.optional(),
    }).strict(),
  ),
}).strict();
export const returnBody = object({
  comments: array(
    object({
      field: string().max(64).optional(),
      text: string().trim().min(1).max(MAX_COMMENT_CHARS),
      /** @default 'unit': what a return is for. */
      visibility: visibility.optional(),
    }).strict(),
  )
    .min(1)
    .max(MAX_COMMENTS_PER_REPORT),
}).strict();
export const acceptBody = object({
  comment: string().trim().min(1).max(MAX_COMMENT_CHARS).optional(),
  visibility: visibility.optional(),
}).strict();

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

/*
 * PUT /targets/{year}: the targets, point weights and band cut-offs an admin sets for a year, each citing a
 * source. The shape is checked here; what the values mean (known indicators and levels, sources that exist,
 * bands in order) is checked against the catalog by resolveTargetSet.
 */
const text = string().trim().min(1).max(2000);
const bilingualText = object({ vi: text, en: text }).strict();
const sourcedValue = object({ value: number(), source: string().min(1).max(64) }).strict();

export const targetSetBody = object({
  sources: optional(
    array(
      object({
        id: string().min(1).max(64),
        document: string().trim().min(1).max(200),
        title: bilingualText,
        note: optional(bilingualText),
        links: optional(array(string().url().max(500)).max(10)),
      }).strict(),
    ).max(50),
  ),
  indicators: optional(
    record(
      string().max(64),
      object({
        targets: optional(record(string().max(32), sourcedValue)),
        maxPoints: optional(sourcedValue),
      }).strict(),
    ),
  ),
  bands: optional(
    array(object({ id: string().max(32), minShare: number(), source: string().min(1).max(64) }).strict()).max(
      10,
    ),
  ),
}).strict() satisfies { parse(v: unknown): TargetSetInput };

import {
  array,
  boolean,
  discriminatedUnion,
  enum as zEnum,
  int,
  literal,
  number,
  object,
  record,
  string,
  union,
  type output,
  type ZodType,
} from 'zod';
import type { publicCatalog } from '../catalog/public.ts';

/**
 * GET /catalog/{year}: the type is the server's own builder's, so the browser cannot read a field the server
 * does not send. The schema describes the same JSON for the OpenAPI document and the response check, and a
 * compile-time check below keeps the two together.
 */
export type PublicCatalog = ReturnType<typeof publicCatalog>;

const list = <T extends ZodType>(item: T) => array(item).readonly();
const bilingual = object({ vi: string(), en: string() }).readonly();
const codes = list(string());

/** A document the default targets, weights and bands cite (catalog/sources.ts); also what a target set cites. */
export const catalogSourceSchema = object({
  id: string(),
  document: string().nullable(),
  title: bilingual,
  note: bilingual.optional(),
  links: codes.optional(),
}).readonly();
const fieldValue = union([number(), boolean(), string(), literal(null)]);

const fieldBase = {
  code: string(),
  section: string(),
  label: bilingual,
  help: bilingual,
  required: boolean(),
  evidence: union([
    object({ rule: literal('none') }).readonly(),
    object({ rule: zEnum(['required', 'requiredIfTrue']), kind: bilingual }).readonly(),
  ]),
  example: fieldValue.optional(),
  carriesOver: literal(true).optional(),
};
const field = discriminatedUnion('type', [
  object({
    ...fieldBase,
    type: zEnum(['integer', 'decimal', 'percent']),
    unit: bilingual.optional(),
    min: number(),
    max: number(),
  }).readonly(),
  object({ ...fieldBase, type: literal('boolean') }).readonly(),
  object({
    ...fieldBase,
    type: literal('choice'),
    choices: list(object({ value: string(), label: bilingual }).readonly()),
  }).readonly(),
  object({ ...fieldBase, type: literal('text'), maxLength: int() }).readonly(),
  object({
    ...fieldBase,
    type: literal('date'),
    min: string().optional(),
    max: string().optional(),
  }).readonly(),
]);

const condition = object({
  field: string(),
  op: zEnum(['eq', 'ne', 'gt']),
  value: union([number(), boolean(), string()]),
}).readonly();

const scoringBase = { maxPoints: number() };
const scoring = discriminatedUnion('method', [
  object({ ...scoringBase, method: literal('ratio'), fullAt: number().optional() }).readonly(),
  object({
    ...scoringBase,
    method: literal('tiers'),
    tiers: list(object({ threshold: number(), points: number() }).readonly()),
  }).readonly(),
]);

const indicator = object({
  code: string(),
  section: string(),
  label: bilingual,
  help: bilingual.optional(),
  numerator: codes,
  denominator: codes.nullable(),
  numeratorIsShare: boolean().optional(),
  multiplier: number(),
  unit: bilingual,
  fraction: object({ numeratorUnit: bilingual, numeratorScale: number() }).readonly().optional(),
  direction: zEnum(['higherIsBetter', 'lowerIsBetter']),
  targets: record(string(), number().optional()).readonly(),
  targetSources: record(string(), string().optional()).readonly().optional(),
  notApplicableWhen: condition.optional(),
  /** When every document behind one of its fields is rejected: no points, or (absent) only a flag. */
  whenEvidenceRejected: zEnum(['noPoints', 'flag']).optional(),
  scoring: scoring.optional(),
  outlier: object({
    ratio: object({ min: number(), max: number() }).readonly().optional(),
    maxAbsChange: number().optional(),
  })
    .readonly()
    .optional(),
  formula: object({ expression: string(), text: bilingual }).readonly(),
  targetsByLevel: list(object({ level: string(), op: zEnum(['>=', '<=']), value: number() }).readonly()),
}).readonly();

const rule = discriminatedUnion('kind', [
  object({
    id: string(),
    kind: literal('compare'),
    left: codes,
    op: zEnum(['<=', '<', '>=', '>', '=']),
    right: codes,
    path: string().optional(),
    description: bilingual,
  }).readonly(),
  object({
    id: string(),
    kind: literal('requiredIf'),
    when: condition,
    then: codes,
    description: bilingual,
  }).readonly(),
]);

export const publicCatalogSchema = object({
  year: int(),
  version: string(),
  years: list(int()),
  changes: list(bilingual),
  bands: list(
    object({ id: string(), label: bilingual, minShare: number(), source: string().optional() }).readonly(),
  ),
  /** The documents the default targets, weights and bands cite; `system-default` says there is none. */
  sources: list(catalogSourceSchema),
  sections: list(
    object({
      id: string(),
      order: int(),
      title: bilingual,
      help: bilingual.optional(),
      fields: codes,
      indicators: codes,
    }).readonly(),
  ),
  fields: list(field),
  indicators: list(indicator),
  rules: list(rule),
  scoring: object({ maxPoints: number(), indicators: codes }).readonly(),
}).readonly();

// Compile-time: what the builder returns is what the schema promises.
export const fitsSchema = (c: PublicCatalog): output<typeof publicCatalogSchema> => c;

/*
 * The indicator catalog: one source for the report schema (API and browser), the form, cross-field rules, the
 * rollup's formulas, targets, scores and bands. Browser-safe: no node: imports, no AWS SDK.
 */
import type { Catalog } from './types.ts';
import { catalogs } from './years.ts';

export type {
  Band,
  BooleanField,
  Catalog,
  CatalogField,
  CatalogSection,
  Choice,
  ChoiceField,
  CompareOp,
  CompareRule,
  Condition,
  CrossFieldRule,
  DateField,
  Direction,
  EvidenceRejectedEffect,
  EvidenceRequirement,
  FieldType,
  FieldValue,
  Indicator,
  IndicatorValue,
  NumericField,
  OutlierRule,
  ReportValues,
  RequiredIfRule,
  Scoring,
  Source,
  TextField,
  Tier,
} from './types.ts';
export { isNumericField } from './types.ts';
export { catalogJsonSchema, draftSchema, validateDraft } from './schema.ts';
export { checkRules, isEmpty, needsEvidence, validateSubmission } from './validate.ts';
export {
  addToAggregate,
  aggregateIndicator,
  computeIndicator,
  computeIndicators,
  emptyAggregate,
  finishAggregate,
  mergeAggregates,
  ratio,
  type Aggregate,
} from './formulas.ts';
export {
  bandFor,
  evidenceEffects,
  meetsTarget,
  pointsFor,
  scoreUnit,
  targetFor,
  type Target,
  type UnitScore,
} from './scoring.ts';
export { outlierOf } from './outliers.ts';
export { BINH_PHUOC_1538_2014, CATALOG_SOURCES, DECISION_48_2009, SYSTEM_DEFAULT_SOURCE } from './sources.ts';
export {
  applyTargetSet,
  defaultTargetSet,
  resolveTargetSet,
  targetSetName,
  type BandCutOff,
  type IndicatorTargets,
  type SourcedValue,
  type TargetSet,
  type TargetSetInput,
} from './targetSet.ts';
export { exampleValues } from './example.ts';
export { formulaOf, publicCatalog } from './public.ts';

export const catalogYears: readonly number[] = Object.freeze([...catalogs.keys()].sort((a, b) => a - b));

/** The catalog of a reporting year; undefined for a year with none. */
export function catalogFor(year: number): Catalog | undefined {
  return catalogs.get(year)?.();
}

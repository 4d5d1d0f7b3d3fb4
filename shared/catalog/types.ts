import type { LEVELS } from '../hierarchy.ts';
import type { Bilingual } from '../contract/i18n.ts';

/** A report is a flat record keyed by field code; dates are `YYYY-MM-DD` strings; null means cleared. */
export type FieldValue = number | boolean | string | null;
export type ReportValues = Readonly<Record<string, FieldValue>>;

export type FieldType = 'integer' | 'decimal' | 'percent' | 'boolean' | 'choice' | 'text' | 'date';

export interface CatalogSection {
  readonly id: string;
  /** Display order and the group number used in the form (1–8). */
  readonly order: number;
  readonly title: Bilingual;
  readonly help?: Bilingual;
}

/**
 * `requiredIfTrue` applies to boolean fields only: the document that proves the "yes" (e.g. the decision that
 * issued a rule). A "no" needs no proof.
 */
export type EvidenceRequirement =
  { readonly rule: 'none' } | { readonly rule: 'required' | 'requiredIfTrue'; readonly kind: Bilingual };

interface FieldBase {
  /** Stable snake_case code: the key in report values, CSV columns and formulas. Never reuse or rename. */
  readonly code: string;
  readonly section: string;
  readonly label: Bilingual;
  readonly help: Bilingual;
  readonly required: boolean;
  readonly evidence: EvidenceRequirement;
  /** A plausible value; exampleValues() falls back to one built from the bounds when absent. */
  readonly example?: FieldValue;
}

export interface NumericField extends FieldBase {
  readonly type: 'integer' | 'decimal' | 'percent';
  readonly unit?: Bilingual;
  readonly min: number;
  readonly max: number;
}

export interface BooleanField extends FieldBase {
  readonly type: 'boolean';
}

export interface Choice {
  readonly value: string;
  readonly label: Bilingual;
}

export interface ChoiceField extends FieldBase {
  readonly type: 'choice';
  readonly choices: readonly Choice[];
}

export interface TextField extends FieldBase {
  readonly type: 'text';
  readonly maxLength: number;
}

export interface DateField extends FieldBase {
  readonly type: 'date';
  /** Inclusive `YYYY-MM-DD` bounds. */
  readonly min?: string;
  readonly max?: string;
}

export type CatalogField = NumericField | BooleanField | ChoiceField | TextField | DateField;

export type Direction = 'higherIsBetter' | 'lowerIsBetter';

/**
 * `ratioOfSums`: Σ numerators / Σ denominators × multiplier — the only honest group percentage.
 * `meanOfValues`: the plain mean of the units' values; only for values units report as a share with no counts.
 */
export type Aggregation = 'ratioOfSums' | 'meanOfValues';

export interface Tier {
  /** Reached when the value is >= threshold (higherIsBetter) or <= threshold (lowerIsBetter). */
  readonly threshold: number;
  readonly points: number;
}

interface ScoringBase {
  readonly maxPoints: number;
  /** With no data, `zero` (the default) earns nothing but keeps the max points; `skip` drops both. */
  readonly noData?: 'zero' | 'skip';
}

export type Scoring =
  | (ScoringBase & {
      readonly method: 'ratio';
      /** Value that earns full points; when absent the level's target is used. */
      readonly fullAt?: number;
    })
  | (ScoringBase & { readonly method: 'tiers'; readonly tiers: readonly Tier[] });

/** A value is an outlier against last year's when either test trips. */
export interface OutlierRule {
  /** Allowed band for current / previous; not applied when previous is 0. */
  readonly ratio?: { readonly min: number; readonly max: number };
  /** Largest allowed |current − previous|, in the indicator's unit (percentage points for percentages). */
  readonly maxAbsChange?: number;
}

export interface Indicator {
  readonly code: string;
  readonly section: string;
  readonly label: Bilingual;
  readonly help?: Bilingual;
  /** Sum of these field codes. */
  readonly numerator: readonly string[];
  /** Sum of these field codes; null for a value reported directly (denominator 1). */
  readonly denominator: readonly string[] | null;
  readonly multiplier: number;
  readonly unit: Bilingual;
  readonly aggregation: Aggregation;
  readonly direction: Direction;
  /** Target per administrative level id (shared/hierarchy.ts LEVELS); compared by direction. */
  readonly targets: Readonly<Partial<Record<string, number>>>;
  readonly scoring?: Scoring;
  readonly outlier?: OutlierRule;
}

export type CompareOp = '<=' | '<' | '>=' | '>' | '=';

interface RuleBase {
  /** Stable id; a failing rule yields issues with code `rule.<id>`. */
  readonly id: string;
}

/** Σ left op Σ right; skipped while any operand is empty (completeness is checked on its own). */
export interface CompareRule extends RuleBase {
  readonly kind: 'compare';
  readonly left: readonly string[];
  readonly op: CompareOp;
  readonly right: readonly string[];
  /** Field the issue is attached to; defaults to the first left operand. */
  readonly path?: string;
}

export interface Condition {
  readonly field: string;
  readonly op: 'eq' | 'ne' | 'gt';
  readonly value: number | boolean | string;
}

/** When the condition holds, each `then` field must have a value. */
export interface RequiredIfRule extends RuleBase {
  readonly kind: 'requiredIf';
  readonly when: Condition;
  readonly then: readonly string[];
}

export type CrossFieldRule = CompareRule | RequiredIfRule;

export interface Band {
  readonly id: string;
  readonly label: Bilingual;
  /** Lowest share of max points (0–1) that reaches this band. */
  readonly minShare: number;
}

export interface Catalog {
  readonly year: number;
  readonly version: string;
  /** What differs from the previous year's catalog, for the people comparing years. */
  readonly changes?: readonly Bilingual[];
  readonly sections: readonly CatalogSection[];
  readonly fields: readonly CatalogField[];
  readonly indicators: readonly Indicator[];
  readonly rules: readonly CrossFieldRule[];
  readonly levels: typeof LEVELS;
  /** Ordered from the highest minShare down. */
  readonly bands: readonly Band[];
}

export interface IndicatorValue {
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** null = no data; never NaN or Infinity. */
  readonly value: number | null;
}

export const isNumericField = (f: CatalogField): f is NumericField =>
  f.type === 'integer' || f.type === 'decimal' || f.type === 'percent';

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
  /** The value usually stands from one year to the next: "Copy last year's figures" offers it. */
  readonly carriesOver?: true;
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

export type EvidenceRejectedEffect = 'noPoints' | 'flag';

export interface Tier {
  /** Reached when the value is >= threshold (higherIsBetter) or <= threshold (lowerIsBetter). */
  readonly threshold: number;
  readonly points: number;
}

interface ScoringBase {
  /** The default weight; a year's target set may set another, with its source. */
  readonly maxPoints: number;
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
  /**
   * The numerator field is a share (0–100) of the denominator, as units report it (the share of their
   * computers with antivirus): the numerator counts share × denominator / 100, so a group's value is weighted
   * by the denominator (Σ computers with antivirus / Σ computers), never a plain mean of the shares.
   */
  readonly numeratorIsShare?: boolean;
  readonly multiplier: number;
  readonly unit: Bilingual;
  /**
   * How the fraction reads in the value's own units when the multiplier converts units, not scales: bandwidth
   * is Mbps × 1000 = kbps over people. Without it the numerator is shown in its fields' unit.
   */
  readonly fraction?: { readonly numeratorUnit: Bilingual; readonly numeratorScale: number };
  readonly direction: Direction;
  /**
   * Target per administrative level id, keyed on the levels of the catalog's year (the hierarchy's levels
   * valid on its 31 December); compared by direction.
   */
  readonly targets: Readonly<Partial<Record<string, number>>>;
  /** The document behind each level's default target (an id of catalog/sources.ts); absent: a system default. */
  readonly targetSources?: Readonly<Partial<Record<string, string>>>;
  /**
   * When the indicator does not apply to a unit that year (no dossiers received: nothing to put online or to
   * settle on time). It then earns no points and leaves the unit's maximum. Having no system at all is not
   * this: it is a value of 0 and scores 0.
   */
  readonly notApplicableWhen?: Condition;
  /**
   * What follows when the auditors reject every document behind a field the indicator is computed from
   * (domain/review.ts): `noPoints`, the indicator stays applicable and earns 0; `flag` (the default), the value
   * stands and the unit's row names the unsupported fields.
   */
  readonly whenEvidenceRejected?: EvidenceRejectedEffect;
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
  /** Lowest share of the applicable maximum (0–1) that reaches this band: a score of minShare × 100. */
  readonly minShare: number;
  /** The document behind the cut-off (an id of catalog/sources.ts); absent: a system default. */
  readonly source?: string;
}

/** Where a target, a point weight or a band cut-off comes from. */
export interface Source {
  readonly id: string;
  /** The document's number (48/2009/QĐ-TTg); null for the system default, which has none. */
  readonly document: string | null;
  readonly title: Bilingual;
  /** What of the document is used here, and how far it applies. */
  readonly note?: Bilingual;
  readonly links?: readonly string[];
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
  /** Ordered from the highest minShare down. */
  readonly bands: readonly Band[];
  /** The documents the default targets, weights and bands cite (catalog/sources.ts). */
  readonly sources: readonly Source[];
  /** Once a year's target set is applied (targetSet.ts): its name, which every rollup output carries. */
  readonly targetSet?: string;
}

export interface IndicatorValue {
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** null = no data (or not applicable); never NaN or Infinity. */
  readonly value: number | null;
  /** The catalog's notApplicableWhen holds for this unit: no value, no points, out of the maximum. */
  readonly notApplicable?: true;
}

export const isNumericField = (f: CatalogField): f is NumericField =>
  f.type === 'integer' || f.type === 'decimal' || f.type === 'percent';

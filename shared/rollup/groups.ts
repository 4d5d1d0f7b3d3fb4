import {
  addToAggregate,
  emptyAggregate,
  finishAggregate,
  meetsTarget,
  mergeAggregates,
  SYSTEM_DEFAULT_SOURCE,
  targetFor,
  type Aggregate,
  type Catalog,
  type IndicatorValue,
} from '../catalog/index.ts';
import { VERIFICATION_STATES, type VerificationState } from '../domain/officialValues.ts';
import type { PreviousFigures } from './previousYear.ts';
import type { Level } from '../hierarchy.ts';
import type { UnitRow } from './unitRow.ts';

export type GroupType = 'overall' | 'level' | 'parent';

export interface Completeness {
  expected: number;
  reported: number;
  onTime: number;
  late: number;
  missing: number;
}

/** Units whose figures count, by how far auditors got with them. */
export type VerificationCounts = Record<VerificationState, number>;

interface Counter {
  withTarget: number;
  meeting: number;
}

interface Answers {
  yes: number;
  answered: number;
}

interface GroupTotals {
  readonly type: GroupType;
  readonly id: string;
  readonly official: Map<string, Aggregate>;
  readonly selfReported: Map<string, Aggregate>;
  readonly previous: Map<string, Aggregate>;
  /** Per indicator: units with a target at their level, and how many meet it. */
  readonly targets: Map<string, Counter>;
  readonly answers: Map<string, Answers>;
  readonly completeness: Completeness;
  readonly verification: VerificationCounts;
}

export interface GroupIndicator {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly unitsWithData: number;
  readonly unitsNotApplicable: number;
  /** The same group on the self-reported figures, and self-reported − official. */
  readonly selfReported: IndicatorValue;
  readonly gap: number | null;
  readonly target: { op: '>=' | '<='; value: number; source: string } | null;
  readonly met: boolean | null;
  readonly unitsWithTarget: number;
  readonly unitsMeetingTarget: number;
  readonly previous: number | null;
  readonly change: number | null;
}

/** A yes/no field over a group: the share of agencies answering yes, of those that answered. */
export interface GroupAnswer {
  readonly yes: number;
  readonly answered: number;
  /** yes / answered × 100; null when nobody answered. */
  readonly share: number | null;
}

export interface GroupResult {
  readonly key: string;
  readonly type: GroupType;
  readonly id: string;
  readonly completeness: Completeness;
  readonly verification: VerificationCounts;
  readonly indicators: Record<string, GroupIndicator>;
  readonly answers: Record<string, GroupAnswer>;
}

export const groupKey = (type: GroupType, id: string) => (type === 'overall' ? 'overall' : `${type}:${id}`);

const gapOf = (a: number | null, b: number | null) => (a !== null && b !== null ? a - b : null);

/**
 * Running totals per group (the province overall, each administrative level, the units under each parent),
 * fed one unit at a time. A parent's totals cover its direct children until `rollUpParents` adds them into
 * every ancestor, so a district's communes also count for the province.
 */
export class GroupAccumulator {
  private readonly groups = new Map<string, GroupTotals>();
  private readonly booleanFields: readonly string[];

  constructor(private readonly catalog: Catalog) {
    this.booleanFields = catalog.fields.filter((f) => f.type === 'boolean').map((f) => f.code);
  }

  private group(type: GroupType, id: string): GroupTotals {
    const key = groupKey(type, id);
    let g = this.groups.get(key);
    if (!g) {
      const aggregates = () => new Map(this.catalog.indicators.map((i) => [i.code, emptyAggregate()]));
      g = {
        type,
        id,
        official: aggregates(),
        selfReported: aggregates(),
        previous: aggregates(),
        targets: new Map(this.catalog.indicators.map((i) => [i.code, { withTarget: 0, meeting: 0 }])),
        answers: new Map(this.booleanFields.map((f) => [f, { yes: 0, answered: 0 }])),
        completeness: { expected: 0, reported: 0, onTime: 0, late: 0, missing: 0 },
        verification: Object.fromEntries(VERIFICATION_STATES.map((s) => [s, 0])) as VerificationCounts,
      };
      this.groups.set(key, g);
    }
    return g;
  }

  private groupsOf(unit: { level: string; parentId?: string }): GroupTotals[] {
    const out = [this.group('overall', ''), this.group('level', unit.level)];
    if (unit.parentId) out.push(this.group('parent', unit.parentId));
    return out;
  }

  add(row: UnitRow): void {
    for (const g of this.groupsOf(row)) {
      if (row.expected) {
        g.completeness.expected += 1;
        if (!row.reported) g.completeness.missing += 1;
      }
      if (!row.reported) continue;
      g.completeness.reported += 1;
      if (row.late) g.completeness.late += 1;
      else g.completeness.onTime += 1;
      if (row.verification) g.verification[row.verification] += 1;
      for (const indicator of this.catalog.indicators) {
        const value = row.indicators?.[indicator.code];
        if (value) addToAggregate(g.official.get(indicator.code) as Aggregate, value);
        const self = row.verified?.selfReported[indicator.code] ?? value;
        if (self) addToAggregate(g.selfReported.get(indicator.code) as Aggregate, self);
        const met = row.meetsTarget?.[indicator.code] ?? null;
        if (met !== null) {
          const t = g.targets.get(indicator.code) as Counter;
          t.withTarget += 1;
          if (met) t.meeting += 1;
        }
      }
      for (const field of this.booleanFields) {
        const answer = row.answers?.[field] ?? null;
        if (answer === null) continue;
        const a = g.answers.get(field) as Answers;
        a.answered += 1;
        if (answer) a.yes += 1;
      }
    }
  }

  /** Last year's figures of a unit, into the groups it belongs to this year: like is compared with like. */
  addPrevious(unit: { level: string; parentId?: string }, figures: PreviousFigures): void {
    for (const g of this.groupsOf(unit)) {
      for (const indicator of this.catalog.indicators) {
        const value = figures.indicators?.[indicator.code];
        if (value) addToAggregate(g.previous.get(indicator.code) as Aggregate, value);
      }
    }
  }

  /** Parent ids that have a group, for looking up their own parents. */
  parentIds(): string[] {
    return [...this.groups.values()]
      .filter((g) => g.type === 'parent')
      .map((g) => g.id)
      .sort();
  }

  /** Adds each parent's direct totals into all its ancestors' groups. `parentOf` knows the hierarchy. */
  rollUpParents(parentOf: ReadonlyMap<string, string | undefined>): void {
    const copy = <T extends object>(m: Map<string, T>) => new Map([...m].map(([k, v]) => [k, { ...v }]));
    const direct = [...this.groups.values()]
      .filter((g) => g.type === 'parent')
      .map((g) => ({
        id: g.id,
        official: copy(g.official),
        selfReported: copy(g.selfReported),
        previous: copy(g.previous),
        targets: copy(g.targets),
        answers: copy(g.answers),
        completeness: { ...g.completeness },
        verification: { ...g.verification },
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const d of direct) {
      const seen = new Set([d.id]);
      for (let up = parentOf.get(d.id); up && !seen.has(up); up = parentOf.get(up)) {
        seen.add(up);
        const target = this.group('parent', up);
        for (const part of ['official', 'selfReported', 'previous'] as const) {
          for (const [code, agg] of d[part]) mergeAggregates(target[part].get(code) as Aggregate, agg);
        }
        for (const [code, t] of d.targets) {
          const into = target.targets.get(code) as Counter;
          into.withTarget += t.withTarget;
          into.meeting += t.meeting;
        }
        for (const [field, a] of d.answers) {
          const into = target.answers.get(field) as Answers;
          into.yes += a.yes;
          into.answered += a.answered;
        }
        for (const k of Object.keys(d.completeness) as (keyof Completeness)[]) {
          target.completeness[k] += d.completeness[k];
        }
        for (const k of Object.keys(d.verification) as VerificationState[]) {
          target.verification[k] += d.verification[k];
        }
      }
    }
  }

  /** Groups in a stable order: overall, the year's levels highest first, then parents by id. */
  results(levels: readonly Level[]): GroupResult[] {
    const levelOrder = new Map<string, number>(levels.map((l) => [l.id, l.rank]));
    const rank = (g: GroupTotals) =>
      g.type === 'overall' ? -1 : g.type === 'level' ? (levelOrder.get(g.id) ?? 99) : 100;
    return [...this.groups.entries()]
      .sort(([ka, a], [kb, b]) => rank(a) - rank(b) || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([key, g]) => {
        const indicators: Record<string, GroupIndicator> = {};
        for (const indicator of this.catalog.indicators) {
          const agg = g.official.get(indicator.code) as Aggregate;
          const v = finishAggregate(indicator, agg);
          const self = finishAggregate(indicator, g.selfReported.get(indicator.code) as Aggregate);
          const before = finishAggregate(indicator, g.previous.get(indicator.code) as Aggregate).value;
          const target = g.type === 'level' ? targetFor(indicator, g.id) : undefined;
          const t = g.targets.get(indicator.code) as Counter;
          indicators[indicator.code] = {
            numerator: v.numerator,
            denominator: v.denominator,
            value: v.value,
            unitsWithData: agg.unitsWithData,
            unitsNotApplicable: agg.unitsNotApplicable,
            selfReported: self,
            gap: gapOf(self.value, v.value),
            target: target
              ? { ...target, source: indicator.targetSources?.[g.id] ?? SYSTEM_DEFAULT_SOURCE.id }
              : null,
            met: g.type === 'level' ? meetsTarget(indicator, g.id, v.value) : null,
            unitsWithTarget: t.withTarget,
            unitsMeetingTarget: t.meeting,
            previous: before,
            change: gapOf(v.value, before),
          };
        }
        const answers: Record<string, GroupAnswer> = {};
        for (const [field, a] of g.answers) {
          answers[field] = { ...a, share: a.answered ? (100 * a.yes) / a.answered : null };
        }
        return {
          key,
          type: g.type,
          id: g.id,
          completeness: { ...g.completeness },
          verification: { ...g.verification },
          indicators,
          answers,
        };
      });
  }
}

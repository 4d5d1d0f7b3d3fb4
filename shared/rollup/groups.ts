import {
  addToAggregate,
  emptyAggregate,
  finishAggregate,
  meetsTarget,
  mergeAggregates,
  targetFor,
  type Aggregate,
  type Catalog,
} from '../catalog/index.ts';
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

interface GroupTotals {
  readonly type: GroupType;
  readonly id: string;
  readonly aggregates: Map<string, Aggregate>;
  /** Per indicator: units with a target at their level, and how many meet it. */
  readonly targets: Map<string, { withTarget: number; meeting: number }>;
  readonly completeness: Completeness;
}

export interface GroupIndicator {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly value: number | null;
  readonly unitsWithData: number;
  readonly target: { op: '>=' | '<='; value: number } | null;
  readonly met: boolean | null;
  readonly unitsWithTarget: number;
  readonly unitsMeetingTarget: number;
  readonly previous: number | null;
  readonly change: number | null;
}

export interface GroupResult {
  readonly key: string;
  readonly type: GroupType;
  readonly id: string;
  readonly completeness: Completeness;
  readonly indicators: Record<string, GroupIndicator>;
}

export const groupKey = (type: GroupType, id: string) => (type === 'overall' ? 'overall' : `${type}:${id}`);

/**
 * Running totals per group (the province overall, each administrative level, the units under each parent),
 * fed one unit at a time. A parent's totals cover its direct children until `rollUpParents` adds them into
 * every ancestor, so a district's communes also count for the province.
 */
export class GroupAccumulator {
  private readonly groups = new Map<string, GroupTotals>();

  constructor(private readonly catalog: Catalog) {}

  private group(type: GroupType, id: string): GroupTotals {
    const key = groupKey(type, id);
    let g = this.groups.get(key);
    if (!g) {
      g = {
        type,
        id,
        aggregates: new Map(this.catalog.indicators.map((i) => [i.code, emptyAggregate()])),
        targets: new Map(this.catalog.indicators.map((i) => [i.code, { withTarget: 0, meeting: 0 }])),
        completeness: { expected: 0, reported: 0, onTime: 0, late: 0, missing: 0 },
      };
      this.groups.set(key, g);
    }
    return g;
  }

  add(row: UnitRow): void {
    const targets = [this.group('overall', ''), this.group('level', row.level)];
    if (row.parentId) targets.push(this.group('parent', row.parentId));
    for (const g of targets) {
      if (row.expected) {
        g.completeness.expected += 1;
        if (!row.reported) g.completeness.missing += 1;
      }
      if (!row.reported) continue;
      g.completeness.reported += 1;
      if (row.late) g.completeness.late += 1;
      else g.completeness.onTime += 1;
      for (const indicator of this.catalog.indicators) {
        const value = row.indicators?.[indicator.code];
        if (value) addToAggregate(g.aggregates.get(indicator.code) as Aggregate, value);
        const met = row.meetsTarget?.[indicator.code] ?? null;
        if (met !== null) {
          const t = g.targets.get(indicator.code) as { withTarget: number; meeting: number };
          t.withTarget += 1;
          if (met) t.meeting += 1;
        }
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
    const direct = [...this.groups.values()]
      .filter((g) => g.type === 'parent')
      .map((g) => ({
        id: g.id,
        aggregates: new Map([...g.aggregates].map(([k, a]) => [k, { ...a }])),
        targets: new Map([...g.targets].map(([k, t]) => [k, { ...t }])),
        completeness: { ...g.completeness },
      }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const d of direct) {
      const seen = new Set([d.id]);
      for (let up = parentOf.get(d.id); up && !seen.has(up); up = parentOf.get(up)) {
        seen.add(up);
        const target = this.group('parent', up);
        for (const [code, agg] of d.aggregates)
          mergeAggregates(target.aggregates.get(code) as Aggregate, agg);
        for (const [code, t] of d.targets) {
          const into = target.targets.get(code) as { withTarget: number; meeting: number };
          into.withTarget += t.withTarget;
          into.meeting += t.meeting;
        }
        for (const k of Object.keys(d.completeness) as (keyof Completeness)[]) {
          target.completeness[k] += d.completeness[k];
        }
      }
    }
  }

  /** Groups in a stable order: overall, the year's levels highest first, then parents by id. */
  results(
    previous: ReadonlyMap<string, Record<string, number | null>>,
    levels: readonly Level[],
  ): GroupResult[] {
    const levelOrder = new Map<string, number>(levels.map((l) => [l.id, l.rank]));
    const rank = (g: GroupTotals) =>
      g.type === 'overall' ? -1 : g.type === 'level' ? (levelOrder.get(g.id) ?? 99) : 100;
    return [...this.groups.entries()]
      .sort(([ka, a], [kb, b]) => rank(a) - rank(b) || (ka < kb ? -1 : ka > kb ? 1 : 0))
      .map(([key, g]) => {
        const indicators: Record<string, GroupIndicator> = {};
        for (const indicator of this.catalog.indicators) {
          const agg = g.aggregates.get(indicator.code) as Aggregate;
          const v = finishAggregate(indicator, agg);
          const target = g.type === 'level' ? (targetFor(indicator, g.id) ?? null) : null;
          const before = previous.get(key)?.[indicator.code] ?? null;
          const t = g.targets.get(indicator.code) as { withTarget: number; meeting: number };
          indicators[indicator.code] = {
            ...v,
            unitsWithData: agg.unitsWithData,
            target,
            met: g.type === 'level' ? meetsTarget(indicator, g.id, v.value) : null,
            unitsWithTarget: t.withTarget,
            unitsMeetingTarget: t.meeting,
            previous: before,
            change: v.value !== null && before !== null ? v.value - before : null,
          };
        }
        return { key, type: g.type, id: g.id, completeness: { ...g.completeness }, indicators };
      });
  }
}

import type { Catalog, Indicator } from '../catalog/index.ts';
import { isPercent } from './display.ts';
import type { UnitRow } from './unitRow.ts';

/** Fixed bins so the distribution builds up one unit at a time: 10-point bins for percentages. */
export function binEdges(indicator: Indicator): number[] {
  if (isPercent(indicator)) return Array.from({ length: 11 }, (_, i) => i * 10);
  const targets = Object.values(indicator.targets).filter((t): t is number => typeof t === 'number' && t > 0);
  const top = targets.length ? Math.max(...targets) * 2 : 1;
  return Array.from({ length: 11 }, (_, i) => (top * i) / 10);
}

export class Distributions {
  private readonly counts = new Map<string, number[]>();
  private readonly edges = new Map<string, number[]>();

  constructor(private readonly catalog: Catalog) {
    for (const indicator of catalog.indicators) {
      const edges = binEdges(indicator);
      this.edges.set(indicator.code, edges);
      this.counts.set(indicator.code, new Array<number>(edges.length).fill(0));
    }
  }

  add(row: UnitRow): void {
    if (!row.indicators) return;
    for (const indicator of this.catalog.indicators) {
      const value = row.indicators[indicator.code]?.value;
      if (value === null || value === undefined) continue;
      const edges = this.edges.get(indicator.code) as number[];
      const counts = this.counts.get(indicator.code) as number[];
      // The last bin is open-ended: everything at or above the last edge.
      let bin = edges.findIndex((e, i) => i === edges.length - 1 || value < (edges[i + 1] as number));
      if (bin < 0) bin = edges.length - 1;
      counts[bin] = (counts[bin] as number) + 1;
    }
  }

  result(): Record<string, { edges: number[]; counts: number[] }> {
    const out: Record<string, { edges: number[]; counts: number[] }> = {};
    for (const indicator of this.catalog.indicators) {
      out[indicator.code] = {
        edges: this.edges.get(indicator.code) as number[],
        counts: [...(this.counts.get(indicator.code) as number[])],
      };
    }
    return out;
  }
}

/** Self-reported against verified figures, per field, over the units auditors checked. */
export class VerificationGaps {
  private readonly fields = new Map<
    string,
    { units: number; withGap: number; sumAbsGap: number; maxAbsGap: number }
  >();
  private units = 0;

  add(row: UnitRow): void {
    if (!row.verified) return;
    this.units += 1;
    for (const [field, f] of Object.entries(row.verified.fields)) {
      let s = this.fields.get(field);
      if (!s) this.fields.set(field, (s = { units: 0, withGap: 0, sumAbsGap: 0, maxAbsGap: 0 }));
      s.units += 1;
      if (f.gap !== null && f.gap !== 0) {
        s.withGap += 1;
        s.sumAbsGap += Math.abs(f.gap);
        s.maxAbsGap = Math.max(s.maxAbsGap, Math.abs(f.gap));
      }
    }
  }

  result() {
    const fields = Object.fromEntries(
      [...this.fields.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, { ...v }]),
    );
    return { unitsVerified: this.units, fields };
  }
}

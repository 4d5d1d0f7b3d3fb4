import type { Catalog, Indicator } from '#shared/catalog/index';
import type { ReportState } from '#shared/domain/report';
import type { Level, Unit } from '#shared/hierarchy';

/*
 * A second, deliberately simple implementation of the yearly rollup, for the independent recomputation test.
 * It shares only the catalog's data with the rollup code (field codes, formulas' operands, multipliers,
 * targets, points, tiers, outlier rules, bands, levels) and none of its functions: plain loops over arrays,
 * every number computed from the raw reports. Where it and the rollup disagree, one of them is wrong.
 */

type Values = Record<string, unknown>;
export interface Figure {
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  notApplicable?: true;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const empty = (v: unknown) => v === undefined || v === null || v === '';

function total(codes: readonly string[], values: Values): number | null {
  let t = 0;
  for (const c of codes) {
    const v = num(values[c]);
    if (v === null) return null;
    t += v;
  }
  return t;
}

function figure(ind: Indicator, values: Values): Figure {
  const na = ind.notApplicableWhen;
  if (na && !empty(values[na.field])) {
    const v = values[na.field];
    const holds =
      na.op === 'eq'
        ? v === na.value
        : na.op === 'ne'
          ? v !== na.value
          : (v as number) > (na.value as number);
    if (holds) return { numerator: null, denominator: null, value: null, notApplicable: true };
  }
  const denominator = ind.denominator ? total(ind.denominator, values) : 1;
  const numerator = total(ind.numerator, values);
  if (ind.numeratorIsShare) {
    // The unit reported a share of its denominator: that share is its value, and its count is share × base.
    if (numerator === null || !denominator) return { numerator: null, denominator, value: null };
    return {
      numerator: (numerator / 100) * denominator,
      denominator,
      value: (numerator / 100) * ind.multiplier,
    };
  }
  const value =
    numerator === null || denominator === null || denominator === 0
      ? null
      : (numerator / denominator) * ind.multiplier;
  return { numerator, denominator, value };
}

const target = (ind: Indicator, level: string) =>
  Object.hasOwn(ind.targets, level) ? ind.targets[level] : undefined;

function meets(ind: Indicator, level: string, value: number | null): boolean | null {
  const t = target(ind, level);
  if (value === null || t === undefined) return null;
  return ind.direction === 'higherIsBetter' ? value >= t : value <= t;
}

function points(ind: Indicator, level: string, value: number): number {
  const s = ind.scoring!;
  const up = ind.direction === 'higherIsBetter';
  if (s.method === 'tiers') {
    let best = 0;
    for (const t of s.tiers)
      if (up ? value >= t.threshold : value <= t.threshold) best = Math.max(best, t.points);
    return Math.min(best, s.maxPoints);
  }
  const full = (s.fullAt ?? target(ind, level)) as number;
  let share: number;
  if (up) share = full <= 0 ? 1 : value / full;
  else share = value <= full || value <= 0 ? 1 : full / value;
  return s.maxPoints * Math.max(0, Math.min(1, share));
}

function isOutlier(ind: Indicator, now: number | null, before: number | null): boolean {
  const rule = ind.outlier;
  if (!rule || now === null || before === null) return false;
  if (rule.maxAbsChange !== undefined && Math.abs(now - before) > rule.maxAbsChange) return true;
  if (!rule.ratio) return false;
  if (before === 0) return now !== 0 && rule.maxAbsChange === undefined;
  return now / before < rule.ratio.min || now / before > rule.ratio.max;
}

/** Sums of numerators over sums of denominators, over the figures that have data. */
function sumFigures(ind: Indicator, figures: (Figure | undefined)[]): Figure & { units: number } {
  let n = 0;
  let d = 0;
  let units = 0;
  for (const f of figures) {
    if (!f || f.value === null || f.numerator === null || f.denominator === null || f.denominator === 0)
      continue;
    n += f.numerator;
    d += f.denominator;
    units += 1;
  }
  return units
    ? { numerator: n, denominator: d, value: (n / d) * ind.multiplier, units }
    : { numerator: null, denominator: null, value: null, units };
}

const validOn = (u: Unit, day: string) => u.validFrom <= day && (!u.validTo || day <= u.validTo);

const counts = (r: ReportState | undefined) =>
  !!r && ['submitted', 'preliminary', 'objected', 'accepted'].includes(r.status);

/** The rollup's clock in the fixture: a preliminary result whose window closed before it is final. */
const lapsedBy = (r: ReportState, asOf: Date) =>
  r.status === 'preliminary' &&
  !!r.preliminary &&
  Date.parse(r.preliminary.objectionDeadline) <= asOf.getTime();

/** Evidence-required fields every backing document of which the auditors rejected. */
function rejectedEvidence(catalog: Catalog, report: ReportState, values: Values): string[] {
  const out: string[] = [];
  for (const f of catalog.fields) {
    const rule = f.evidence.rule;
    const needed = rule === 'required' || (rule === 'requiredIfTrue' && values[f.code] === true);
    if (!needed) continue;
    const ids = new Set(report.evidenceByField?.[f.code] ?? []);
    for (const [id, d] of Object.entries(report.documents ?? {})) if (d.fields.includes(f.code)) ids.add(id);
    if (ids.size && [...ids].every((id) => report.documents?.[id]?.verdict === 'rejected')) out.push(f.code);
  }
  return out;
}

function officialOf(report: ReportState, asOf?: Date) {
  const verified: Record<string, { reported: unknown; verified: unknown; gap: number | null }> = {};
  let touched = false;
  const checks = { ...report.verification };
  for (const [field, o] of Object.entries(report.objections ?? {}))
    if (o.answer?.verdict === 'upheld')
      checks[field] = { value: o.answer.value ?? null, by: o.answer.by, at: o.answer.at };
  for (const field of Object.keys(checks).sort()) {
    const v = checks[field]!;
    if (v.at < (report.submittedAt ?? '')) continue;
    touched = true;
    if (v.value === undefined) continue;
    const a = num(report.values[field]);
    const b = num(v.value);
    verified[field] = {
      reported: report.values[field] ?? null,
      verified: v.value ?? null,
      gap: a !== null && b !== null ? a - b : null,
    };
  }
  const values: Values = { ...report.values };
  for (const [f, v] of Object.entries(verified)) values[f] = v.verified;
  let state = touched ? 'under_review' : 'self_reported';
  if (report.status === 'preliminary' || report.status === 'objected') state = 'preliminary';
  if (report.status === 'accepted' || (asOf && lapsedBy(report, asOf))) state = 'accepted';
  return { values, verified, state };
}

export function recompute(
  catalog: Catalog,
  previousCatalog: Catalog,
  year: number,
  /** The levels of the year's hierarchy, highest first. */
  levels: readonly Pick<Level, 'id'>[],
  allUnits: readonly Unit[],
  reports: readonly ReportState[],
  asOf: Date,
) {
  const byId = new Map(allUnits.map((u) => [u.id, u]));
  // The year's units: those of its 31 December.
  const units = allUnits.filter((u) => validOn(u, `${year}-12-31`));
  const lastDay = `${year - 1}-12-31`;
  const lastYearOf = (report: ReportState | undefined) =>
    counts(report)
      ? Object.fromEntries(
          previousCatalog.indicators.map((i) => [i.code, figure(i, officialOf(report!).values)]),
        )
      : undefined;
  const comparedPredecessors = new Set<string>();
  const reportOf = (y: number, id: string) => reports.find((r) => r.year === y && r.unitId === id);
  const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : 1));
  const booleans = catalog.fields.filter((f) => f.type === 'boolean').map((f) => f.code);

  const rows: Record<string, unknown>[] = [];
  for (const unit of sorted) {
    const report = reportOf(year, unit.id);
    if (!unit.reports && !report) continue;
    const status =
      !report || report.version === 0
        ? 'not_started'
        : report.status === 'submitted' && report.late
          ? 'late'
          : lapsedBy(report, asOf)
            ? 'accepted'
            : report.status;
    const row: Record<string, unknown> = {
      unitId: unit.id,
      level: unit.level,
      ...(unit.parentId ? { parentId: unit.parentId } : {}),
      expected: unit.reports,
      status,
      late: report?.late ?? false,
      reported: counts(report),
    };
    // Itself last year, or (formed since by merger) its predecessors' reports, all of which must count.
    let before: Record<string, Figure> | undefined;
    let comparedWith: { basis: string; predecessors?: string[] };
    if (validOn(unit, lastDay)) {
      before = lastYearOf(reportOf(year - 1, unit.id));
      comparedWith = { basis: 'same' };
    } else if (!unit.predecessors?.length) {
      comparedWith = { basis: 'new' };
    } else {
      const ids = unit.predecessors.map((p) => p.unitId).sort();
      const parts = ids.map((id) => lastYearOf(reportOf(year - 1, id)));
      const whole = unit.predecessors.every((p) => p.change !== 'split');
      if (whole && parts.every((p) => p)) {
        before = Object.fromEntries(
          previousCatalog.indicators.map((i) => {
            const { units: _u, ...f } = sumFigures(
              i,
              parts.map((p) => p![i.code]),
            );
            return [i.code, f];
          }),
        );
        for (const id of ids) comparedPredecessors.add(id);
        comparedWith = { basis: 'predecessors', predecessors: ids };
      } else comparedWith = { basis: 'notComparable', predecessors: ids };
    }
    row.lastYear = before;
    rows.push(row);
    if (!counts(report)) continue;
    const o = officialOf(report!, asOf);
    const unsupported = rejectedEvidence(catalog, report!, o.values);
    const effects = catalog.indicators
      .filter((i) => [...i.numerator, ...(i.denominator ?? [])].some((f) => unsupported.includes(f)))
      .map((i) => ({ indicator: i.code, effect: i.whenEvidenceRejected ?? 'flag' }));
    const indicators = Object.fromEntries(catalog.indicators.map((i) => [i.code, figure(i, o.values)]));
    const answers = Object.fromEntries(
      booleans.map((f) => [f, typeof o.values[f] === 'boolean' ? o.values[f] : null]),
    );
    let pts = 0;
    let applicableMax = 0;
    let fullMax = 0;
    const notApplicable: string[] = [];
    for (const i of catalog.indicators) {
      if (!i.scoring) continue;
      if (
        i.scoring.method === 'ratio' &&
        i.scoring.fullAt === undefined &&
        target(i, unit.level) === undefined
      )
        continue;
      fullMax += i.scoring.maxPoints;
      const f = indicators[i.code]!;
      if (f.notApplicable) {
        notApplicable.push(i.code);
        continue;
      }
      applicableMax += i.scoring.maxPoints;
      const unproven = effects.some((e) => e.indicator === i.code && e.effect === 'noPoints');
      if (f.value !== null && !unproven) pts += points(i, unit.level, f.value);
    }
    const share = applicableMax ? pts / applicableMax : 0;
    const band = [...catalog.bands].sort((a, b) => b.minShare - a.minShare).find((b) => share >= b.minShare)!;
    Object.assign(row, {
      verification: o.state,
      comparedWith,
      indicators,
      answers,
      score: { points: pts, applicableMax, fullMax, score: share * 100, share, band: band.id, notApplicable },
      ...(unsupported.length ? { evidence: { unsupported, effects } } : {}),
      ...(before
        ? {
            previous: Object.fromEntries(
              catalog.indicators.map((i) => [i.code, before[i.code]?.value ?? null]),
            ),
          }
        : {}),
      change: Object.fromEntries(
        catalog.indicators.map((i) => {
          const a = indicators[i.code]!.value;
          const b = before?.[i.code]?.value ?? null;
          return [i.code, a !== null && b !== null ? a - b : null];
        }),
      ),
      meetsTarget: Object.fromEntries(
        catalog.indicators.map((i) => [i.code, meets(i, unit.level, indicators[i.code]!.value)]),
      ),
      outliers: catalog.indicators
        .filter((i) => isOutlier(i, indicators[i.code]!.value, before?.[i.code]?.value ?? null))
        .map((i) => i.code),
    });
    if (Object.keys(o.verified).length) {
      const self = Object.fromEntries(catalog.indicators.map((i) => [i.code, figure(i, report!.values)]));
      row.verified = {
        fields: o.verified,
        selfReported: self,
        gaps: Object.fromEntries(
          catalog.indicators.map((i) => {
            const a = self[i.code]!.value;
            const b = indicators[i.code]!.value;
            return [i.code, a !== null && b !== null ? a - b : null];
          }),
        ),
      };
      row.selfReportedFigures = self;
    }
  }

  // Groups: the province, each level, and every ancestor of a unit in the pass.
  const ancestors = (u: Unit): string[] => {
    const out: string[] = [];
    for (let p = u.parentId; p && !out.includes(p); p = byId.get(p)?.parentId) out.push(p);
    return out;
  };
  const keysOf = (u: Unit) => ['overall', `level:${u.level}`, ...ancestors(u).map((a) => `parent:${a}`)];
  const groupKeys = new Set<string>();
  for (const row of rows) for (const k of keysOf(byId.get(row.unitId as string)!)) groupKeys.add(k);
  const groups: Record<string, Record<string, unknown>> = {};
  for (const key of groupKeys) {
    const members = rows.filter((r) => keysOf(byId.get(r.unitId as string)!).includes(key));
    const reported = members.filter((r) => r.reported);
    const level = key.startsWith('level:') ? key.slice(6) : undefined;
    const sumOf = sumFigures;
    const indicators: Record<string, unknown> = {};
    for (const i of catalog.indicators) {
      const official = sumOf(
        i,
        reported.map((r) => (r.indicators as Record<string, Figure>)[i.code]),
      );
      const self = sumOf(
        i,
        reported.map((r) => ((r.selfReportedFigures ?? r.indicators) as Record<string, Figure>)[i.code]),
      );
      const previous = sumOf(
        i,
        members.map((r) => (r.lastYear as Record<string, Figure> | undefined)?.[i.code]),
      );
      const withTarget = reported.filter(
        (r) => (r.meetsTarget as Record<string, boolean | null>)[i.code] !== null,
      );
      const t = level ? target(i, level) : undefined;
      indicators[i.code] = {
        numerator: official.numerator,
        denominator: official.denominator,
        value: official.value,
        unitsWithData: official.units,
        unitsNotApplicable: reported.filter(
          (r) => (r.indicators as Record<string, Figure>)[i.code]?.notApplicable,
        ).length,
        selfReported: { numerator: self.numerator, denominator: self.denominator, value: self.value },
        gap: self.value !== null && official.value !== null ? self.value - official.value : null,
        target:
          t === undefined
            ? null
            : {
                op: i.direction === 'higherIsBetter' ? '>=' : '<=',
                value: t,
                source: i.targetSources?.[level!] ?? 'system-default',
              },
        met: level ? meets(i, level, official.value) : null,
        unitsWithTarget: withTarget.length,
        unitsMeetingTarget: withTarget.filter((r) => (r.meetsTarget as Record<string, boolean>)[i.code])
          .length,
        previous: previous.value,
        change: official.value !== null && previous.value !== null ? official.value - previous.value : null,
      };
    }
    const answers: Record<string, unknown> = {};
    for (const f of booleans) {
      const given = reported
        .map((r) => (r.answers as Record<string, boolean | null>)[f])
        .filter((v) => v !== null);
      const yes = given.filter(Boolean).length;
      answers[f] = { yes, answered: given.length, share: given.length ? (100 * yes) / given.length : null };
    }
    const expected = members.filter((r) => r.expected);
    groups[key] = {
      completeness: {
        expected: expected.length,
        reported: reported.length,
        onTime: reported.filter((r) => !r.late).length,
        late: reported.filter((r) => r.late).length,
        missing: expected.filter((r) => !r.reported).length,
      },
      verification: Object.fromEntries(
        ['accepted', 'preliminary', 'under_review', 'self_reported'].map((s) => [
          s,
          reported.filter((r) => r.verification === s).length,
        ]),
      ),
      indicators,
      answers,
    };
  }

  // The ranking, level by level in the catalog's order.
  const ranking = levels.flatMap((l) => {
    const scored = rows
      .filter((r) => r.score && r.level === l.id)
      .map((r) => ({ unitId: r.unitId as string, ...(r.score as { points: number; share: number }) }))
      .sort((a, b) => b.share - a.share || b.points - a.points || (a.unitId < b.unitId ? -1 : 1));
    if (!scored.length) return [];
    const ranked = scored.map((e, k) => ({ unitId: e.unitId, rank: 0, share: e.share, k }));
    ranked.forEach(
      (e, k) => (e.rank = k > 0 && e.share === ranked[k - 1]!.share ? ranked[k - 1]!.rank : k + 1),
    );
    return [{ level: l.id, units: ranked.map((e) => ({ unitId: e.unitId, rank: e.rank })) }];
  });

  // Distributions: ten bins, percentages by tens, others up to twice the highest target.
  const distributions: Record<string, { edges: number[]; counts: number[] }> = {};
  for (const i of catalog.indicators) {
    const targets = Object.values(i.targets).filter((t): t is number => typeof t === 'number' && t > 0);
    const top = i.unit.en === '%' ? 100 : targets.length ? Math.max(...targets) * 2 : 1;
    const edges = Array.from({ length: 11 }, (_, k) => (top * k) / 10);
    const binCounts = edges.map(() => 0);
    for (const r of rows) {
      const v = (r.indicators as Record<string, Figure> | undefined)?.[i.code]?.value;
      if (v === null || v === undefined) continue;
      let k = 0;
      while (k < edges.length - 1 && v >= edges[k + 1]!) k += 1;
      binCounts[k]! += 1;
    }
    distributions[i.code] = { edges, counts: binCounts };
  }

  // Verification gaps per field.
  const fields: Record<string, { units: number; withGap: number; sumAbsGap: number; maxAbsGap: number }> = {};
  let unitsVerified = 0;
  for (const r of rows) {
    const v = r.verified as { fields: Record<string, { gap: number | null }> } | undefined;
    if (!v) continue;
    unitsVerified += 1;
    for (const [f, g] of Object.entries(v.fields)) {
      fields[f] ??= { units: 0, withGap: 0, sumAbsGap: 0, maxAbsGap: 0 };
      fields[f].units += 1;
      if (g.gap) {
        fields[f].withGap += 1;
        fields[f].sumAbsGap += Math.abs(g.gap);
        fields[f].maxAbsGap = Math.max(fields[f].maxAbsGap, Math.abs(g.gap));
      }
    }
  }

  const inHierarchy = new Set(units.map((u) => u.id));
  return {
    rows,
    groups,
    ranking,
    distributions,
    verification: {
      unitsVerified,
      fields: Object.fromEntries(Object.entries(fields).sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    missingUnits: rows
      .filter((r) => r.expected && !r.reported)
      .map((r) => ({ unitId: r.unitId, status: r.status })),
    orphanReports: reports.filter((r) => r.year === year && !inHierarchy.has(r.unitId)).length,
    previousOrphanReports: reports.filter(
      (r) => r.year === year - 1 && !inHierarchy.has(r.unitId) && !comparedPredecessors.has(r.unitId),
    ).length,
  };
}

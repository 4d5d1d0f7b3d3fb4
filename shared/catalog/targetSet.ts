import type { FieldIssue } from '../contract/errors.ts';
import { bi } from '../contract/i18n.ts';
import { SYSTEM_DEFAULT_SOURCE } from './sources.ts';
import type { Band, Catalog, Indicator, Scoring, Source } from './types.ts';

/*
 * A year's targets, point weights and band cut-offs, as data with their sources. Version 0 is the catalog's
 * defaults; each change an admin makes is a new version (stored, audited). The rollup scores with the set's
 * values and names the set in every output.
 */

export interface SourcedValue {
  readonly value: number;
  /** An id of the set's sources (the system default included). */
  readonly source: string;
}

export interface IndicatorTargets {
  /** Per level id. */
  readonly targets: Readonly<Record<string, SourcedValue>>;
  /** Scored indicators only. */
  readonly maxPoints?: SourcedValue;
}

export interface BandCutOff {
  readonly id: string;
  /** Lowest share of the applicable maximum (0–1): a score of minShare × 100. */
  readonly minShare: number;
  readonly source: string;
}

export interface TargetSet {
  readonly year: number;
  /** 0: the catalog's defaults; 1, 2, …: each change an admin made. */
  readonly version: number;
  readonly sources: readonly Source[];
  readonly indicators: Readonly<Record<string, IndicatorTargets>>;
  readonly bands: readonly BandCutOff[];
  readonly setBy?: string;
  readonly setAt?: string;
}

/** What an admin sends: any indicators, levels and weights to change, the bands, and the documents cited. */
export interface TargetSetInput {
  readonly sources?: readonly Source[];
  readonly indicators?: Readonly<
    Record<
      string,
      { readonly targets?: Readonly<Record<string, SourcedValue>>; readonly maxPoints?: SourcedValue }
    >
  >;
  readonly bands?: readonly BandCutOff[];
}

/** The name every output carries: `2025 v0 (mặc định / default)`, `2025 v3`. */
export const targetSetName = (set: Pick<TargetSet, 'year' | 'version'>): string =>
  `${set.year}.v${set.version}`;

const sourceOr = (id: string | undefined) => id ?? SYSTEM_DEFAULT_SOURCE.id;

/** The levels a catalog sets targets for: those of its year's hierarchy (catalog/years.ts). */
const levelIdsOf = (catalog: Catalog): ReadonlySet<string> =>
  new Set(catalog.indicators.flatMap((i) => Object.keys(i.targets)));

export function defaultTargetSet(catalog: Catalog): TargetSet {
  const indicators: Record<string, IndicatorTargets> = {};
  for (const i of catalog.indicators) {
    const targets: Record<string, SourcedValue> = {};
    for (const [level, value] of Object.entries(i.targets)) {
      if (value !== undefined) targets[level] = { value, source: sourceOr(i.targetSources?.[level]) };
    }
    indicators[i.code] = {
      targets,
      ...(i.scoring ? { maxPoints: { value: i.scoring.maxPoints, source: SYSTEM_DEFAULT_SOURCE.id } } : {}),
    };
  }
  return {
    year: catalog.year,
    version: 0,
    sources: catalog.sources,
    indicators,
    bands: catalog.bands.map((b) => ({ id: b.id, minShare: b.minShare, source: sourceOr(b.source) })),
  };
}

/** Tier points keep their proportion of the maximum when a set changes the maximum. */
function reweighted(scoring: Scoring, maxPoints: number): Scoring {
  if (scoring.method === 'ratio') return { ...scoring, maxPoints };
  const k = maxPoints / scoring.maxPoints;
  return { ...scoring, maxPoints, tiers: scoring.tiers.map((t) => ({ ...t, points: t.points * k })) };
}

/** The catalog as the set says: its targets, weights and cut-offs in place of the defaults. */
export function applyTargetSet(catalog: Catalog, set: TargetSet): Catalog {
  const indicators: Indicator[] = catalog.indicators.map((i) => {
    const t = set.indicators[i.code];
    if (!t) return i;
    const targets = Object.fromEntries(Object.entries(t.targets).map(([level, v]) => [level, v.value]));
    const targetSources = Object.fromEntries(
      Object.entries(t.targets).map(([level, v]) => [level, v.source]),
    );
    return {
      ...i,
      targets,
      targetSources,
      ...(i.scoring && t.maxPoints ? { scoring: reweighted(i.scoring, t.maxPoints.value) } : {}),
    };
  });
  const cutOffs = new Map(set.bands.map((b) => [b.id, b]));
  const bands: Band[] = catalog.bands.map((b) => {
    const c = cutOffs.get(b.id);
    return c ? { ...b, minShare: c.minShare, source: c.source } : b;
  });
  return { ...catalog, indicators, bands, sources: set.sources, targetSet: targetSetName(set) };
}

const issue = (path: string, code: string, vi: string, en: string): FieldIssue => ({
  path,
  code,
  message: bi(vi, en),
});

const SOURCE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * The set an admin's input makes over the current one, or the problems with it (paths into the input). Every
 * value must cite a source that the set knows, the system default included, so that nothing claims a
 * document it does not have.
 */
export function resolveTargetSet(
  catalog: Catalog,
  current: TargetSet,
  input: TargetSetInput,
  by: { version: number; setBy: string; setAt: string },
): { set: TargetSet; problems: [] } | { set?: undefined; problems: FieldIssue[] } {
  const problems: FieldIssue[] = [];
  const builtIn = new Set(catalog.sources.map((s) => s.id));
  const sources = new Map(current.sources.map((s) => [s.id, s]));
  (input.sources ?? []).forEach((s, k) => {
    if (!SOURCE_ID.test(s.id)) {
      problems.push(
        issue(
          `sources.${k}.id`,
          'invalid_source_id',
          'Mã nguồn chỉ gồm chữ thường, số và dấu gạch ngang',
          'A source id is lower-case letters, digits and hyphens',
        ),
      );
    } else if (builtIn.has(s.id)) {
      problems.push(
        issue(
          `sources.${k}.id`,
          'builtin_source',
          `Nguồn "${s.id}" có sẵn trong hệ thống, không sửa được`,
          `Source "${s.id}" is built in and cannot be changed`,
        ),
      );
    } else if (!s.document?.trim()) {
      problems.push(
        issue(
          `sources.${k}.document`,
          'document_required',
          'Cần số hiệu văn bản; nếu không có văn bản, dùng nguồn "system-default"',
          'A document number is needed; with no document, cite "system-default"',
        ),
      );
    } else sources.set(s.id, s);
  });
  const known = (id: string) => sources.has(id);
  const cite = (path: string, id: string) => {
    if (!known(id))
      problems.push(
        issue(
          `${path}.source`,
          'unknown_source',
          `Nguồn "${id}" chưa được khai báo trong "sources"`,
          `Source "${id}" is not declared in "sources"`,
        ),
      );
  };
  const levels = levelIdsOf(catalog);
  const byCode = new Map(catalog.indicators.map((i) => [i.code, i]));
  const indicators: Record<string, IndicatorTargets> = { ...current.indicators };
  for (const [code, change] of Object.entries(input.indicators ?? {})) {
    const indicator = byCode.get(code);
    if (!indicator) {
      problems.push(
        issue(
          `indicators.${code}`,
          'unknown_indicator',
          `Chỉ tiêu "${code}" không có trong danh mục năm ${catalog.year}`,
          `Indicator "${code}" is not in the ${catalog.year} catalog`,
        ),
      );
      continue;
    }
    const was = current.indicators[code] ?? { targets: {} };
    const targets: Record<string, SourcedValue> = { ...was.targets };
    for (const [level, t] of Object.entries(change.targets ?? {})) {
      const path = `indicators.${code}.targets.${level}`;
      if (!levels.has(level)) {
        problems.push(
          issue(path, 'unknown_level', `Cấp "${level}" không tồn tại`, `Level "${level}" does not exist`),
        );
        continue;
      }
      const ceiling = indicator.unit.en === '%' ? 100 : 1_000_000;
      if (!Number.isFinite(t.value) || t.value < 0 || t.value > ceiling) {
        problems.push(
          issue(
            `${path}.value`,
            'out_of_range',
            `Mục tiêu phải từ 0 đến ${ceiling}`,
            `A target must be between 0 and ${ceiling}`,
          ),
        );
      }
      cite(path, t.source);
      targets[level] = { value: t.value, source: t.source };
    }
    let maxPoints = was.maxPoints;
    if (change.maxPoints) {
      const path = `indicators.${code}.maxPoints`;
      if (!indicator.scoring) {
        problems.push(
          issue(path, 'not_scored', 'Chỉ tiêu này không được chấm điểm', 'This indicator is not scored'),
        );
      } else if (
        !Number.isFinite(change.maxPoints.value) ||
        change.maxPoints.value <= 0 ||
        change.maxPoints.value > 1000
      ) {
        problems.push(
          issue(
            `${path}.value`,
            'out_of_range',
            'Điểm tối đa phải từ trên 0 đến 1000',
            'Points must be above 0 and at most 1000',
          ),
        );
      }
      cite(path, change.maxPoints.source);
      maxPoints = change.maxPoints;
    }
    indicators[code] = { targets, ...(maxPoints ? { maxPoints } : {}) };
  }
  let bands = current.bands;
  if (input.bands) {
    const ids = catalog.bands.map((b) => b.id);
    if (input.bands.map((b) => b.id).join() !== ids.join()) {
      problems.push(
        issue(
          'bands',
          'bands_mismatch',
          `Cần đủ các mức xếp loại theo thứ tự: ${ids.join(', ')}`,
          `Every band is needed, in order: ${ids.join(', ')}`,
        ),
      );
    }
    input.bands.forEach((b, k) => {
      const below = input.bands?.[k + 1];
      if (!(b.minShare >= 0 && b.minShare <= 1) || (below && !(b.minShare > below.minShare))) {
        problems.push(
          issue(
            `bands.${k}.minShare`,
            'out_of_order',
            'Ngưỡng xếp loại từ 0 đến 1, giảm dần',
            'Band cut-offs run from 1 down to 0, each below the one before',
          ),
        );
      }
      cite(`bands.${k}`, b.source);
    });
    if (input.bands.at(-1)?.minShare !== 0) {
      problems.push(
        issue(
          `bands.${input.bands.length - 1}.minShare`,
          'lowest_band',
          'Mức thấp nhất phải bắt đầu từ 0',
          'The lowest band must start at 0',
        ),
      );
    }
    bands = input.bands.map((b) => ({ id: b.id, minShare: b.minShare, source: b.source }));
  }
  if (problems.length) return { problems };
  // Only the sources something cites stay with the set, the system default always.
  const cited = new Set([
    SYSTEM_DEFAULT_SOURCE.id,
    ...bands.map((b) => b.source),
    ...Object.values(indicators).flatMap((i) => [
      ...Object.values(i.targets).map((t) => t.source),
      ...(i.maxPoints ? [i.maxPoints.source] : []),
    ]),
  ]);
  return {
    set: {
      year: catalog.year,
      version: by.version,
      sources: [...sources.values()].filter((s) => cited.has(s.id) || builtIn.has(s.id)),
      indicators,
      bands,
      setBy: by.setBy,
      setAt: by.setAt,
    },
    problems: [],
  };
}

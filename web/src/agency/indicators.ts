import { computeIndicators } from '#shared/catalog/formulas';
import { meetsTarget, targetFor } from '#shared/catalog/scoring';
import { indicatorInputs } from '#shared/catalog/conditions';
import type { Indicator, ReportValues } from '#shared/catalog/types';
import { asCatalog } from '../catalog.ts';
import { h } from '../dom.ts';
import { L, fmtNumber } from '../i18n.ts';
import { A } from './messages.ts';
import type { LevelRef, PublicCatalog } from '../types.ts';

export function formatIndicator(indicator: Indicator, value: number): string {
  const unit = L(indicator.unit);
  return indicator.unit.en === '%' ? `${fmtNumber(value, 1)}%` : `${fmtNumber(value, 2)} ${unit}`;
}

/** A level's name from the hierarchy's levels (GET /units), or undefined for an unknown level. */
export function levelName(levels: readonly LevelRef[], level: string | undefined): string | undefined {
  const found = levels.find((l) => l.id === level);
  return found ? L(found.name) : undefined;
}

/**
 * A section's derived indicators, recomputed with the same formulas the rollup uses, next to the target for
 * the unit's level. Shown as the user types so a surprising ratio is caught while the figures are at hand.
 */
export function indicatorPanel(
  catalog: PublicCatalog,
  codes: readonly string[],
  level: LevelRef | undefined,
): { element: HTMLElement; update(values: ReportValues, untrusted: ReadonlySet<string>): void } {
  const indicators = catalog.indicators.filter((i) => codes.includes(i.code));
  const rows = indicators.map((indicator) => {
    const value = h('output', { class: 'indicator__value' });
    const target = targetFor(indicator, level?.id ?? '');
    const badge = h('span', { class: 'badge' });
    const row = h(
      'li',
      { class: 'indicator', 'data-indicator': indicator.code },
      h('span', { class: 'indicator__label' }, `${L(indicator.label)}: `),
      value,
      target && level
        ? h(
            'span',
            { class: 'indicator__target' },
            L(
              A.target(
                L(level.name),
                target.op === '>=' ? '≥' : '≤',
                formatIndicator(indicator, target.value),
              ),
            ),
          )
        : null,
      badge,
    );
    return { indicator, value, badge, row };
  });
  const element = h(
    'div',
    { class: 'indicators', hidden: rows.length === 0 },
    h('p', { class: 'indicators__title' }, L(A.indicators)),
    h(
      'ul',
      null,
      rows.map((r) => r.row),
    ),
  );
  return {
    element,
    update(values, untrusted) {
      const computed = computeIndicators(asCatalog(catalog), values);
      for (const r of rows) {
        const v = computed[r.indicator.code]?.value ?? null;
        r.value.textContent = v === null ? L(A.noData) : formatIndicator(r.indicator, v);
        r.value.classList.toggle('muted', v === null);
        const doubtful = indicatorInputs(r.indicator).some((code) => untrusted.has(code));
        const met = level ? meetsTarget(r.indicator, level.id, v) : null;
        r.badge.hidden = met === null;
        r.badge.textContent = doubtful ? L(A.inputsBroken) : met ? L(A.met) : L(A.notMet);
        r.badge.className = `badge ${met && !doubtful ? 'badge--ok' : doubtful ? 'badge--error' : 'badge--warn'}`;
      }
    },
  };
}

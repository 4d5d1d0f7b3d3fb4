import type { CatalogField, FieldValue } from '#shared/catalog/types';
import { h } from '../dom.ts';
import { formatValue } from '../format.ts';
import { L } from '../i18n.ts';
import type { Conflict } from './drafts.ts';
import { A } from './messages.ts';

/**
 * The fields both this computer and someone else changed: both values side by side, and nothing is sent for
 * them until the user has picked one of each.
 */
export function conflictPanel(opts: {
  conflicts: readonly Conflict[];
  fieldOf: (code: string) => CatalogField | undefined;
  onChoose: (chosen: Record<string, FieldValue | undefined>) => void;
}): HTMLElement {
  const chosen = new Map<string, FieldValue | undefined>();
  const apply = h(
    'button',
    { type: 'button', class: 'button button--primary', disabled: true, 'data-action': 'resolve-conflicts' },
    L(A.conflictApply),
  );
  const shown = (field: CatalogField | undefined, v: FieldValue | undefined) =>
    v === undefined ? L(A.conflictEmpty) : formatValue(field, v);
  const rows = opts.conflicts.map((c) => {
    const field = opts.fieldOf(c.code);
    const name = `conflict-${c.code}`;
    const option = (side: 'mine' | 'theirs', label: string, v: FieldValue | undefined) => {
      const id = `${name}-${side}`;
      const input = h('input', { type: 'radio', name, id, value: side, 'data-side': side });
      input.addEventListener('change', () => {
        chosen.set(c.code, v);
        apply.disabled = chosen.size < opts.conflicts.length;
      });
      return h(
        'div',
        { class: 'choice' },
        input,
        h('label', { for: id }, `${label}: `, h('strong', { 'data-value': side }, shown(field, v))),
      );
    };
    return h(
      'fieldset',
      { class: 'conflict', 'data-conflict': c.code },
      h('legend', null, field ? L(field.label) : c.code),
      option('mine', L(A.conflictMine), c.mine),
      option('theirs', L(A.conflictTheirs), c.theirs),
    );
  });
  apply.addEventListener('click', () => opts.onChoose(Object.fromEntries(chosen)));
  return h(
    'section',
    {
      class: 'notice notice--warn conflict-panel',
      id: 'conflict-panel',
      tabindex: -1,
      'aria-labelledby': 'conflict-panel-h',
    },
    h('h2', { id: 'conflict-panel-h' }, L(A.conflictHeading)),
    h('p', null, L(A.conflictIntro)),
    ...rows,
    apply,
  );
}

import type { Source } from '#shared/catalog/types';
import type { BodyOf } from '#shared/contract/api';
import { etagOf } from '#shared/contract/params';
import type { TargetSetView } from '#shared/contract/wire';
import { ApiError, call } from '../api.ts';
import { columnHeads, h } from '../dom.ts';
import { L, fmtDateTime } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import { person } from '../people.ts';
import type { Level, PublicCatalog } from '../types.ts';
import { A } from './messages.ts';

type Sourced = { readonly value: number; readonly source: string };
type TargetsBody = BodyOf<'putTargets'>;
type NewSource = NonNullable<TargetsBody['sources']>[number];

/** A value and the document it cites, as one cell: the number, then the source chosen from the set's own. */
interface SourcedInput {
  readonly value: HTMLInputElement;
  readonly source: HTMLSelectElement;
  readonly was: Sourced | undefined;
}

const sourceLabel = (s: Source) => (s.document ? `${s.document} — ${L(s.title)}` : L(s.title));

/**
 * The year's targets, point weights and band cut-offs, each beside the document it cites, edited and saved as
 * a new version with PUT /targets under If-Match: two admins editing at once cannot overwrite each other.
 * Only what changed is sent, so the audit log's entry says what the admin changed.
 */
export function targetsSection(
  year: number,
  initial: TargetSetView,
  catalog: PublicCatalog,
  levels: readonly Level[],
  onSessionEnded: (e: unknown) => void,
): HTMLElement {
  const section = h('section', { class: 'admin-card', 'aria-labelledby': 'targets-h', id: 'admin-targets' });
  const levelName = (id: string) => L(levels.find((l) => l.id === id)?.name) || id;

  const draw = (set: TargetSetView, saved?: string) => {
    let sources: Source[] = [...set.sources];
    const added: NewSource[] = [];
    const selects: HTMLSelectElement[] = [];
    const sourceSelect = (id: string, label: string, chosen: string) => {
      const select = h('select', { id, 'aria-label': L(A.sourceOf(label)) });
      select.dataset.chosen = chosen;
      selects.push(select);
      return select;
    };
    const fillSelects = () => {
      for (const select of selects) {
        const chosen = select.value || select.dataset.chosen || '';
        select.replaceChildren(...sources.map((s) => h('option', { value: s.id }, sourceLabel(s))));
        select.value = chosen;
      }
    };
    const cell = (id: string, label: string, was: Sourced | undefined, step: string): SourcedInput => ({
      value: h('input', {
        id,
        type: 'number',
        inputmode: 'decimal',
        step,
        min: '0',
        'aria-label': label,
        value: was ? String(was.value) : '',
      }),
      source: sourceSelect(`${id}-src`, label, was?.source ?? ''),
      was,
    });

    const targetLevels = [
      ...new Set(Object.values(set.indicators).flatMap((i) => Object.keys(i.targets))),
    ].sort((a, b) => levels.findIndex((l) => l.id === a) - levels.findIndex((l) => l.id === b));
    const cells = new Map<string, SourcedInput>();
    const rows = catalog.indicators.map((indicator) => {
      const t = set.indicators[indicator.code];
      const name = L(indicator.label);
      const td = (path: string, label: string, was: Sourced | undefined, step: string) => {
        const c = cell(`t-${path.replaceAll('.', '-')}`, label, was, step);
        cells.set(path, c);
        return h('td', { class: 'sourced' }, c.value, c.source);
      };
      return h(
        'tr',
        { 'data-indicator': indicator.code },
        h('th', { scope: 'row' }, name, h('span', { class: 'muted' }, ` (${L(indicator.unit)})`)),
        targetLevels.map((level) =>
          t?.targets[level]
            ? td(
                `indicators.${indicator.code}.targets.${level}`,
                L(A.targetFor(name, levelName(level))),
                t.targets[level],
                'any',
              )
            : h('td', { class: 'muted' }, '—'),
        ),
        t?.maxPoints
          ? td(`indicators.${indicator.code}.maxPoints`, L(A.pointsFor(name)), t.maxPoints, 'any')
          : h('td', { class: 'muted' }, '—'),
      );
    });

    // Cut-offs in points out of 100, as councils write them; the lowest band starts at 0 by definition.
    const bandCells = set.bands.map((b, k) => {
      const band = catalog.bands.find((x) => x.id === b.id);
      const c = cell(
        `b-${b.id}`,
        L(A.bandFrom(L(band?.label) || b.id)),
        { value: Math.round(b.minShare * 10000) / 100, source: b.source },
        'any',
      );
      if (k === set.bands.length - 1) c.value.readOnly = true;
      return { id: b.id, label: band?.label, ...c };
    });

    const sId = h('input', { id: 'src-id', type: 'text', autocomplete: 'off', maxlength: 63 });
    const sDoc = h('input', { id: 'src-doc', type: 'text', autocomplete: 'off', maxlength: 200 });
    const sVi = h('input', { id: 'src-vi', type: 'text', autocomplete: 'off', maxlength: 300 });
    const sEn = h('input', { id: 'src-en', type: 'text', autocomplete: 'off', maxlength: 300 });
    const sError = h('p', { class: 'field__error', role: 'alert', hidden: true });
    const sourceList = h('ul', { class: 'sources' });
    const drawSources = () =>
      sourceList.replaceChildren(
        ...sources.map((s) =>
          h(
            'li',
            { 'data-source': s.id },
            h('code', null, s.id),
            ' ',
            sourceLabel(s),
            added.some((a) => a.id === s.id) ? h('span', { class: 'badge' }, L(A.sourceNew)) : null,
          ),
        ),
      );
    const addSource = () => {
      const source: NewSource = {
        id: sId.value.trim(),
        document: sDoc.value.trim(),
        title: { vi: sVi.value.trim(), en: sEn.value.trim() || sVi.value.trim() },
      };
      const problem = !source.id
        ? A.needSourceId
        : sources.some((s) => s.id === source.id)
          ? A.sourceTaken(source.id)
          : !source.document
            ? A.needSourceDocument
            : !source.title.vi
              ? A.needSourceTitle
              : undefined;
      sError.hidden = !problem;
      sError.textContent = problem ? L(problem) : '';
      if (problem) return;
      added.push(source);
      sources = [...sources, source];
      for (const input of [sId, sDoc, sVi, sEn]) input.value = '';
      drawSources();
      fillSelects();
    };

    // An emptied box is sent as it is (not a number), so the server names it rather than the page guessing.
    const changed = (c: SourcedInput): Sourced | undefined => {
      const value = c.value.value === '' ? Number.NaN : Number(c.value.value);
      const now = { value, source: c.source.value };
      return c.was && c.was.value === value && c.was.source === now.source ? undefined : now;
    };
    const input = (): TargetsBody => {
      const indicators: Record<string, { targets?: Record<string, Sourced>; maxPoints?: Sourced }> = {};
      for (const [path, c] of cells) {
        const [, code, kind, level] = path.split('.') as [string, string, string, string?];
        const now = changed(c);
        if (!now) continue;
        const entry = (indicators[code] ??= {});
        if (kind === 'maxPoints') entry.maxPoints = now;
        else (entry.targets ??= {})[level as string] = now;
      }
      const bandsChanged = bandCells.some((c) => changed(c));
      return {
        ...(added.length ? { sources: added } : {}),
        ...(Object.keys(indicators).length ? { indicators } : {}),
        ...(bandsChanged
          ? {
              bands: bandCells.map((c) => ({
                id: c.id,
                minShare: Number(c.value.value) / 100,
                source: c.source.value,
              })),
            }
          : {}),
      };
    };

    // A refusal names its fields by path into what was sent; each is said beside its own control.
    const controlAt = (path: string): HTMLElement | undefined => {
      const band = /^bands\.(\d+)(\.minShare)?$/.exec(path);
      if (band) {
        const c = bandCells[Number(band[1])];
        return band[2] ? c?.value : c?.source;
      }
      const sourced = /^(.*?)(?:\.(value|source))?$/.exec(path)!;
      const c = cells.get(sourced[1] as string);
      return sourced[2] === 'source' ? c?.source : c?.value;
    };
    const clearMarks = () =>
      section.querySelectorAll('[data-issue]').forEach((e) => {
        if (e instanceof HTMLElement && e.classList.contains('field__error')) e.remove();
        else {
          e.removeAttribute('aria-invalid');
          e.removeAttribute('data-issue');
        }
      });
    const status = h('p', { class: 'notice notice--ok', role: 'status', hidden: true });
    const failure = inlineFailure(onSessionEnded);
    const save = (e: Event) => {
      e.preventDefault();
      status.hidden = true;
      clearMarks();
      const body = input();
      if (!Object.keys(body).length) {
        status.textContent = L(A.targetsUnchanged);
        status.hidden = false;
        return;
      }
      void failure.run(async () => {
        try {
          const { data } = await call('putTargets', { params: { year }, body, ifMatch: etagOf(set.version) });
          draw(data, L(A.targetsSaved(data.name)));
        } catch (error) {
          if (error instanceof ApiError)
            for (const issue of error.issues) {
              const control = controlAt(issue.path);
              if (!control) continue;
              control.setAttribute('aria-invalid', 'true');
              control.dataset.issue = issue.code;
              control.after(h('span', { class: 'field__error', 'data-issue': issue.code }, L(issue.message)));
            }
          throw error;
        }
      });
    };

    drawSources();
    fillSelects();
    const heads = [L(A.indicator), ...targetLevels.map((l) => L(A.targetAt(levelName(l)))), L(A.points)];
    section.replaceChildren(
      h('h2', { id: 'targets-h' }, L(A.targets)),
      h(
        'p',
        { 'data-target-set': set.name },
        L(A.targetSetName(set.name)),
        ' ',
        set.isDefault
          ? L(A.targetsDefault)
          : h(
              'span',
              null,
              L(A.targetsSetBy(fmtDateTime(set.setAt))),
              ' ',
              person({ sub: set.setBy ?? '', role: 'admin' }),
            ),
      ),
      h(
        'form',
        { onsubmit: save, novalidate: true },
        h('h3', null, L(A.sources)),
        sourceList,
        h(
          'div',
          { class: 'admin-row' },
          ...(
            [
              [sId, A.sourceId],
              [sDoc, A.sourceDocument],
              [sVi, A.sourceTitleVi],
              [sEn, A.sourceTitleEn],
            ] as const
          ).map(([control, label]) =>
            h(
              'div',
              { class: 'field field--compact' },
              h('label', { class: 'label', for: control.id }, L(label)),
              control,
            ),
          ),
        ),
        sError,
        h(
          'p',
          null,
          h(
            'button',
            { type: 'button', class: 'button button--secondary', onclick: addSource },
            L(A.addSource),
          ),
        ),
        h('h3', null, L(A.targetsTable)),
        h(
          'div',
          { class: 'table-scroll' },
          h(
            'table',
            { class: 'table targets-table' },
            h('caption', { class: 'visually-hidden' }, L(A.targetsTable)),
            columnHeads(heads),
            h('tbody', null, rows),
          ),
        ),
        h('h3', null, L(A.bands)),
        h(
          'table',
          { class: 'table bands-table' },
          h('caption', { class: 'visually-hidden' }, L(A.bands)),
          columnHeads([L(A.band), L(A.bandMin)]),
          h(
            'tbody',
            null,
            bandCells.map((c) =>
              h(
                'tr',
                { 'data-band': c.id },
                h('th', { scope: 'row' }, L(c.label) || c.id),
                h('td', { class: 'sourced' }, c.value, c.source),
              ),
            ),
          ),
        ),
        h(
          'p',
          null,
          h(
            'button',
            { type: 'submit', class: 'button button--primary', 'data-action': 'save-targets' },
            L(A.saveTargets),
          ),
        ),
        failure.el,
        status,
      ),
    );
    if (saved) {
      status.textContent = saved;
      status.hidden = false;
    }
  };
  draw(initial);
  return section;
}

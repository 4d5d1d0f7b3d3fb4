import type { BodyOf } from '#shared/contract/api';
import { dayBefore, vietnamDay } from '#shared/contract/days';
import { ApiError, call, get } from '../api.ts';
import { columnHeads, h, replace } from '../dom.ts';
import { L } from '../i18n.ts';
import { inlineFailure } from '../inlineFailure.ts';
import { showError } from '../pages/errors.ts';
import { navigate, type Page } from '../router.ts';
import { setTitle } from '../shell.ts';
import type { Level, Unit } from '../types.ts';
import { U } from './unitsMessages.ts';

type Kind = Reorganization['changes'][number]['kind'];
type Reorganization = BodyOf<'reorganizeUnits'>;
type Lists = { units: readonly Unit[]; levels: readonly Level[] };
/** The units and levels valid on a day, by the server's own rule (GET /units?asOf=). */
const listOn = (day: string): Promise<Lists> => get('listUnits', { query: { asOf: day } });

const labelled = (control: HTMLElement & { id: string }, label: string) =>
  h(
    'div',
    { class: 'field field--compact' },
    h('label', { class: 'label', for: control.id }, label),
    control,
  );
const text = (id: string, max = 200) => h('input', { id, type: 'text', autocomplete: 'off', maxlength: max });

/**
 * The units valid on a day as a tree under their parents (a unit whose parent is not valid then, at the top);
 * `all` names their predecessors.
 */
function tree(on: Lists, all: Lists, day: string): HTMLElement {
  const valid = on.units;
  const ids = new Set(valid.map((u) => u.id));
  const levelName = (id: string) => L(all.levels.find((l) => l.id === id)?.name) || id;
  const nameOf = (id: string) => L(all.units.find((u) => u.id === id)?.name) || id;
  const branch = (parent: string | undefined): HTMLElement | null => {
    const children = valid
      .filter((u) => (parent === undefined ? !u.parentId || !ids.has(u.parentId) : u.parentId === parent))
      .sort((a, b) => L(a.name).localeCompare(L(b.name), 'vi'));
    if (!children.length) return null;
    return h(
      'ul',
      { class: parent === undefined ? 'unit-tree' : undefined },
      children.map((u) =>
        h(
          'li',
          { 'data-unit': u.id },
          h('strong', null, L(u.name)),
          ' ',
          h('span', { class: 'muted' }, `${u.code} · ${levelName(u.level)} · ${L(U.since(u.validFrom))}`),
          u.predecessors?.length
            ? h(
                'span',
                { class: 'muted' },
                ` · ${L(U.from(u.predecessors.map((p) => nameOf(p.unitId)).join(', ')))}`,
              )
            : null,
          u.validTo ? h('span', { class: 'muted' }, ` · ${L(U.until(u.validTo))}`) : null,
          branch(u.id),
        ),
      ),
    );
  };
  return branch(undefined) ?? h('p', { class: 'muted' }, L(U.noneOn(day)));
}

/** What a change will write, as the server planned it: each unit it ends and each it creates. */
function previewTable(lists: Lists, units: readonly Unit[]): HTMLElement {
  const nameOf = (id: string) => L(lists.units.find((u) => u.id === id)?.name) || id;
  return h(
    'table',
    { class: 'table', 'data-preview-units': '' },
    h('caption', null, L(U.previewCaption)),
    columnHeads([L(U.unitCol), L(U.effectCol)]),
    h(
      'tbody',
      null,
      units.map((u) =>
        h(
          'tr',
          { 'data-effect': u.validTo ? 'ends' : 'starts', 'data-unit': u.id },
          h('th', { scope: 'row' }, L(u.name), h('br'), h('span', { class: 'muted' }, u.id)),
          h(
            'td',
            null,
            u.validTo
              ? L(U.ends(u.validTo))
              : L(U.starts(u.validFrom, (u.predecessors ?? []).map((p) => nameOf(p.unitId)).join(', '))),
          ),
        ),
      ),
    ),
  );
}

/** `#/admin/:year/units`: the units through time, and a change to them previewed before it is saved. */
export const unitsPage: Page = async ({ main, params }) => {
  const year = Number(params.year);
  let lists: Lists = await get('listUnits');
  setTitle(U.title);
  const toPage = (e: unknown) => showError(main, { error: e, retry: () => navigate(location.hash) });

  const asOf = h('input', { id: 'u-asof', type: 'date', value: vietnamDay(new Date()) });
  const treeBox = h('div', { 'data-tree': '' });
  const treeFailure = inlineFailure(toPage);
  const drawTree = () =>
    treeFailure.run(async () => {
      const day = asOf.value || vietnamDay(new Date());
      const on = await listOn(day);
      treeBox.dataset.tree = day;
      treeBox.replaceChildren(tree(on, lists, day));
    });
  asOf.addEventListener('change', () => void drawTree());

  const kind = h(
    'select',
    { id: 'u-kind' },
    (['establish', 'rename', 'merge', 'retire'] as const).map((k) =>
      h('option', { value: k }, L(U.kinds[k])),
    ),
  );
  const date = h('input', { id: 'u-date', type: 'date', value: `${year}-07-01` });
  const document_ = text('u-document', 300);
  const from = h('select', { id: 'u-from', multiple: false });
  const intoId = text('u-into-id', 63);
  const intoCode = text('u-into-code', 32);
  const intoVi = text('u-into-vi');
  const intoEn = text('u-into-en');
  const intoLevel = h('select', { id: 'u-into-level' });
  const intoParent = h('select', { id: 'u-into-parent' });
  const intoReports = h('input', { id: 'u-into-reports', type: 'checkbox', checked: true });
  const intoEmail = h('input', { id: 'u-into-email', type: 'email', autocomplete: 'off', maxlength: 254 });
  const fromBox = h('div');
  const intoBox = h('fieldset', { class: 'unit-into' });
  const previewBox = h('div', { 'aria-live': 'polite' });
  const status = h('p', { class: 'notice notice--ok', role: 'status', hidden: true });
  const issues = h('ul', { class: 'field__error', 'data-issues': '' });
  const failure = inlineFailure(toPage);

  const day = () => date.value || `${year}-07-01`;
  // What a change may name: units valid the day before it takes effect; parents and levels valid from it.
  const fillChoices = async () => {
    const [before, on] = await Promise.all([listOn(dayBefore(day())), listOn(day())]);
    const option = (u: Unit) => h('option', { value: u.id }, `${L(u.name)} (${u.code})`);
    const keep = (s: HTMLSelectElement, fill: () => void) => {
      const chosen = [...s.selectedOptions].map((o) => o.value);
      fill();
      for (const o of s.options) o.selected = chosen.includes(o.value);
    };
    keep(from, () => from.replaceChildren(...before.units.map(option)));
    keep(intoParent, () =>
      intoParent.replaceChildren(h('option', { value: '' }, L(U.noParent)), ...on.units.map(option)),
    );
    keep(intoLevel, () =>
      intoLevel.replaceChildren(...on.levels.map((l) => h('option', { value: l.id }, L(l.name)))),
    );
  };
  const prefillFromOld = () => {
    const old = lists.units.find((u) => u.id === from.value);
    if (!old || kind.value !== 'rename') return;
    intoCode.value = old.code;
    intoLevel.value = old.level;
    intoParent.value = old.parentId ?? '';
    intoReports.checked = old.reports;
    intoEmail.value = old.contactEmail ?? '';
    if (!intoId.value) intoId.value = `${old.id}-${day().slice(0, 4)}`;
  };
  const shape = () => {
    const k = kind.value as Kind;
    from.multiple = k === 'merge';
    from.size = k === 'merge' ? 8 : 0;
    fromBox.hidden = k === 'establish';
    intoBox.hidden = k === 'retire';
    forget();
  };

  const newUnit = () => ({
    id: intoId.value.trim(),
    code: intoCode.value.trim(),
    name: { vi: intoVi.value.trim(), en: intoEn.value.trim() || intoVi.value.trim() },
    level: intoLevel.value,
    ...(intoParent.value ? { parentId: intoParent.value } : {}),
    reports: intoReports.checked,
    ...(intoEmail.value.trim() ? { contactEmail: intoEmail.value.trim() } : {}),
  });
  const reorganization = (): Reorganization => {
    const k = kind.value as Exclude<Kind, 'split'>;
    const change =
      k === 'retire'
        ? { kind: k, unitId: from.value }
        : k === 'establish'
          ? { kind: k, into: newUnit() }
          : k === 'merge'
            ? { kind: k, from: [...from.selectedOptions].map((o) => o.value), into: newUnit() }
            : { kind: k, from: from.value, into: newUnit() };
    return { date: day(), document: document_.value.trim(), changes: [change] };
  };

  // A preview stands for the form as it was; any edit after it asks for a new one before saving. Its save has
  // one Idempotency-Key, so a double click or a retry after a lost answer is the same write, not a second one.
  let previewed: string | undefined;
  let saveKey = '';
  const save = h(
    'button',
    { type: 'button', class: 'button button--primary', 'data-action': 'save-units', hidden: true },
    L(U.save),
  );
  function forget() {
    previewed = undefined;
    save.hidden = true;
    previewBox.replaceChildren();
    issues.replaceChildren();
    status.hidden = true;
  }
  const showIssues = (error: unknown) => {
    if (error instanceof ApiError && error.issues.length)
      issues.replaceChildren(
        ...error.issues.map((i) => h('li', { 'data-path': i.path }, `${L(U.at(i.path))}: ${L(i.message)}`)),
      );
  };

  const body = () =>
    JSON.stringify([
      kind.value,
      day(),
      document_.value,
      newUnit(),
      [...from.selectedOptions].map((o) => o.value),
    ]);
  const preview = () =>
    failure.run(async () => {
      forget();
      const snapshot = body();
      try {
        const { data } = await call('previewReorganization', { body: reorganization() });
        previewBox.replaceChildren(previewTable(lists, data.units));
        previewed = snapshot;
        saveKey = `units-${crypto.randomUUID()}`;
        save.hidden = false;
      } catch (error) {
        showIssues(error);
        throw error;
      }
    });
  save.addEventListener('click', () =>
    failure.run(async () => {
      if (previewed !== body()) return forget();
      try {
        const { version } = (
          await call('reorganizeUnits', { body: reorganization(), idempotencyKey: saveKey })
        ).data;
        lists = await get('listUnits');
        forget();
        asOf.value = day();
        await Promise.all([drawTree(), fillChoices()]);
        status.textContent = L(U.saved(version));
        status.hidden = false;
      } catch (error) {
        showIssues(error);
        throw error;
      }
    }),
  );

  for (const control of [
    kind,
    date,
    document_,
    from,
    intoId,
    intoCode,
    intoVi,
    intoEn,
    intoLevel,
    intoParent,
    intoReports,
  ])
    control.addEventListener('input', () => previewed !== undefined && forget());
  kind.addEventListener('change', shape);
  date.addEventListener('change', () => void failure.run(fillChoices));
  from.addEventListener('change', prefillFromOld);

  fromBox.append(labelled(from, L(U.fromLabel)));
  intoBox.append(
    h('legend', null, L(U.into)),
    h(
      'div',
      { class: 'admin-row' },
      labelled(intoId, L(U.intoId)),
      labelled(intoCode, L(U.intoCode)),
      labelled(intoVi, L(U.intoVi)),
      labelled(intoEn, L(U.intoEn)),
      labelled(intoLevel, L(U.intoLevel)),
      labelled(intoParent, L(U.intoParent)),
      labelled(intoEmail, L(U.intoEmail)),
    ),
    h('label', { class: 'check' }, intoReports, ' ', L(U.intoReports)),
  );
  await fillChoices();
  shape();
  await drawTree();
  replace(
    main,
    h('p', null, h('a', { href: `#/admin/${year}` }, L(U.back(year)))),
    h('h1', null, L(U.title)),
    h(
      'section',
      { class: 'admin-card', 'aria-labelledby': 'tree-h' },
      h('h2', { id: 'tree-h' }, L(U.treeHeading)),
      labelled(asOf, L(U.asOf)),
      treeFailure.el,
      treeBox,
    ),
    h(
      'section',
      { class: 'admin-card', 'aria-labelledby': 'change-h' },
      h('h2', { id: 'change-h' }, L(U.changeHeading)),
      h('p', { class: 'muted' }, L(U.changeHelp)),
      h(
        'form',
        {
          novalidate: true,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void preview();
          },
        },
        h(
          'div',
          { class: 'admin-row' },
          labelled(kind, L(U.kind)),
          labelled(date, L(U.date)),
          labelled(document_, L(U.document)),
        ),
        fromBox,
        intoBox,
        h(
          'p',
          null,
          h(
            'button',
            { type: 'submit', class: 'button button--secondary', 'data-action': 'preview-units' },
            L(U.preview),
          ),
        ),
        issues,
        previewBox,
        h('p', null, save),
        failure.el,
        status,
      ),
    ),
  );
};

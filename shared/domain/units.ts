import type { FieldIssue } from '../contract/errors.ts';
import { covers, dayBefore, overlaps, type Level, type Unit, type Validity } from '../hierarchy.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';

/**
 * The rules every state of the hierarchy keeps (docs/hierarchy.md). Units are never deleted: a unit that
 * ceases gets a `validTo`, and a unit that changes becomes a new unit with the old one as predecessor.
 *
 * 1. A unit's validity ends on or after it begins.
 * 2. Its level exists throughout its validity.
 * 3. Its parent exists, is valid throughout its validity, and the parent's level does not rank below its
 *    own: a commune sits under a district or the province, a department under the provincial People's
 *    Committee, at the same level.
 * 4. No unit is its own ancestor.
 * 5. Each predecessor exists and ends the day before the unit begins; a predecessor shared by several
 *    successors was split (every link says `split`); a rename has one predecessor and one successor.
 */
export type HierarchyRule =
  | 'valid_to_before_from'
  | 'unknown_level'
  | 'level_not_valid'
  | 'unknown_parent'
  | 'parent_not_valid_throughout'
  | 'parent_level_below'
  | 'cycle'
  | 'unknown_predecessor'
  | 'predecessor_not_ended'
  | 'split_inconsistent'
  | 'rename_not_one_to_one';

export interface HierarchyProblem {
  /** The unit that breaks the rule. */
  readonly unitId: string;
  /** Its field the rule is about. */
  readonly field: 'validTo' | 'level' | 'parentId' | 'predecessors';
  readonly code: HierarchyRule;
  readonly message: Bilingual;
  /** The other unit involved (the parent, the predecessor), when there is one. */
  readonly relatedId?: string;
}

export interface HierarchyState {
  readonly levels: readonly Level[];
  readonly units: ReadonlyMap<string, Unit>;
}

const span = (v: Validity) => `${v.validFrom} – ${v.validTo ?? '…'}`;

/** Successor links of every unit: who lists it as a predecessor, and how. */
function successorsOf(units: ReadonlyMap<string, Unit>): Map<string, { unitId: string; change: string }[]> {
  const out = new Map<string, { unitId: string; change: string }[]>();
  for (const u of units.values()) {
    for (const p of u.predecessors ?? []) {
      const list = out.get(p.unitId) ?? [];
      list.push({ unitId: u.id, change: p.change });
      out.set(p.unitId, list);
    }
  }
  return out;
}

function unitProblems(
  u: Unit,
  state: HierarchyState,
  successors: ReadonlyMap<string, { unitId: string; change: string }[]>,
): HierarchyProblem[] {
  const out: HierarchyProblem[] = [];
  const add = (p: Omit<HierarchyProblem, 'unitId'>) => out.push({ unitId: u.id, ...p });
  const who = `Đơn vị "${u.id}"`;
  const whoEn = `Unit "${u.id}"`;

  if (u.validTo !== undefined && u.validTo < u.validFrom) {
    add({
      field: 'validTo',
      code: 'valid_to_before_from',
      message: bi(
        `${who}: ngày hết hiệu lực ${u.validTo} trước ngày bắt đầu ${u.validFrom}`,
        `${whoEn}: it ends on ${u.validTo}, before it begins on ${u.validFrom}`,
      ),
    });
  }

  const levels = state.levels.filter((l) => l.id === u.level);
  const level = levels.find((l) => covers(l, u));
  if (!levels.length) {
    add({
      field: 'level',
      code: 'unknown_level',
      message: bi(`${who}: không có cấp "${u.level}"`, `${whoEn}: there is no level "${u.level}"`),
    });
  } else if (!level) {
    add({
      field: 'level',
      code: 'level_not_valid',
      message: bi(
        `${who}: cấp "${u.level}" không có hiệu lực trong suốt thời gian ${span(u)} của đơn vị`,
        `${whoEn}: the level "${u.level}" is not valid throughout the unit's dates ${span(u)}`,
      ),
    });
  }

  if (u.parentId !== undefined) {
    const parent = state.units.get(u.parentId);
    if (!parent) {
      add({
        field: 'parentId',
        code: 'unknown_parent',
        relatedId: u.parentId,
        message: bi(
          `${who}: không có đơn vị cấp trên "${u.parentId}"`,
          `${whoEn}: no parent unit "${u.parentId}"`,
        ),
      });
    } else {
      if (!covers(parent, u)) {
        add({
          field: 'parentId',
          code: 'parent_not_valid_throughout',
          relatedId: parent.id,
          message: bi(
            `${who} (${span(u)}): đơn vị cấp trên "${parent.id}" (${span(parent)}) phải có hiệu lực trong suốt thời gian của đơn vị`,
            `${whoEn} (${span(u)}): the parent "${parent.id}" (${span(parent)}) must be valid throughout the unit's dates`,
          ),
        });
      }
      const parentLevel = state.levels.find((l) => l.id === parent.level && covers(l, u));
      if (level && parentLevel && parentLevel.rank > level.rank) {
        add({
          field: 'parentId',
          code: 'parent_level_below',
          relatedId: parent.id,
          message: bi(
            `${who} (cấp "${level.id}"): đơn vị cấp trên "${parent.id}" có cấp "${parentLevel.id}", thấp hơn cấp của đơn vị`,
            `${whoEn} (level "${level.id}"): the parent "${parent.id}" is of level "${parentLevel.id}", which ranks below it`,
          ),
        });
      }
      const visited = new Set<string>([u.id]);
      for (let up: string | undefined = u.parentId; up; up = state.units.get(up)?.parentId) {
        if (visited.has(up)) {
          add({
            field: 'parentId',
            code: 'cycle',
            relatedId: u.parentId,
            message: bi(
              `${who}: quan hệ cấp trên tạo thành vòng lặp qua "${up}"`,
              `${whoEn}: the parent chain forms a cycle through "${up}"`,
            ),
          });
          break;
        }
        visited.add(up);
      }
    }
  }

  const links = u.predecessors ?? [];
  for (const link of links) {
    const p = state.units.get(link.unitId);
    const related = { field: 'predecessors' as const, relatedId: link.unitId };
    if (!p || link.unitId === u.id) {
      add({
        ...related,
        code: 'unknown_predecessor',
        message: bi(
          `${who}: không có đơn vị tiền thân "${link.unitId}"`,
          `${whoEn}: no predecessor unit "${link.unitId}"`,
        ),
      });
      continue;
    }
    if (p.validTo !== dayBefore(u.validFrom)) {
      add({
        ...related,
        code: 'predecessor_not_ended',
        message: bi(
          `${who} bắt đầu ${u.validFrom}: đơn vị tiền thân "${p.id}" phải kết thúc ngày ${dayBefore(u.validFrom)} (hiện là ${p.validTo ?? 'chưa kết thúc'})`,
          `${whoEn} begins on ${u.validFrom}: its predecessor "${p.id}" must end on ${dayBefore(u.validFrom)} (it ends ${p.validTo ?? 'never'})`,
        ),
      });
    }
    const shared = successors.get(p.id) ?? [];
    if (shared.length > 1 && shared.some((s) => s.change !== 'split')) {
      add({
        ...related,
        code: 'split_inconsistent',
        message: bi(
          `${who}: đơn vị tiền thân "${p.id}" chuyển vào ${shared.length} đơn vị (${shared.map((s) => s.unitId).join(', ')}), nên mọi liên kết phải là "split" (chia tách)`,
          `${whoEn}: the predecessor "${p.id}" went into ${shared.length} units (${shared.map((s) => s.unitId).join(', ')}), so every link must be "split"`,
        ),
      });
    }
    if (link.change === 'rename' && (links.length !== 1 || shared.length !== 1)) {
      add({
        ...related,
        code: 'rename_not_one_to_one',
        message: bi(
          `${who}: đổi tên ("rename") chỉ nối đúng một đơn vị tiền thân với đúng một đơn vị kế tục`,
          `${whoEn}: a rename links exactly one predecessor to exactly one successor`,
        ),
      });
    }
  }
  return out;
}

/**
 * Problems of the hierarchy that involve the touched units: the units themselves, their children (a
 * parent's new dates or level must still hold them), and their successors (a predecessor's new end). A
 * change of levels touches every unit.
 */
export function hierarchyProblems(
  state: HierarchyState,
  touched: ReadonlySet<string> | 'all',
): HierarchyProblem[] {
  const successors = successorsOf(state.units);
  const checked = new Set<string>();
  if (touched === 'all') for (const id of state.units.keys()) checked.add(id);
  else {
    for (const id of touched) checked.add(id);
    for (const u of state.units.values()) if (u.parentId && touched.has(u.parentId)) checked.add(u.id);
    for (const id of touched) for (const s of successors.get(id) ?? []) checked.add(s.unitId);
  }
  const out: HierarchyProblem[] = [];
  for (const id of [...checked].sort()) {
    const u = state.units.get(id);
    if (u) out.push(...unitProblems(u, state, successors));
  }
  return out;
}

/** The state after writing units over it (a later entry for the same id wins, as when stored). */
export function withUnits(state: HierarchyState, units: readonly Unit[]): HierarchyState {
  const merged = new Map(state.units);
  for (const u of units) merged.set(u.id, u);
  return { levels: state.levels, units: merged };
}

/**
 * Problems as field issues of a request: a problem of a unit the request names points at that unit's
 * field; one of a unit it does not name (a child left outside its parent's new dates) points at the named
 * unit involved, else at `fallback`.
 */
export function problemsAsIssues(
  problems: readonly HierarchyProblem[],
  pathOf: (unitId: string, field?: HierarchyProblem['field']) => string | undefined,
  fallback: string,
): FieldIssue[] {
  return problems.map((p) => ({
    path: pathOf(p.unitId, p.field) ?? (p.relatedId ? pathOf(p.relatedId) : undefined) ?? fallback,
    code: p.code,
    message: p.message,
  }));
}

/** Ids listed twice in one request: the repeats, by index. */
export function duplicateIds(ids: readonly string[], prefix: string): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      out.push({
        path: `${prefix}.${i}.id`,
        code: 'duplicate',
        message: bi(`Mã "${id}" bị trùng`, `The id "${id}" appears twice`),
      });
    }
    seen.add(id);
  });
  return out;
}

/** The levels themselves: each ends on or after it begins, and no two levels of one day share a rank. */
export function levelProblems(levels: readonly Level[]): FieldIssue[] {
  const out: FieldIssue[] = [];
  levels.forEach((l, i) => {
    if (l.validTo !== undefined && l.validTo < l.validFrom) {
      out.push({
        path: `levels.${i}.validTo`,
        code: 'valid_to_before_from',
        message: bi(
          `Cấp "${l.id}": ngày hết hiệu lực ${l.validTo} trước ngày bắt đầu ${l.validFrom}`,
          `Level "${l.id}": it ends on ${l.validTo}, before it begins on ${l.validFrom}`,
        ),
      });
    }
    const clash = levels.find((o, j) => j < i && o.rank === l.rank && overlaps(o, l));
    if (clash) {
      out.push({
        path: `levels.${i}.rank`,
        code: 'rank_taken',
        message: bi(
          `Cấp "${l.id}" và cấp "${clash.id}" cùng thứ bậc ${l.rank} trong cùng thời gian`,
          `Levels "${l.id}" and "${clash.id}" have the same rank ${l.rank} at the same time`,
        ),
      });
    }
  });
  return out;
}

/**
 * PUT /units: units written as given (new ones, or corrections of the record, which rewrite it on purpose)
 * and, when given, the whole list of levels through time. Real changes go through a reorganization.
 */
export function planUnitsEdit(
  current: HierarchyState,
  edit: { readonly units?: readonly Unit[]; readonly levels?: readonly Level[] },
): { units: readonly Unit[]; levels?: readonly Level[]; issues: FieldIssue[] } {
  const units = edit.units ?? [];
  const issues: FieldIssue[] = [];
  if (!edit.units && !edit.levels) {
    issues.push({
      path: 'units',
      code: 'required',
      message: bi('Cần danh sách đơn vị hoặc danh sách cấp', 'Send units, levels or both'),
    });
  }
  issues.push(
    ...duplicateIds(
      units.map((u) => u.id),
      'units',
    ),
  );
  if (edit.levels) {
    issues.push(
      ...duplicateIds(
        edit.levels.map((l) => l.id),
        'levels',
      ),
      ...levelProblems(edit.levels),
    );
  }
  const state = withUnits({ levels: edit.levels ?? current.levels, units: current.units }, units);
  const listed = units.map((u) => u.id);
  const problems = hierarchyProblems(state, edit.levels ? 'all' : new Set(listed));
  issues.push(
    ...problemsAsIssues(
      problems,
      (id, field) => {
        const i = listed.lastIndexOf(id);
        return i < 0 ? undefined : field ? `units.${i}.${field}` : `units.${i}`;
      },
      edit.levels ? 'levels' : 'units',
    ),
  );
  return { units, ...(edit.levels ? { levels: edit.levels } : {}), issues };
}

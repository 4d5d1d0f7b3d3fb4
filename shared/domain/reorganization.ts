import type { FieldIssue } from '../contract/errors.ts';
import {
  dayBefore,
  isValidOn,
  MAX_UNITS_PER_EDIT,
  type IsoDate,
  type Predecessor,
  type Unit,
} from '../hierarchy.ts';
import { bi } from '../contract/i18n.ts';
import type { HierarchyState } from './units.ts';

/** A unit a reorganization creates: its dates, predecessors and document come from the operation. */
export type NewUnit = Pick<Unit, 'id' | 'code' | 'name' | 'level' | 'reports'> & {
  readonly parentId?: string;
  readonly contactEmail?: string;
};

export type ReorganizationChange =
  | { readonly kind: 'merge'; readonly from: readonly string[]; readonly into: NewUnit }
  | { readonly kind: 'split'; readonly from: string; readonly into: readonly NewUnit[] }
  | { readonly kind: 'rename'; readonly from: string; readonly into: NewUnit }
  | { readonly kind: 'retire'; readonly unitId: string }
  /** A unit that comes from no other (a new department): it ends nothing, and its id must be new. */
  | { readonly kind: 'establish'; readonly into: NewUnit };

/**
 * One reorganization: changes that take effect together on `date` under one legal document, e.g. "merge
 * thị trấn Mường Ảng, xã Ẳng Nưa and xã Ẳng Cang into xã Mường Ảng from 1 July 2025, and retire huyện Mường
 * Ảng" (Resolution 1661/NQ-UBTVQH15). Every unit it ends has its last day on the day before.
 */
export interface Reorganization {
  readonly date: IsoDate;
  readonly document: string;
  readonly changes: readonly ReorganizationChange[];
}

const endedUnits = (c: ReorganizationChange): readonly string[] =>
  c.kind === 'merge' ? c.from : c.kind === 'retire' ? [c.unitId] : c.kind === 'establish' ? [] : [c.from];

function successors(c: ReorganizationChange, r: Reorganization): Unit[] {
  const make = (into: NewUnit, predecessors: Predecessor[]): Unit => ({
    ...into,
    validFrom: r.date,
    ...(predecessors.length ? { predecessors } : {}),
    establishedBy: r.document,
  });
  switch (c.kind) {
    case 'merge':
      return [
        make(
          c.into,
          c.from.map((unitId) => ({ unitId, change: 'merge' })),
        ),
      ];
    case 'rename':
      return [make(c.into, [{ unitId: c.from, change: 'rename' }])];
    case 'split':
      return c.into.map((into) => make(into, [{ unitId: c.from, change: 'split' }]));
    case 'establish':
      return [make(c.into, [])];
    case 'retire':
      return [];
  }
}

/**
 * The units a reorganization writes: each ended unit with its last day and the document, each new unit
 * valid from the date. Problems that the hierarchy rules (domain/units.ts) cannot see are found here: a unit
 * ended twice, a unit not valid on the day before the date, a new id already taken.
 */
export function planReorganization(
  state: HierarchyState,
  r: Reorganization,
): { writes: Unit[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const lastDay = dayBefore(r.date);
  const writes: Unit[] = [];
  const ended = new Set<string>();
  const created = new Set<string>();
  r.changes.forEach((c, i) => {
    const fromPath = c.kind === 'retire' ? `changes.${i}.unitId` : `changes.${i}.from`;
    endedUnits(c).forEach((id, k) => {
      const path = c.kind === 'merge' ? `${fromPath}.${k}` : fromPath;
      const unit = state.units.get(id);
      if (!unit) {
        issues.push({
          path,
          code: 'unknown_unit',
          message: bi(`Không có đơn vị "${id}"`, `There is no unit "${id}"`),
        });
      } else if (ended.has(id)) {
        issues.push({
          path,
          code: 'duplicate',
          message: bi(`Đơn vị "${id}" được kết thúc hai lần`, `The unit "${id}" is ended twice`),
        });
      } else if (!isValidOn(unit, lastDay) || unit.validTo !== undefined) {
        issues.push({
          path,
          code: 'not_valid_before_date',
          message: bi(
            `Đơn vị "${id}" phải đang có hiệu lực đến ngày ${lastDay} và chưa có ngày kết thúc (hiện: ${unit.validFrom} – ${unit.validTo ?? '…'})`,
            `The unit "${id}" must be valid on ${lastDay} with no end yet (it is ${unit.validFrom} – ${unit.validTo ?? '…'})`,
          ),
        });
      } else {
        writes.push({ ...unit, validTo: lastDay, endedBy: r.document });
      }
      ended.add(id);
    });
    const made = successors(c, r);
    made.forEach((u, k) => {
      const path = c.kind === 'split' ? `changes.${i}.into.${k}.id` : `changes.${i}.into.id`;
      if (state.units.has(u.id) || created.has(u.id)) {
        issues.push({
          path,
          code: 'id_taken',
          message: bi(
            `Mã "${u.id}" đã có; đơn vị mới cần mã mới`,
            `The id "${u.id}" is taken; a new unit needs a new id`,
          ),
        });
      }
      created.add(u.id);
      writes.push(u);
    });
  });
  if (writes.length > MAX_UNITS_PER_EDIT) {
    issues.push({
      path: 'changes',
      code: 'too_big',
      message: bi(
        `Một lần sắp xếp ghi tối đa ${MAX_UNITS_PER_EDIT} đơn vị (lần này: ${writes.length}); hãy chia thành nhiều lần`,
        `One reorganization writes at most ${MAX_UNITS_PER_EDIT} units (this one: ${writes.length}); split it`,
      ),
    });
  }
  return { writes, issues };
}

/**
 * Where in the request each unit the reorganization writes is named, for pointing hierarchy problems at it:
 * a new unit's fields under its `into`, an ended unit at its mention.
 */
export function reorganizationPathOf(r: Reorganization) {
  const ended = new Map<string, string>();
  const created = new Map<string, string>();
  r.changes.forEach((c, i) => {
    if (c.kind === 'merge') c.from.forEach((id, k) => ended.set(id, `changes.${i}.from.${k}`));
    else if (c.kind === 'retire') ended.set(c.unitId, `changes.${i}.unitId`);
    else if (c.kind !== 'establish') ended.set(c.from, `changes.${i}.from`);
    if (c.kind === 'split') c.into.forEach((u, k) => created.set(u.id, `changes.${i}.into.${k}`));
    else if (c.kind !== 'retire') created.set(c.into.id, `changes.${i}.into`);
  });
  return (unitId: string, field?: string): string | undefined => {
    const made = created.get(unitId);
    if (made) return field && field !== 'predecessors' && field !== 'validTo' ? `${made}.${field}` : made;
    return ended.get(unitId);
  };
}

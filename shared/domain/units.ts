import type { FieldIssue } from '../contract/errors.ts';
import type { Unit } from '../hierarchy.ts';
import { bi } from '../contract/i18n.ts';

/**
 * Checks a batch of units against the hierarchy it joins: ids unique in the batch, every parent known, and
 * no unit its own ancestor. Units are never deleted; a retired unit is set to `reports: false`.
 */
export function hierarchyProblems(existing: readonly Unit[], incoming: readonly Unit[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const merged = new Map(existing.map((u) => [u.id, u]));
  const seen = new Set<string>();
  incoming.forEach((u, i) => {
    if (seen.has(u.id)) {
      issues.push({
        path: `units.${i}.id`,
        code: 'duplicate',
        message: bi(`Mã đơn vị "${u.id}" bị trùng`, `Unit id "${u.id}" appears twice`),
      });
    }
    seen.add(u.id);
    merged.set(u.id, u);
  });
  incoming.forEach((u, i) => {
    if (!u.parentId) return;
    if (!merged.has(u.parentId)) {
      issues.push({
        path: `units.${i}.parentId`,
        code: 'unknown_parent',
        message: bi(`Không có đơn vị cấp trên "${u.parentId}"`, `No parent unit "${u.parentId}"`),
      });
      return;
    }
    const visited = new Set<string>([u.id]);
    let parent: string | undefined = u.parentId;
    while (parent) {
      if (visited.has(parent)) {
        issues.push({
          path: `units.${i}.parentId`,
          code: 'cycle',
          message: bi('Quan hệ cấp trên tạo thành vòng lặp', 'The parent chain forms a cycle'),
        });
        return;
      }
      visited.add(parent);
      parent = merged.get(parent)?.parentId;
    }
  });
  return issues;
}

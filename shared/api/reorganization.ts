import type { Unit } from '../hierarchy.ts';
import { planReorganization, reorganizationPathOf, type Reorganization } from '../domain/reorganization.ts';
import { hierarchyProblems, problemsAsIssues, withUnits, type HierarchyState } from '../domain/units.ts';
import { invalidInput } from './zodIssues.ts';

/**
 * The units a reorganization writes, or the 400 naming each problem by its place in the request: the
 * operation's own (a unit ended twice, an id taken) and the hierarchy's once it is applied (a parent not
 * valid on the date). Saving and previewing check with this one function, so a preview never promises more.
 */
export function checkedReorganization(state: HierarchyState, reorganization: Reorganization): Unit[] {
  const { writes, issues } = planReorganization(state, reorganization);
  const problems = hierarchyProblems(withUnits(state, writes), new Set(writes.map((u) => u.id)));
  issues.push(...problemsAsIssues(problems, reorganizationPathOf(reorganization), 'changes'));
  if (issues.length) throw invalidInput(issues);
  return writes;
}

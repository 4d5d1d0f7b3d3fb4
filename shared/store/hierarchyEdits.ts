import { CODE } from '../contract/errors.ts';
import { bi } from '../contract/i18n.ts';
import { ConflictError } from '../errors.ts';
import type { Level, Unit } from '../hierarchy.ts';
import { commitClaimed, type IdempotencyClaim, type Outcome } from './idempotency.ts';
import { jittered, retry } from './retry.ts';
import { RACE, WriteConflict, type Write } from './transact.ts';
import { forgetCachedUnits, hierarchyEditItems, readHierarchy, type HierarchySnapshot } from './units.ts';

/** What an edit writes, decided from the state it was validated against. */
export interface PlannedEdit {
  readonly units: readonly Unit[];
  readonly levels?: readonly Level[];
}

/** Another edit landed in between: read, validate and try again, a little later each time. */
const RETRIED = jittered(5, 20);
const lostToAnotherEdit = (error: unknown) =>
  error instanceof WriteConflict &&
  (error.reason === 'HIERARCHY_MOVED' || error.reason === 'AUDIT_HEAD_MOVED' || error.reason === RACE);

/**
 * A hierarchy edit, all or nothing: read the whole hierarchy consistently, let `plan` validate the edit
 * against it (it throws the 4xx), and write the units with the head conditioned on the version read. When
 * another admin's edit landed in between, the condition fails and the edit is planned again on the new state,
 * so two edits that are each fine alone (A under B, B under A) cannot both land. `audit` gives the edit's
 * entries on the audit log, which land in the same transaction (a moved chain head is retried like a lost race).
 */
export async function editHierarchy(
  plan: (snapshot: HierarchySnapshot) => PlannedEdit,
  outcome: (planned: PlannedEdit, version: number) => Outcome,
  who: {
    readonly by: string;
    readonly at: Date;
    readonly claim?: IdempotencyClaim | undefined;
    readonly audit?: (planned: PlannedEdit, version: number) => Promise<Write[]>;
  },
): Promise<Outcome> {
  try {
    return await retry(RETRIED, lostToAnotherEdit, async () => {
      const snapshot = await readHierarchy();
      const planned = plan(snapshot);
      const writes = hierarchyEditItems(snapshot.version, planned.units, {
        by: who.by,
        at: who.at,
        ...(planned.levels ? { levels: planned.levels } : {}),
      });
      const auditWrites = who.audit ? await who.audit(planned, snapshot.version + 1) : [];
      const committed = await commitClaimed(
        [...writes, ...auditWrites],
        who.claim,
        outcome(planned, snapshot.version + 1),
        who.at,
      );
      forgetCachedUnits();
      return committed;
    });
  } catch (error) {
    if (!lostToAnotherEdit(error)) throw error;
    throw new ConflictError(
      bi(
        'Danh mục đơn vị đang được người khác sửa; vui lòng thử lại.',
        'Someone else is editing the units right now; please try again.',
      ),
      { code: CODE.HIERARCHY_CHANGED, cause: error },
    );
  }
}

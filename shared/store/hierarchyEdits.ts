import { ConflictError } from '../errors.ts';
import type { Level, Unit } from '../hierarchy.ts';
import type { ApiResult } from '../http/types.ts';
import { bi } from '../contract/i18n.ts';
import { commitClaimed, type IdempotencyClaim } from './idempotency.ts';
import { WriteConflict } from './transact.ts';
import { hierarchyEditItems, readHierarchy, type HierarchySnapshot } from './units.ts';

/** What an edit writes, decided from the state it was validated against. */
export interface PlannedEdit {
  readonly units: readonly Unit[];
  readonly levels?: readonly Level[];
}

/** Edits retried after another edit landed in between; each retry reads and validates afresh. */
const ATTEMPTS = 5;

/**
 * A hierarchy edit, all or nothing: read the whole hierarchy consistently, let `plan` validate the edit
 * against it (it throws the 4xx), and write the units with the head conditioned on the version read. When
 * another admin's edit landed in between, the condition fails and the edit is planned again on the new state,
 * so two edits that are each fine alone (A under B, B under A) cannot both land.
 */
export async function editHierarchy(
  plan: (snapshot: HierarchySnapshot) => PlannedEdit,
  result: (planned: PlannedEdit, version: number) => ApiResult,
  who: { readonly by: string; readonly at: Date; readonly claim?: IdempotencyClaim | undefined },
): Promise<ApiResult> {
  for (let attempt = 1; ; attempt++) {
    const snapshot = await readHierarchy();
    const planned = plan(snapshot);
    const items = hierarchyEditItems(snapshot.version, planned.units, {
      by: who.by,
      at: who.at,
      ...(planned.levels ? { levels: planned.levels } : {}),
    });
    try {
      return await commitClaimed(items, who.claim, result(planned, snapshot.version + 1), who.at);
    } catch (error) {
      if (!(error instanceof WriteConflict)) throw error;
      if (attempt < ATTEMPTS) {
        // A little jitter, so that writers who collided do not collide again in step.
        await new Promise((r) => setTimeout(r, Math.random() * 20 * attempt));
        continue;
      }
      throw new ConflictError(
        bi(
          'Danh mục đơn vị đang được người khác sửa; vui lòng thử lại.',
          'Someone else is editing the units right now; please try again.',
        ),
        { code: 'HIERARCHY_CHANGED', cause: error },
      );
    }
  }
}

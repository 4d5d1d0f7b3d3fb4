import {
  defaultTargetSet,
  resolveTargetSet,
  targetSetName,
  type Catalog,
  type TargetSet,
  type TargetSetInput,
} from '../catalog/index.ts';
import { bi } from '../contract/i18n.ts';
import { ConflictError, PreconditionFailedError } from '../errors.ts';
import { CODE } from '../contract/errors.ts';
import type { ApiResult, AuthedRequest } from '../http/types.ts';
import { commitClaimed } from '../store/idempotency.ts';
import { getTargetSet, targetSetWrites } from '../store/targetSets.ts';
import { retry, jittered } from '../store/retry.ts';
import { WriteConflict } from '../store/transact.ts';
import { adminAuditWrites } from './audit.ts';
import { invalidInput } from './zodIssues.ts';
import { ifMatchVersion } from './params.ts';

/** The year's current target set with its name, as GET and PUT /targets/{year} answer it. */
export const targetSetView = (set: TargetSet) => ({
  name: targetSetName(set),
  isDefault: set.version === 0,
  ...set,
});

export async function currentTargetSet(year: number, catalog: Catalog): Promise<TargetSet> {
  return (await getTargetSet(year)) ?? defaultTargetSet(catalog);
}

/**
 * A new version of the year's target set over the current one, with its audit entry, in one transaction. A
 * lost race (another admin's version, or another audit entry, landed first) is retried on fresh state. Under
 * If-Match (`"v<version>"`, the version the admin's editor showed) a set that has moved on since is 412 and
 * nothing is written: two admins editing at once never overwrite each other's change unseen.
 */
export async function changeTargetSet(
  req: AuthedRequest,
  year: number,
  catalog: Catalog,
  input: TargetSetInput,
): Promise<ApiResult> {
  const expected = ifMatchVersion(req);
  try {
    return await retry(
      jittered(4, 20),
      (error) => error instanceof WriteConflict,
      async () => {
        const current = await currentTargetSet(year, catalog);
        if (expected !== undefined && expected !== current.version) {
          throw new PreconditionFailedError(
            bi(
              `Bộ mục tiêu đã được thay đổi (phiên bản ${current.version}, bạn gửi ${expected}). Hãy tải lại rồi sửa tiếp.`,
              `The target set has changed (version ${current.version}, you sent ${expected}). Reload and try again.`,
            ),
            { code: CODE.VERSION_MISMATCH },
          );
        }
        const resolved = resolveTargetSet(catalog, current, input, {
          version: current.version + 1,
          setBy: req.identity.sub,
          setAt: req.receivedAt.toISOString(),
        });
        if (!resolved.set) throw invalidInput(resolved.problems);
        const set = resolved.set;
        const writes = [
          ...targetSetWrites(set),
          ...(await adminAuditWrites(req, [
            {
              year,
              action: 'targets.set',
              object: targetSetName(set),
              details: { version: set.version, previous: current.version },
            },
          ])),
        ];
        return commitClaimed(writes, req.claim, { body: targetSetView(set) }, req.receivedAt);
      },
    );
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    throw new ConflictError(
      bi(
        'Bộ mục tiêu đang được thay đổi đồng thời; hãy thử lại.',
        'The target set is being changed concurrently; retry.',
      ),
      { code: CODE.CONCURRENT_UPDATE },
    );
  }
}

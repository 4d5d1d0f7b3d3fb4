import { ConflictError, PreconditionFailedError } from '../errors.ts';
import { emptyReport, type ReportState, type Transition } from '../domain/report.ts';
import { bi } from '../contract/i18n.ts';
import { commitClaimed, findClaim, replay, type IdempotencyClaim, type Outcome } from './idempotency.ts';
import { getReport, transitionItems } from './reports.ts';
import { jittered, retry } from './retry.ts';
import { WriteConflict, type Write } from './transact.ts';

export interface ReportCommand {
  readonly year: number;
  readonly unitId: string;
  /** The version the caller last saw (If-Match); a stale one is 412 and writes nothing. */
  readonly ifMatch?: number;
  readonly claim?: IdempotencyClaim;
  readonly now: Date;
  /** The response for the resulting state; stored with the idempotency claim. */
  readonly render: (state: ReportState) => Outcome;
  /** Extra writes that must land with the transition, such as the audit entry of a review action. */
  readonly alsoWrite?: (t: Transition) => Promise<Write[]>;
}

const RACES = jittered(4, 20);

function stale(expected: number, actual: number): PreconditionFailedError {
  return new PreconditionFailedError(
    bi(
      `Báo cáo đã được thay đổi (phiên bản ${actual}, bạn gửi ${expected}). Hãy tải lại rồi sửa tiếp.`,
      `The report has changed (version ${actual}, you sent ${expected}). Reload and try again.`,
    ),
    { code: 'VERSION_MISMATCH' },
  );
}

/**
 * Reads the report, applies a pure transition and commits it with its revision in one transaction. A lost
 * race is retried on fresh state; under If-Match the fresh state's version no longer matches, so it is 412.
 */
export async function changeReport(
  cmd: ReportCommand,
  apply: (state: ReportState) => Transition | undefined,
): Promise<Outcome> {
  try {
    // Lost a race (on the report, or on an extra write such as the audit head): the next attempt re-reads,
    // so a version that moved becomes 412 under If-Match.
    return await retry(
      RACES,
      (error) => error instanceof WriteConflict,
      async (attempt) => {
        if (attempt > 1 && cmd.claim) {
          // A concurrent retry under the same key may be the one that won.
          const found = await findClaim(cmd.claim);
          if (found) return replay(found, cmd.claim);
        }
        const current = (await getReport(cmd.year, cmd.unitId)) ?? emptyReport(cmd.year, cmd.unitId);
        if (cmd.ifMatch !== undefined && cmd.ifMatch !== current.version)
          throw stale(cmd.ifMatch, current.version);
        const transition = apply(current);
        if (!transition) return cmd.render(current);
        const writes = [
          ...transitionItems(current.version, transition),
          ...((await cmd.alsoWrite?.(transition)) ?? []),
        ];
        return commitClaimed(writes, cmd.claim, cmd.render(transition.next), cmd.now);
      },
    );
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    throw new ConflictError(
      bi(
        'Báo cáo đang được nhiều người sửa cùng lúc; hãy thử lại.',
        'The report is being changed concurrently; retry.',
      ),
      { code: 'CONCURRENT_UPDATE', cause: error },
    );
  }
}

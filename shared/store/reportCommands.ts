import { ConflictError, PreconditionFailedError } from '../errors.ts';
import { emptyReport, type ReportState, type Transition } from '../domain/report.ts';
import { bi } from '../contract/i18n.ts';
import { commitClaimed, findClaim, replay, type IdempotencyClaim, type Outcome } from './idempotency.ts';
import { knownReport, rememberReport } from './knownReports.ts';
import { getReport, getReportAndClaim, transitionItems } from './reports.ts';
import { jittered, retry } from './retry.ts';
import { WriteConflict, type Write } from './transact.ts';
import { CODE } from '../contract/errors.ts';

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
    { code: CODE.VERSION_MISMATCH },
  );
}

/**
 * Applies a pure transition to the report and commits it with its revision and the request's idempotency claim
 * in one transaction. The claim is checked by that transaction's condition, not read first: when it is already
 * taken, the refused commit reads it and replays the first outcome (or refuses a different request under the
 * same key). Under If-Match, a state this process already knows at that version is used without a read (see
 * knownReports.ts); otherwise the report is read once. A lost race is retried on fresh state, read together
 * with the claim; under If-Match the fresh state's version no longer matches, so it is 412.
 */
export async function changeReport(
  cmd: ReportCommand,
  apply: (state: ReportState) => Transition | undefined,
): Promise<Outcome> {
  try {
    const known = cmd.ifMatch === undefined ? undefined : knownReport(cmd.year, cmd.unitId, cmd.ifMatch);
    const fast = known && (await commitOnKnown(cmd, known, apply));
    if (fast) return fast;
    // Lost a race (on the report, or on an extra write such as the audit head): the next attempt re-reads,
    // so a version that moved becomes 412 under If-Match.
    return await retry(
      RACES,
      (error) => error instanceof WriteConflict,
      async (attempt) => {
        // After a lost race, a concurrent retry under the same key may be the one that won.
        const read =
          attempt > 1 && cmd.claim
            ? await getReportAndClaim(cmd.year, cmd.unitId, cmd.claim.key)
            : { report: await getReport(cmd.year, cmd.unitId) };
        if (read.claim && cmd.claim) return replay(read.claim, cmd.claim);
        const current = read.report ?? emptyReport(cmd.year, cmd.unitId);
        rememberReport(current);
        if (cmd.ifMatch !== undefined && cmd.ifMatch !== current.version)
          throw stale(cmd.ifMatch, current.version);
        const transition = apply(current);
        if (!transition) return unchanged(cmd, current);
        return commit(cmd, current, transition);
      },
    );
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    throw new ConflictError(
      bi(
        'Báo cáo đang được nhiều người sửa cùng lúc; hãy thử lại.',
        'The report is being changed concurrently; retry.',
      ),
      { code: CODE.CONCURRENT_UPDATE, cause: error },
    );
  }
}

async function commit(
  cmd: ReportCommand,
  from: ReportState,
  transition: Transition,
  opts: { unchangedSince?: string } = {},
): Promise<Outcome> {
  const writes = [
    ...transitionItems(from.version, transition, opts),
    ...((await cmd.alsoWrite?.(transition)) ?? []),
  ];
  const outcome = await commitClaimed(writes, cmd.claim, cmd.render(transition.next), cmd.now);
  if (!outcome.replayed) rememberReport(transition.next);
  return outcome;
}

/**
 * The transition on a state remembered at the caller's version, committed only if that state is still current.
 * Undefined when it is not, or when the state would refuse the change or not change: those are judged again on
 * a fresh read, as without the remembered state.
 */
async function commitOnKnown(
  cmd: ReportCommand,
  known: ReportState,
  apply: (state: ReportState) => Transition | undefined,
): Promise<Outcome | undefined> {
  let transition: Transition | undefined;
  try {
    transition = apply(known);
  } catch {
    return undefined;
  }
  if (!transition) return undefined;
  try {
    return await commit(cmd, known, transition, { unchangedSince: known.updatedAt });
  } catch (error) {
    if (error instanceof WriteConflict) return undefined;
    throw error;
  }
}

/** Nothing to write; but a request under a key already used is answered from that key's claim. */
async function unchanged(cmd: ReportCommand, current: ReportState): Promise<Outcome> {
  const found = cmd.claim && (await findClaim(cmd.claim));
  return found && cmd.claim ? replay(found, cmd.claim) : cmd.render(current);
}

import type { AuditAction } from '../contract/auditActions.ts';
import {
  AUDIT_STREAMS,
  MAX_FORWARDED_FOR,
  type AuditEntryInput,
  type AuditStream,
} from '../domain/auditChain.ts';
import { createHash } from 'node:crypto';
import { PROVINCE_SCOPE } from '../contract/params.ts';
import { canonicalJson } from '../domain/auditChain.ts';
import type { PeriodInput } from '../contract/bodies.ts';
import { lockExceptionChanges, type Period } from '../domain/period.ts';
import type { AuthedRequest } from '../http/types.ts';
import { appendAudit, auditAppendWrites } from '../store/audit.ts';
import { jittered, retry } from '../store/retry.ts';
import { RACE, WriteConflict, type Write } from '../store/transact.ts';

/*
 * The one way a route records what it did on the audit log. Admin actions about no single unit (a period, a
 * target set, a rollup) go to the province's own chains, PROVINCE_SCOPE, which no unit id can equal.
 */

export interface AuditedAction {
  readonly year: number;
  readonly action: AuditAction;
  /** @default PROVINCE_SCOPE */
  readonly unitId?: string;
  readonly object?: string;
  readonly evidenceId?: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

/** The entry for an action of this request: the caller from the token, the addresses as received (bounded). */
export function auditInput(req: AuthedRequest, what: AuditedAction): AuditEntryInput {
  const forwardedFor = req.forwardedFor?.slice(0, MAX_FORWARDED_FOR);
  return {
    year: what.year,
    at: req.receivedAt.toISOString(),
    actor: { sub: req.identity.sub, role: req.identity.role },
    action: what.action,
    unitId: what.unitId ?? PROVINCE_SCOPE,
    ...(what.object ? { object: what.object } : {}),
    ...(what.evidenceId ? { evidenceId: what.evidenceId } : {}),
    sourceIp: req.sourceIp,
    ...(forwardedFor ? { forwardedFor } : {}),
    ...(what.details ? { details: what.details } : {}),
  };
}

/** Where a job's entries say they came from: inside the system, not from an address on the network. */
export const JOB_SOURCE = 'job';

/** The entry for something a job did, for the admin who started it or for the scheduler (role `system`). */
export function jobAuditInput(
  actor: AuditEntryInput['actor'],
  at: Date,
  what: AuditedAction,
): AuditEntryInput {
  return {
    year: what.year,
    at: at.toISOString(),
    actor,
    action: what.action,
    unitId: what.unitId ?? PROVINCE_SCOPE,
    ...(what.object ? { object: what.object } : {}),
    sourceIp: JOB_SOURCE,
    ...(what.details ? { details: what.details } : {}),
  };
}

/** A job's change committed with its entry, on a lane of the admin stream, retried as withAdminAudit is. */
export function withJobAudit<T>(
  entry: AuditEntryInput,
  commit: (auditWrites: Write[]) => Promise<T>,
): Promise<T> {
  return retry(jittered(6, 20), lostAuditRace, async () =>
    commit(await auditAppendWrites(entry, 'admin', Math.floor(Math.random() * AUDIT_STREAMS.admin.lanes))),
  );
}

/** Appends at once, on its own (an evidence download: on record before the link leaves the server). */
export const recordAction = (req: AuthedRequest, stream: AuditStream, what: AuditedAction): Promise<void> =>
  appendAudit(auditInput(req, what), stream);

/** The writes of a review action's entry, to commit in the same transaction as the change itself. */
export const reviewAuditWrites = (req: AuthedRequest, what: AuditedAction): Promise<Write[]> =>
  auditAppendWrites(auditInput(req, what), 'review');

/** The writes of admin actions' entries, each on a lane of the admin stream chosen at random. */
export async function adminAuditWrites(
  req: AuthedRequest,
  actions: readonly AuditedAction[],
): Promise<Write[]> {
  const writes: Write[] = [];
  for (const what of actions) {
    const lane = Math.floor(Math.random() * AUDIT_STREAMS.admin.lanes);
    writes.push(...(await auditAppendWrites(auditInput(req, what), 'admin', lane)));
  }
  return writes;
}

/** Another writer on the head (or on the change's own item) at that instant: the next try reads afresh. */
export const lostAuditRace = (error: unknown): boolean =>
  error instanceof WriteConflict && (error.reason === 'AUDIT_HEAD_MOVED' || error.reason === RACE);

/**
 * An admin change committed together with its entries: `commit` receives the audit writes to include in its
 * transaction, and runs again on another lane when another admin's entry took the chain's head first.
 */
export async function withAdminAudit<T>(
  req: AuthedRequest,
  actions: readonly AuditedAction[],
  commit: (auditWrites: Write[]) => Promise<T>,
): Promise<T> {
  return retry(jittered(6, 20), lostAuditRace, async () => commit(await adminAuditWrites(req, actions)));
}

/**
 * Lock exceptions itemized in the affected unit's chain, at most this many per request: a transaction holds
 * 100 writes, and each entry is two. The period's own entry counts every change and carries a digest of all.
 */
export const ITEMIZED_LOCK_EXCEPTIONS = 40;

/** A period change as audit entries: the period in the province's chain, each lock exception in its unit's. */
export function adminActionsForPeriod(year: number, before: Period, after: PeriodInput): AuditedAction[] {
  const changes = lockExceptionChanges(before.lockExceptions, after.lockExceptions);
  const itemized = changes.slice(0, ITEMIZED_LOCK_EXCEPTIONS);
  return [
    {
      year,
      action: 'period.set',
      details: {
        opensAt: after.opensAt,
        deadline: after.deadline,
        before: { opensAt: before.opensAt, deadline: before.deadline, isDefault: before.isDefault },
        lockExceptions: after.lockExceptions.length,
        changes: changes.length,
        notItemized: changes.length - itemized.length,
        changesSha256: createHash('sha256').update(canonicalJson(changes)).digest('hex'),
      },
    },
    ...itemized.map(({ unitId, ...change }): AuditedAction => ({
      year,
      action: 'period.lockException',
      unitId,
      details: change,
    })),
  ];
}

/** The calendar year in Vietnam (UTC+7) of an instant: where an action that belongs to no reporting year goes. */
export const vietnamYearOf = (at: Date): number => new Date(at.getTime() + 7 * 3600_000).getUTCFullYear();

/**
 * Units added or changed, or levels through time: one entry with the unit ids (the first hundred), the
 * hierarchy version the edit made and a digest of what was saved.
 */
export function unitsAuditAction(
  at: Date,
  saved: { readonly units: readonly { id: string }[]; readonly levels?: readonly unknown[] },
  version: number,
): AuditedAction {
  return {
    year: vietnamYearOf(at),
    action: 'units.put',
    details: {
      count: saved.units.length,
      unitIds: saved.units.slice(0, 100).map((u) => u.id),
      ...(saved.levels ? { levels: saved.levels.length } : {}),
      version,
      sha256: createHash('sha256').update(canonicalJson(saved)).digest('hex'),
    },
  };
}

/** A reorganization: its date, legal document and changes, the units it wrote, and the version it made. */
export function reorganizationAuditAction(
  at: Date,
  reorganization: {
    readonly date: string;
    readonly document: unknown;
    readonly changes: readonly { readonly kind: string }[];
  },
  units: readonly { id: string }[],
  version: number,
): AuditedAction {
  return {
    year: vietnamYearOf(at),
    action: 'units.reorganize',
    details: {
      date: reorganization.date,
      document: reorganization.document,
      kinds: reorganization.changes.map((c) => c.kind),
      unitIds: units.slice(0, 100).map((u) => u.id),
      version,
      sha256: createHash('sha256').update(canonicalJson(reorganization)).digest('hex'),
    },
  };
}

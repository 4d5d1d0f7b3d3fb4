import type { RouteAccess } from './routes.ts';

/**
 * The job table: the single source for functions that no HTTP route calls. The CDK stack makes one function
 * and one EventBridge Scheduler schedule per row. Adding a job is one row here plus its handler module.
 */
export interface JobSchedule {
  /** An EventBridge Scheduler expression: `cron(...)`, `rate(...)` or `at(...)`. */
  readonly expression: string;
  /** IANA time zone the expression is read in, e.g. `Asia/Ho_Chi_Minh`. */
  readonly timeZone: string;
}

export interface Job {
  readonly id: string;
  /** Module under functions/, without extension; it exports `handler`. */
  readonly handler: string;
  readonly schedule: JobSchedule;
  /** What the job's function may touch; the stack turns this into least-privilege grants. */
  readonly access: RouteAccess;
}

/**
 * Empty for now. The yearly rollup lands here as
 * `{ id: 'rollupYear', handler: 'rollupYear', schedule: { expression: 'cron(30 0 1 2 ? *)', timeZone: 'Asia/Ho_Chi_Minh' }, ... }`:
 * 00:30 on 1 February, Vietnam time, for the year before.
 */
export const jobs = [] as const satisfies readonly Job[];

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

/** The environment variable that carries a job function's name to the routes that may invoke it. */
export const jobFunctionEnv = (jobId: string) =>
  `${jobId.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_FUNCTION_NAME`;

export const jobs = [
  {
    id: 'rollupYear',
    handler: 'rollupYear',
    // 00:30 on 1 February, Vietnam time: the rollup of the year just ended, after the reporting deadline.
    schedule: { expression: 'cron(30 0 1 2 ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
    access: { table: 'readwrite', reports: 'readwrite' },
  },
] as const satisfies readonly Job[];

export type JobId = (typeof jobs)[number]['id'];

/** Functions started by an S3 event rather than a schedule or a route. */
export interface UploadTrigger {
  readonly id: string;
  readonly handler: string;
  readonly bucket: 'evidence';
  readonly prefix: string;
  readonly access: RouteAccess;
}

export const uploadTriggers = [
  {
    id: 'evidenceUploaded',
    handler: 'onEvidenceUploaded',
    bucket: 'evidence',
    prefix: 'evidence/',
    access: { table: 'readwrite', evidence: 'readwrite' },
  },
] as const satisfies readonly UploadTrigger[];

import { buckets } from './buckets.ts';
import type { RouteAccess } from './contract/routes.ts';

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

export interface JobMemory {
  /** The function's memory size. */
  readonly functionMiB: number;
  /**
   * V8's old-generation limit (`--max-old-space-size`). Without it Lambda's bootstrap lets the heap grow to
   * about 90% of the function's memory, and a job that allocates fast leaves that much garbage uncollected.
   */
  readonly heapMiB?: number;
}

export interface Job {
  readonly id: string;
  /** Module under functions/, without extension; it exports `handler`. */
  readonly handler: string;
  readonly schedule: JobSchedule;
  /** What the job's function may touch; the stack turns this into least-privilege grants. */
  readonly access: RouteAccess;
  /** @default 1024 MiB, heap limited only by Lambda's bootstrap */
  readonly memory?: JobMemory;
}

export const DEFAULT_JOB_MEMORY: JobMemory = { functionMiB: 1024 };

/** The environment variable that carries a job function's name to the routes that may invoke it. */
export const jobFunctionEnv = (jobId: string) =>
  `${jobId.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}_FUNCTION_NAME`;

export const jobs = [
  {
    id: 'rollupYear',
    handler: 'rollupYear',
    // 00:30 on 1 February, Vietnam time: the rollup of the year just ended, after the reporting deadline.
    schedule: { expression: 'cron(30 0 1 2 ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
    access: { table: 'readwrite', reports: 'readwrite', invokes: ['anchorAudit'] },
    // The rollup streams: what it keeps is the ranking and the missing units (77 B a unit, measured) and sums per
    // parent unit, so 256 MiB holds about a million units while peak memory follows the live set rather than GC
    // slack (bench/README.md: peak RSS at 100k units ÷ at 10k). docs/rollup-at-scale.md says when to raise it.
    memory: { functionMiB: 1024, heapMiB: 256 },
  },
  {
    id: 'anchorAudit',
    handler: 'anchorAudit',
    // 00:15 every day, Vietnam time; the rollup job also starts it for its year (functions/rollupYear.ts).
    schedule: { expression: 'cron(15 0 * * ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
    access: { table: 'read', audit: 'anchor' },
  },
  {
    id: 'sendReminders',
    handler: 'sendReminders',
    // 08:00 every day, Vietnam time, when offices open: each period's reminder N days before its deadline
    // (domain/reminders.ts); an admin's POST /reminders/{year} also starts it.
    schedule: { expression: 'cron(0 8 * * ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
    access: { table: 'readwrite', audit: 'append', mail: 'send' },
  },
] as const satisfies readonly Job[];

export type JobId = (typeof jobs)[number]['id'];

/** The Node.js flags a job's function runs with, in Lambda and in the bench alike. */
export const jobNodeFlags = (job: Job): string[] =>
  job.memory?.heapMiB ? [`--max-old-space-size=${job.memory.heapMiB}`] : [];

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
    prefix: buckets.evidence.keyPrefix,
    access: { table: 'readwrite', evidence: 'settle' },
  },
] as const satisfies readonly UploadTrigger[];

/** A year's rollup run as the status route shows it: running, or finished with its counts or its error. */
export interface RollupSummary {
  readonly year: number;
  readonly status: 'running' | 'succeeded' | 'failed';
  readonly runId: string;
  readonly requestedBy: string;
  readonly startedAt: string;
  readonly finishedAt?: string;
  readonly error?: string;
  readonly counts?: Record<string, number>;
  readonly catalogVersion?: string;
  /** The target set the run scored with (`2025.v0`: the catalog's defaults). */
  readonly targetSet?: string;
}

/** Which run of the year is published (its files are the ones linked), and since when. */
export interface PublishedRollup {
  readonly year: number;
  readonly runId: string;
  readonly publishedAt: string;
}

/** A run older than this is not running any more, whatever its summary says: Lambda stops a job at 15 min. */
export const STALE_RUN_MS = 20 * 60_000;

/**
 * A run as it stands at `now`: one still marked running past STALE_RUN_MS was stopped by Lambda before it
 * could record its end, so it is shown as failed, saying so, rather than "running" for ever. The table keeps
 * what the run wrote; the next run may claim the year either way (rollupSummaries.ts).
 */
export function runAsSeen(summary: RollupSummary, now: Date): RollupSummary {
  if (summary.status !== 'running' || Date.parse(summary.startedAt) >= now.getTime() - STALE_RUN_MS)
    return summary;
  return {
    ...summary,
    status: 'failed',
    error:
      'Lượt tổng hợp không ghi được kết quả: đã quá 15 phút, Lambda dừng nó. / ' +
      'The run recorded no end: past 15 minutes, Lambda stopped it.',
  };
}

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

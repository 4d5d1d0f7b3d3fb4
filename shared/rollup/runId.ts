/** A run's id: sortable by start time, unique enough for concurrent runs of one year. */
export const newRunId = (now: Date) =>
  `${now.toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;

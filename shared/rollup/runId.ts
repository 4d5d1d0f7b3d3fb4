/** A run's id: sortable by start time, unique enough for concurrent runs of one year. */
export const newRunId = (now: Date) =>
  `${now.toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;

/** What newRunId makes; a run id becomes part of S3 keys, so one from outside is checked against it. */
export const RUN_ID_PATTERN = /^\d{8}T\d{9}Z-[a-z0-9]{1,8}$/;

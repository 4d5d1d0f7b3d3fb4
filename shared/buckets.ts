/** The buckets and their purposes. Names always come from the environment variable named here. */
export const buckets = {
  evidence: {
    env: 'EVIDENCE_BUCKET',
    purpose: 'Evidence documents uploaded by agencies (tài liệu kiểm chứng)',
  },
  reports: { env: 'REPORTS_BUCKET', purpose: 'Yearly rollup outputs: JSON, CSV and HTML' },
  web: { env: 'WEB_BUCKET', purpose: 'The static web form' },
} as const;

export type BucketPurpose = keyof typeof buckets;

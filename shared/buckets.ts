/**
 * The buckets and their purposes. Names always come from the environment variable named here. Functions only
 * ever get access to objects under `keyPrefix`, so every key a function writes must start with it.
 */
export const buckets = {
  evidence: {
    env: 'EVIDENCE_BUCKET',
    purpose: 'Evidence documents uploaded by agencies (tài liệu kiểm chứng)',
    keyPrefix: 'evidence/',
  },
  reports: {
    env: 'REPORTS_BUCKET',
    purpose: 'Yearly rollup outputs: JSON, CSV and HTML',
    keyPrefix: 'rollups/',
  },
  anchors: {
    env: 'ANCHORS_BUCKET',
    purpose: "The audit log's anchors: MACed digests of every chain head, under Object Lock in prod",
    keyPrefix: 'anchors/',
  },
  web: { env: 'WEB_BUCKET', purpose: 'The static web form', keyPrefix: '' },
} as const;

export type BucketPurpose = keyof typeof buckets;

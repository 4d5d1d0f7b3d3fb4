import { S3Client } from '@aws-sdk/client-s3';
import { buckets, type BucketPurpose } from '../buckets.ts';
import { requireEnv } from '../config.ts';
import { recordCalls } from './callLog.ts';

/* The S3 client, at module scope. The endpoint comes from the environment only for the local emulator. */
const endpoint = process.env.S3_ENDPOINT || undefined;

export const s3 = new S3Client({
  ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
  // Checksums are only sent when an operation needs one, so presigned PUTs bind exactly what we declare.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

recordCalls(s3, 's3');

if (endpoint) {
  // The emulator expects `/bucket` where the SDK signs `/bucket/` for bucket-level operations.
  s3.middlewareStack.add(
    (next) => async (args) => {
      const req = args.request as { path?: string };
      if (req.path && /^\/[^/]+\/$/.test(req.path)) req.path = req.path.slice(0, -1);
      return next(args);
    },
    { step: 'build', name: 'stripBucketTrailingSlash' },
  );
}

export const bucketName = (purpose: BucketPurpose): string => requireEnv(buckets[purpose].env);

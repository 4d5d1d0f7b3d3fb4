import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { buckets, type BucketPurpose } from '../buckets.ts';
import { requireEnv } from '../config.ts';
import { dataModel } from '../model.ts';

/*
 * Clients live at module scope so that a warm Lambda reuses their connections. Endpoints come from the
 * environment only when running against DynamoDB Local and the S3 emulator.
 */
const dynamoEndpoint = process.env.DYNAMODB_ENDPOINT || undefined;
const s3Endpoint = process.env.S3_ENDPOINT || undefined;

export const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ ...(dynamoEndpoint ? { endpoint: dynamoEndpoint } : {}), maxAttempts: 3 }),
  { marshallOptions: { removeUndefinedValues: true } },
);

export const s3 = new S3Client({
  ...(s3Endpoint ? { endpoint: s3Endpoint, forcePathStyle: true } : {}),
  // Checksums are only sent when an operation needs one, so presigned PUTs bind exactly what we declare.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});

if (s3Endpoint) {
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

export const tableName = (): string => requireEnv(dataModel.tableNameEnv);
export const bucketName = (purpose: BucketPurpose): string => requireEnv(buckets[purpose].env);

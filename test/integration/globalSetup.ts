process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import type { TestProject } from 'vitest/node';
import { startDynamoLocal } from '../../local/dynamo.ts';
import { localBucketName, localBucketPurposes } from '../../local/env.ts';
import { freePort } from '../../local/ports.ts';
import { startS3Emulator } from '../../local/s3.ts';

export const TEST_BUCKET_PREFIX = 'it';

/** One DynamoDB Local and one S3 emulator for the whole run, on free ports, always stopped. */
export default async function setup(project: TestProject) {
  const dynamo = await startDynamoLocal({ port: await freePort() });
  let s3;
  try {
    s3 = await startS3Emulator({
      port: await freePort(),
      bucketNames: localBucketPurposes.map((p) => localBucketName(TEST_BUCKET_PREFIX, p)),
      corsOrigins: ['http://127.0.0.1'],
    });
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('bucketPrefix', TEST_BUCKET_PREFIX);
  return async () => {
    await s3.stop();
    await dynamo.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
    bucketPrefix: string;
  }
}

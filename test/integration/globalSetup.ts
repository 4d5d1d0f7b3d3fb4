process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { AUDIT_LOCAL_KEY_ENV } from '#shared/auditKeys';
import { jobs } from '#shared/jobs';
import { SDK_CALL_LOG_ENV } from '#shared/store/callLog';
import { startDynamoLocal } from '../../local/dynamo.ts';
import { localBucketName, localBucketPurposes } from '../../local/env.ts';
import { freePort } from '../../local/ports.ts';
import { startS3Emulator } from '../../local/s3.ts';
import { startSesEmulator } from '../../local/ses.ts';
import { LOCAL_BUCKET_PREFIX } from '../../local/stack.ts';
import { collectRecorded, neededKey, reconcileRecorded } from '../iam/recorded.ts';

export const TEST_BUCKET_PREFIX = 'it';

/**
 * One DynamoDB Local and one S3 emulator for the whole run, on free ports, always stopped. The SDK calls the
 * functions make are recorded for the run and checked against test/iam/recorded-permissions.json at the end.
 */
export default async function setup(project: TestProject) {
  const callLog = mkdtempSync(join(tmpdir(), 'sdk-calls-'));
  process.env[SDK_CALL_LOG_ENV] = callLog;
  // One anchor key for every test file of the run, as one KMS key serves every function: an anchor a rollup
  // wrote in one worker must verify in another (each worker would otherwise make up a key of its own).
  process.env[AUDIT_LOCAL_KEY_ENV] ??= randomBytes(32).toString('hex');
  const dynamo = await startDynamoLocal({ port: await freePort() });
  let s3;
  let ses;
  try {
    s3 = await startS3Emulator({
      port: await freePort(),
      bucketNames: localBucketPurposes.map((p) => localBucketName(TEST_BUCKET_PREFIX, p)),
      corsOrigins: ['http://127.0.0.1'],
    });
    ses = await startSesEmulator({ port: await freePort() });
  } catch (error) {
    await s3?.stop();
    await dynamo.stop();
    throw error;
  }
  project.provide('dynamoEndpoint', dynamo.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('bucketPrefix', TEST_BUCKET_PREFIX);
  project.provide('sdkCallLog', callLog);
  return async () => {
    await ses.stop();
    await s3.stop();
    await dynamo.stop();
    const found = collectRecorded(callLog, {
      // The local stack's own test runs `npm start`'s bucket names on an emulator of its own.
      buckets: Object.fromEntries(
        [TEST_BUCKET_PREFIX, LOCAL_BUCKET_PREFIX].flatMap((prefix) =>
          localBucketPurposes.map((p) => [localBucketName(prefix, p), p]),
        ),
      ),
      functions: Object.fromEntries(jobs.map((j) => [j.id, j.id])),
    });
    rmSync(callLog, { recursive: true, force: true });
    const { added } = reconcileRecorded(found);
    if (added.length) {
      process.exitCode = 1;
      throw new Error(
        `The functions made AWS calls test/iam/recorded-permissions.json did not list; it now does, commit it ` +
          `(npm test checks the stack grants them):\n${added.map(neededKey).join('\n')}`,
      );
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    s3Endpoint: string;
    sesEndpoint: string;
    bucketPrefix: string;
    sdkCallLog: string;
  }
}

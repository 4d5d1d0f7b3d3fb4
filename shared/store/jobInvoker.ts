import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { requireEnv } from '../config.ts';
import { jobFunctionEnv, type JobId } from '../jobs.ts';
import { recordCalls } from './callLog.ts';

/*
 * Jobs outlast an HTTP request (API Gateway gives up after 30 s), so a route starts one as an asynchronous
 * Lambda invocation. Locally the HTTP adapter answers the same Invoke call, found through LAMBDA_ENDPOINT.
 */
const endpoint = process.env.LAMBDA_ENDPOINT || undefined;
const lambda = new LambdaClient({ ...(endpoint ? { endpoint } : {}) });
recordCalls(lambda, 'lambda');

export async function startJob(jobId: JobId, payload: unknown): Promise<void> {
  await lambda.send(
    new InvokeCommand({
      FunctionName: requireEnv(jobFunctionEnv(jobId)),
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(payload)),
    }),
  );
}

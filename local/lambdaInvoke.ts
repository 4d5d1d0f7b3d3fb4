import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jobs } from '#shared/jobs';
import { runningFunction } from '#shared/store/callLog';

const ROOT = resolve(import.meta.dirname, '..');
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

async function readAll(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The Lambda Invoke API for the job table, so a route that starts a job (LAMBDA_ENDPOINT points here) runs
 * the same code locally as in AWS. An `Event` invocation runs in the background, as Lambda would.
 */
export async function answerLambdaInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  const name = INVOKE_PATH.exec(url.pathname)?.[1];
  if (!name || req.method !== 'POST') return false;
  const job = jobs.find((j) => j.id === decodeURIComponent(name));
  if (!job) {
    res.writeHead(404, {
      'content-type': 'application/json',
      'x-amzn-errortype': 'ResourceNotFoundException',
    });
    res.end(JSON.stringify({ message: `Function not found: ${name}` }));
    return true;
  }
  const payload: unknown = JSON.parse((await readAll(req)) || '{}');
  const module = (await import(pathToFileURL(join(ROOT, 'functions', `${job.handler}.ts`)).href)) as {
    handler: (event: unknown) => Promise<unknown>;
  };
  const run = runningFunction.run(job.id, () => module.handler(payload));
  if (req.headers['x-amz-invocation-type'] === 'Event') {
    run.catch((error: unknown) => console.error(`job ${job.id} failed:`, error));
    res.writeHead(202);
    res.end();
    return true;
  }
  const result = await run;
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(result ?? null));
  return true;
}

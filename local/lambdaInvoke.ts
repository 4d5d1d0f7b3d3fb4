import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { jobs } from '#shared/jobs';
import { runningFunction } from '#shared/store/callLog';

const ROOT = resolve(import.meta.dirname, '..');
const INVOKE_PATH = /^\/local-lambda\/([A-Za-z0-9_-]+)\/2015-03-31\/functions\/([^/]+)\/invocations$/;
const MAX_PAYLOAD = 256 * 1024;

/**
 * The secret of this run, in the endpoint the routes' Lambda client is given (LAMBDA_ENDPOINT): only calls
 * made by this process's own handlers know it, so another local process cannot start a job through the
 * adapter's port. It is made anew at every start and never written down.
 */
const RUN_SECRET = randomBytes(24).toString('base64url');

/** The base URL to put in LAMBDA_ENDPOINT; the SDK appends the Invoke path to it. */
export const lambdaEndpoint = (apiUrl: string): string => `${apiUrl}/local-lambda/${RUN_SECRET}`;

function isRunSecret(value: string): boolean {
  const got = Buffer.from(value);
  const want = Buffer.from(RUN_SECRET);
  return got.length === want.length && timingSafeEqual(got, want);
}

function send(res: ServerResponse, status: number, type: string, message: string): true {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type });
  res.end(JSON.stringify({ message }));
  return true;
}

async function readAll(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_PAYLOAD) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The Lambda Invoke API for the job table, so a route that starts a job runs the same code locally as in AWS.
 * An `Event` invocation runs in the background, as Lambda would. Anything under /local-lambda/ without this
 * run's secret is refused as Lambda refuses an unsigned call.
 */
export async function answerLambdaInvoke(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<boolean> {
  if (!url.pathname.startsWith('/local-lambda/')) return false;
  const match = INVOKE_PATH.exec(url.pathname);
  if (!match || req.method !== 'POST' || !isRunSecret(match[1] as string)) {
    return send(res, 403, 'AccessDeniedException', 'Not a call from this local stack.');
  }
  const name = match[2] as string;
  const job = jobs.find((j) => j.id === name);
  if (!job) return send(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
  const raw = await readAll(req);
  if (raw === undefined) return send(res, 413, 'RequestTooLargeException', 'Payload too large.');
  let payload: unknown;
  try {
    payload = JSON.parse(raw || '{}');
  } catch {
    return send(res, 400, 'InvalidRequestContentException', 'The payload is not JSON.');
  }
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

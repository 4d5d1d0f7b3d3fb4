import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { startDynamoLocal, type DynamoLocal } from '../../local/dynamo.ts';
import { applyLocalEnv, localBucketName, localBucketPurposes } from '../../local/env.ts';
import { createLocalIssuer, type LocalIssuer } from '../../local/identity.ts';
import { freePort } from '../../local/ports.ts';
import { ensureTable } from '../../local/provision.ts';
import { startS3Emulator, type S3Emulator } from '../../local/s3.ts';
import { REPO_ROOT } from '../lambdaBundle.ts';

export const BENCH_TABLE = 'bench';
export const BENCH_BUCKET_PREFIX = 'bench';
export const ISSUER = 'http://127.0.0.1/bench';

/**
 * The real local parts for one benchmark: Amazon's DynamoDB Local (in memory), the S3 emulator in this process,
 * the table from the shared data model, and this process's environment pointed at them, so that the store
 * modules imported afterwards talk to them. The API runs in a child process (startApiChild) so that the load
 * generator and the server do not share one event loop.
 */
export interface BenchStack {
  readonly dynamo: DynamoLocal;
  readonly s3: S3Emulator;
  readonly issuer: LocalIssuer;
  readonly keyFile: string;
  readonly workDir: string;
  stop(): Promise<void>;
}

export async function startBenchStack(workDir: string): Promise<BenchStack> {
  mkdirSync(workDir, { recursive: true });
  const dynamo = await startDynamoLocal({ port: await freePort() });
  let s3: S3Emulator | undefined;
  try {
    s3 = await startS3Emulator({
      port: await freePort(),
      bucketNames: localBucketPurposes.map((p) => localBucketName(BENCH_BUCKET_PREFIX, p)),
      corsOrigins: [],
      dataDir: join(workDir, 's3'),
    });
    applyLocalEnv({
      tableName: BENCH_TABLE,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      bucketPrefix: BENCH_BUCKET_PREFIX,
    });
    process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
    await ensureTable(dynamo.endpoint, BENCH_TABLE);
    const keyFile = join(workDir, 'signing-key.json');
    const issuer = await createLocalIssuer({ issuer: ISSUER, keyFile });
    const s3Stack = s3;
    return {
      dynamo,
      s3: s3Stack,
      issuer,
      keyFile,
      workDir,
      stop: async () => {
        await s3Stack.stop().catch(() => undefined);
        await dynamo.stop();
      },
    };
  } catch (error) {
    await s3?.stop().catch(() => undefined);
    await dynamo.stop();
    throw error;
  }
}

export interface ApiChild {
  readonly url: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs a bench/ script in a fresh Node process with tsx's loader (`node --import tsx`, so the pid is the one
 * doing the work, not a tsx wrapper), with this process's env plus `env`.
 */
export function spawnTsx(
  script: string,
  args: string[],
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): ChildProcess {
  const { NODE_OPTIONS: _inherited, ...parentEnv } = process.env;
  return spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', join(REPO_ROOT, 'bench', script), ...args],
    {
      cwd: REPO_ROOT,
      env: { ...parentEnv, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

/** Reads one JSON line that a child prints on stdout, and waits for it to exit. */
export async function childResult<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
  const lines = createInterface({ input: child.stdout! });
  let last: string | undefined;
  lines.on('line', (l) => {
    if (l.startsWith('{')) last = l;
    else if (l.trim()) process.stdout.write(`  | ${l}\n`);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== 0 || !last) throw new Error(`child ${child.spawnargs.join(' ')} exited with ${code}`);
  return JSON.parse(last) as T;
}

/** The local HTTP adapter with the real handler modules, in its own process, on a free port. */
export async function startApiChild(stack: BenchStack, env: Record<string, string> = {}): Promise<ApiChild> {
  const port = await freePort();
  const child = spawnTsx('apiServer.ts', [String(port), stack.keyFile, ISSUER], env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('API child did not start within 60 s')), 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (l) => {
      if (l.startsWith('READY ')) {
        clearTimeout(timer);
        resolve(l.slice('READY '.length).trim());
      }
    });
    child.once('exit', (code) => reject(new Error(`API child exited with ${code}`)));
  });
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}

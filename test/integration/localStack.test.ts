import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/ports.ts';
import { seedUnits } from '../../local/seedData.ts';

/*
 * `npm start` as a user runs it: a child process on free ports with its own data folder. Stopping it must leave
 * no Java behind (also when it is SIGKILLed), and starting again must find the data of the previous run.
 */
const ROOT = resolve(import.meta.dirname, '../..');
const dataDir = mkdtempSync(join(tmpdir(), 'bao-cao-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function start(port: number): Promise<Started> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      DYNAMODB_PORT: String(await freePort()),
      S3_PORT: String(await freePort()),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${output}`);
    try {
      if ((await fetch(`${url}/health`)).status === 200) return { child, url, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`no /health within 45 s: ${output}`);
}

const javaPidsFor = async (dir: string): Promise<number[]> => {
  const { execFileSync } = await import('node:child_process');
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes('DynamoDBLocal') && l.includes(dir))
    .map((l) => Number(l.trim().split(/\s+/)[0]));
};

const exited = (child: ChildProcess) =>
  child.exitCode !== null ? Promise.resolve() : new Promise<void>((r) => child.once('exit', () => r()));

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 250));
  }
  return check();
}

describe('npm start', () => {
  it('serves the API and the seeded data; SIGTERM stops everything; a restart finds the data; SIGKILL leaves no Java', async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.output()).toContain(`Seeded ${seedUnits.length} units`);
    const token = (await (
      await fetch(`${first.url}/dev/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        // A unit of today's hierarchy: xã Mường Ảng, formed on 1 July 2025 (the seed's story).
        body: JSON.stringify({ sub: 'agency-xa-muong-ang', role: 'agency', unitId: 'xa-muong-ang' }),
      })
    ).json()) as { token: string };
    const me = await fetch(`${first.url}/me`, { headers: { authorization: `Bearer ${token.token}` } });
    expect(me.status).toBe(200);
    expect((await javaPidsFor(dataDir)).length).toBe(1);

    first.child.kill('SIGTERM');
    await exited(first.child);
    expect(await waitFor(async () => (await javaPidsFor(dataDir)).length === 0, 10_000)).toBe(true);

    const second = await start(port);
    expect(second.output()).not.toContain('Seeded');
    // The first run's token still works on the same port: the signing key lives beside the data.
    const again = await fetch(`${second.url}/reports/2025`, {
      headers: { authorization: `Bearer ${token.token}` },
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { version: number }).version).toBeGreaterThan(0);

    second.child.kill('SIGKILL');
    await exited(second.child);
    expect(await waitFor(async () => (await javaPidsFor(dataDir)).length === 0, 10_000)).toBe(true);
  }, 180_000);
});

describe('npm start refuses to start with a clear one-line reason', () => {
  async function failure(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts', '--in-memory'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(await freePort()), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    await exited(child);
    return { code: child.exitCode, output };
  }

  it('when Java is missing', async () => {
    const res = await failure({ PATH: '/nonexistent', DYNAMODB_PORT: String(await freePort()) });
    expect(res.code).toBe(1);
    expect(res.output).toMatch(/^Cannot start: Java 17\+ is required/m);
  });

  it('when a port is taken, or a stale DynamoDB Local holds it', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer().listen(0, '127.0.0.1');
    await new Promise((r) => busy.once('listening', r));
    const busyPort = (busy.address() as { port: number }).port;
    try {
      const res = await failure({ PORT: String(busyPort) });
      expect(res.code).toBe(1);
      expect(res.output).toMatch(new RegExp(`^Cannot start: Port ${busyPort} is taken`, 'm'));
    } finally {
      busy.close();
    }
    const { startDynamoLocal } = await import('../../local/dynamo.ts');
    const stale = await startDynamoLocal({ port: await freePort() });
    try {
      const res = await failure({ DYNAMODB_PORT: new URL(stale.endpoint).port });
      expect(res.code).toBe(1);
      expect(res.output).toMatch(/^Cannot start: A stale DynamoDB Local already holds port/m);
    } finally {
      await stale.stop();
    }
  });
});

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { dataModel } from '#shared/model';
import { seedLevels, seedUnits } from '../../local/seedData.ts';
import { applyLocalEnv } from '../../local/env.ts';
import { ensureTable } from '../../local/provision.ts';
import { lambdaBuildOptions, REPO_ROOT } from '../../bench/lambdaBundle.ts';
import { ADMIN, apiEvent, TEST_ENV } from '../unit/http/apiEvent.ts';
import { ORIGIN_VERIFY_ENV } from '#shared/http/originCheck';

/*
 * A function bundled exactly as the stack bundles it, run in a process of its own with only the environment
 * Lambda gives it, against DynamoDB Local. It checks what the credential alias changes: credentials come from
 * the environment, and nowhere else.
 */
const work = mkdtempSync(join(tmpdir(), 'lambda-bundle-'));
const tableName = `bundle-${Date.now()}`;
const bundle = join(work, 'listUnits', 'index.mjs');
const runner = join(work, 'invoke.mjs');
const home = join(work, 'home');

beforeAll(async () => {
  applyLocalEnv({
    tableName,
    dynamoEndpoint: inject('dynamoEndpoint'),
    s3Endpoint: inject('s3Endpoint'),
    bucketPrefix: inject('bucketPrefix'),
  });
  await ensureTable(inject('dynamoEndpoint'), tableName);
  const { loadHierarchy } = await import('#shared/store/units');
  await loadHierarchy(seedLevels, seedUnits);
  await build({ ...lambdaBuildOptions('listUnits', bundle), absWorkingDir: REPO_ROOT, logLevel: 'silent' });
  writeFileSync(
    runner,
    `const { handler } = await import(${JSON.stringify(pathToFileURL(bundle).href)});
const res = await handler(JSON.parse(process.argv[2]), { awsRequestId: 'a-1', functionName: 'listUnits', getRemainingTimeInMillis: () => 5000 });
process.stdout.write('RESULT ' + JSON.stringify(res) + '\\n');
`,
  );
  // A shared-credentials file the SDK's full chain would find and use; the Lambda bundle must not look.
  mkdirSync(join(home, '.aws'), { recursive: true });
  writeFileSync(
    join(home, '.aws', 'credentials'),
    '[default]\naws_access_key_id = FROMFILE\naws_secret_access_key = FROMFILE\n',
  );
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

function invoke(credentials: Record<string, string>) {
  const event = apiEvent('listUnits', { path: '/units', claims: ADMIN });
  const res = spawnSync(process.execPath, [runner, JSON.stringify(event)], {
    env: {
      PATH: process.env.PATH,
      HOME: home,
      [dataModel.tableNameEnv]: tableName,
      [ORIGIN_VERIFY_ENV]: TEST_ENV[ORIGIN_VERIFY_ENV],
      DYNAMODB_ENDPOINT: inject('dynamoEndpoint'),
      AWS_REGION: 'ap-southeast-1',
      POWERTOOLS_LOG_LEVEL: 'CRITICAL',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ...credentials,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = res.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`no result; exit ${res.status}: ${res.stderr.slice(0, 2000)}`);
  return JSON.parse(line.slice('RESULT '.length)) as { statusCode: number; body: string };
}

describe('a function bundled as the stack bundles it', () => {
  it('signs its calls with the credentials Lambda puts in the environment', () => {
    const res = invoke({
      AWS_ACCESS_KEY_ID: 'ASIALAMBDAROLE',
      AWS_SECRET_ACCESS_KEY: 'lambda-secret',
      AWS_SESSION_TOKEN: 'session',
    });
    expect(res.statusCode).toBe(200);
    const ids = (JSON.parse(res.body) as { units: { id: string }[] }).units.map((u) => u.id);
    expect(ids.sort()).toEqual(seedUnits.map((u) => u.id).sort());
  });

  it('looks nowhere else: with no credentials in the environment it fails, though a profile file exists', () => {
    const res = invoke({});
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'INTERNAL' } });
  });
});

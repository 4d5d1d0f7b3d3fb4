process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { resolve } from 'node:path';
import { buildWeb } from '../web/build.ts';
import { staleWebBuild } from '../web/freshness.ts';
import { StartupError } from './ports.ts';
import { LOCAL_PASSWORD } from './oidcProvider.ts';
import { startLocalStack } from './stack.ts';

const ROOT = resolve(import.meta.dirname, '..');
const inMemory = process.argv.includes('--in-memory');
const port = Number(process.env.PORT ?? 3000);
const webDir = resolve(ROOT, 'web/dist');

async function main() {
  // The form is part of what `npm start` serves: build it first when it is missing or older than its sources.
  const stale = staleWebBuild(webDir);
  if (stale) {
    console.log(`Building the web form (${stale})…`);
    await buildWeb({ outDir: webDir });
  }
  const stack = await startLocalStack({
    port,
    dynamoPort: Number(process.env.DYNAMODB_PORT ?? port + 1),
    s3Port: Number(process.env.S3_PORT ?? port + 2),
    sesPort: Number(process.env.SES_PORT ?? port + 3),
    ...(inMemory ? {} : { dataDir: resolve(process.env.DATA_DIR ?? resolve(ROOT, '.data')) }),
    webDir,
    log: (line) => console.log(line),
  });
  console.log(`
Báo cáo CNTT is running on ${stack.url}
  Web form:      ${stack.url}/
  Health:        ${stack.url}/health
  API document:  ${stack.url}/openapi.json
Sign in (đăng nhập) on the web form through the local OIDC provider (${stack.url}/oidc), as any seeded
user (curl ${stack.url}/dev/users) with the password ${LOCAL_PASSWORD}; or pick one under "quick sign-in".
Quick tokens for scripts (local only):
  curl ${stack.url}/dev/users
  curl -X POST ${stack.url}/dev/token -H 'content-type: application/json' \\
       -d '{"sub":"agency-xa-muong-ang","role":"agency","unitId":"xa-muong-ang"}'
  curl ${stack.url}/me -H "authorization: Bearer <token>"
Ctrl-C stops everything.`);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    void stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGHUP', () => shutdown('SIGHUP'));
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`Cannot start: ${error.message}`);
  else console.error(error);
  process.exit(1);
});

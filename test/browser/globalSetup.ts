process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../local/ports.ts';
import { startLocalStack } from '../../local/stack.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const WEB_DIR = resolve(ROOT, 'web/dist');

/**
 * The whole local stack, in memory, on free ports, serving the built site: what a user of `npm start` gets.
 * `npm test` builds the site first; a bare `vitest --project browser` builds it here when it is missing.
 */
export default async function setup(project: TestProject) {
  if (!existsSync(resolve(WEB_DIR, 'index.html'))) {
    const { buildWeb } = await import('../../web/build.ts');
    await buildWeb({ log: false });
  }
  const stack = await startLocalStack({
    port: await freePort(),
    dynamoPort: await freePort(),
    s3Port: await freePort(),
    webDir: WEB_DIR,
  });
  project.provide('webUrl', stack.url);
  project.provide('sesEndpoint', stack.sesEndpoint);
  project.provide('s3Endpoint', stack.s3Endpoint);
  return () => stack.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
    sesEndpoint: string;
    s3Endpoint: string;
  }
}

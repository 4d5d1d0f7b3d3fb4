import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { jobs, uploadTriggers } from '#shared/jobs';
import { routes } from '#shared/contract/routes';
import {
  BUNDLE_ALIASES,
  CREATE_REQUIRE_BANNER,
  HandlerFunction,
} from '../infra/constructs/handlerFunction.ts';

/**
 * The esbuild options of the CDK stack's functions (infra/constructs/handlerFunction.ts: NodejsFunction with ESM
 * output, minify, source maps without sources content, UTF-8 charset, the AWS SDK bundled, the createRequire
 * banner, the module aliases), as the esbuild API takes them. The target and the banner are read from the construct itself, so the
 * two cannot drift; NodejsFunction hands the same flags to the esbuild CLI, so this gives the bytes `cdk synth`
 * ships. Every benchmark that bundles reads them from here.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

export const LAMBDA_TARGET = HandlerFunction.ESBUILD_TARGET;
export { CREATE_REQUIRE_BANNER };

export function lambdaBuildOptions(handler: string, outfile: string): BuildOptions {
  return {
    entryPoints: [join(REPO_ROOT, 'functions', `${handler}.ts`)],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    charset: 'utf8',
    platform: 'node',
    target: LAMBDA_TARGET,
    format: 'esm',
    mainFields: ['module', 'main'],
    banner: { js: CREATE_REQUIRE_BANNER },
    alias: { ...BUNDLE_ALIASES },
    // Ship the SDK versions the tests ran against instead of the runtime's copy (bundleAwsSDK: true).
    external: [],
    tsconfig: join(REPO_ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  };
}

/** Every function the stack deploys: one per route-table row, per job (rollupYear) and per upload trigger. */
export function deployedHandlers(): string[] {
  return [
    ...new Set<string>([
      ...routes.map((r) => r.handler),
      ...jobs.map((j) => j.handler),
      ...uploadTriggers.map((t) => t.handler),
    ]),
  ];
}

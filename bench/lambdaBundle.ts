import { join, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { routes } from '#shared/routes';

/**
 * The esbuild options the CDK stack uses for every function (infra/constructs/handlerFunction.ts on the `infra`
 * branch: NodejsFunction with ESM output, minify, source maps without sources content, UTF-8 charset, the AWS
 * SDK bundled, the createRequire banner). They live here once; every benchmark that bundles reads them.
 * NodejsFunction passes the same flags to the esbuild CLI, so `esbuild.build(lambdaBuildOptions(...))` gives the
 * same bytes as `cdk synth`.
 */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The stack's runtime is Node.js 24 (`Runtime.NODEJS_24_X`), so esbuild targets node24. */
export const LAMBDA_TARGET = 'node24';

export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

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
    // Ship the SDK versions the tests ran against instead of the runtime's copy (bundleAwsSDK: true).
    external: [],
    tsconfig: join(REPO_ROOT, 'tsconfig.json'),
    logLevel: 'warning',
  };
}

/** Every function the stack deploys: one per route-table row, plus the two that are not HTTP routes. */
export const NON_HTTP_FUNCTIONS = ['rollupYear', 'onEvidenceUploaded'] as const;

export function deployedHandlers(): string[] {
  return [...new Set([...routes.map((r) => r.handler as string), ...NON_HTTP_FUNCTIONS])];
}

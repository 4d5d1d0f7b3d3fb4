import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CREATE_REQUIRE_BANNER, HandlerFunction } from '../../infra/constructs/handlerFunction.ts';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#shared/http/originCheck';
import { TEST_ENV } from '../unit/http/apiEvent.ts';

/** The one test that really bundles: one function, with the local esbuild, as `npm run synth` does. */
const outdir = mkdtempSync(join(tmpdir(), 'bundling-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('bundling a handler module', () => {
  it('produces a minified ESM bundle with the createRequire banner, #shared resolved, and a source map', async () => {
    const stack = new Stack(new App({ outdir }), 'Bundle');
    const fn = new HandlerFunction(stack, 'GetMe', { handler: 'getMe' });
    const code = Template.fromStack(stack).toJSON().Resources[
      stack.getLogicalId(fn.node.defaultChild as never)
    ].Properties.Code as { S3Key: string };
    const dir = join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`);
    const bundle = readFileSync(join(dir, 'index.mjs'), 'utf8');

    expect(bundle.startsWith(CREATE_REQUIRE_BANNER)).toBe(true);
    expect(bundle).not.toMatch(/["']#shared\//);
    expect(bundle).toMatch(/export\s*\{/);
    expect(bundle.length / bundle.split('\n').length).toBeGreaterThan(1000); // minified: a few very long lines
    expect(existsSync(join(dir, 'index.mjs.map'))).toBe(true);
    // The credential alias reached esbuild through the CLI: none of the default chain's other providers is in.
    expect(bundle).toContain('AWS_SECRET_ACCESS_KEY');
    expect(bundle).not.toContain('AWS_WEB_IDENTITY_TOKEN_FILE');
    expect(bundle).not.toContain('credential_process');

    // The bundle runs as Lambda would load it, with the variables its module scope reads (set here, not left to
    // whichever test file ran before in this worker): an ESM module whose handler answers an unauthenticated call.
    for (const [name, value] of Object.entries(TEST_ENV)) vi.stubEnv(name, value);
    const { handler } = (await import(pathToFileURL(join(dir, 'index.mjs')).href)) as {
      handler: (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>;
    };
    const res = await handler(
      {
        version: '2.0',
        routeKey: 'GET /me',
        rawPath: '/api/me',
        rawQueryString: '',
        // As CloudFront forwards it: with the origin secret, without a token.
        headers: { [ORIGIN_VERIFY_HEADER]: TEST_ENV[ORIGIN_VERIFY_ENV] },
        requestContext: { http: { method: 'GET', path: '/api/me', sourceIp: '192.0.2.1' }, requestId: 'r-1' },
        isBase64Encoded: false,
      },
      { awsRequestId: 'a-1', functionName: 'getMe', getRemainingTimeInMillis: () => 1000 },
    );
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});

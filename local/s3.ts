import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isPortFree, StartupError } from './ports.ts';
import { loadPatchedS3rver } from './s3rverFix.ts';
import { partUploads } from './s3rverMultipart.ts';

interface S3rverServer {
  run(): Promise<unknown>;
  close(): Promise<void>;
}
const S3rver = loadPatchedS3rver() as new (options: Record<string, unknown>) => S3rverServer;

export interface S3Emulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

function corsXml(origins: readonly string[]): string {
  const rules = origins
    .map(
      (origin) => `<CORSRule>
    <AllowedOrigin>${origin}</AllowedOrigin>
    <AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedMethod>HEAD</AllowedMethod>
    <AllowedHeader>*</AllowedHeader>
    <ExposeHeader>ETag</ExposeHeader>
    <MaxAgeSeconds>3000</MaxAgeSeconds>
  </CORSRule>`,
    )
    .join('\n');
  return `<CORSConfiguration>${rules}</CORSConfiguration>`;
}

/**
 * The S3 emulator, in process. It checks SigV4 signatures, expiry and signed headers, and (local/s3rverFix.ts)
 * refuses a body that does not match its signed x-amz-checksum-sha256 with 400 BadDigest, as S3 does. It does
 * not check POST policies or keep versions, so the evidence code verifies stored objects itself and the
 * version-specific paths are covered by the recorded-permission test.
 */
export async function startS3Emulator(opts: {
  port: number;
  bucketNames: readonly string[];
  corsOrigins: readonly string[];
  /** Undefined means a throwaway folder removed on stop. */
  dataDir?: string;
}): Promise<S3Emulator> {
  if (!(await isPortFree(opts.port))) {
    throw new StartupError(`Port ${opts.port} (S3 emulator) is taken by another program; set S3_PORT.`);
  }
  const directory = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'bao-cao-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port,
    silent: true,
    directory,
    configureBuckets: opts.bucketNames.map((name) => ({
      name,
      configs: opts.corsOrigins.length ? [corsXml(opts.corsOrigins)] : [],
    })),
  });
  // Not an S3 operation (no bucket may be named so): how often each part of an upload was received, for the
  // tests that check a resumed upload sends no stored part twice.
  (server as unknown as { middleware: unknown[] }).middleware.unshift(
    async (ctx: { path: string; body: unknown; type: string }, next: () => Promise<void>) => {
      const m = /^\/__emulator\/part-uploads\/([\w-]+)$/.exec(ctx.path);
      if (!m) return next();
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(Object.fromEntries(partUploads.get(m[1] as string) ?? []));
    },
  );
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${opts.port}`,
    stop: async () => {
      await server.close();
      if (!opts.dataDir) rmSync(directory, { recursive: true, force: true });
    },
  };
}

/** How often the emulator received each part of a multipart upload (part number → count). */
export async function partUploadCounts(endpoint: string, uploadId: string): Promise<Record<string, number>> {
  const res = await fetch(`${endpoint}/__emulator/part-uploads/${encodeURIComponent(uploadId)}`);
  if (!res.ok) throw new Error(`S3 emulator part counts: HTTP ${res.status}`);
  return (await res.json()) as Record<string, number>;
}

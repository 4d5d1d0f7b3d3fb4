import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';
import { Readable } from 'node:stream';
import { emulateMultipart, MULTIPART_ROUTES } from './s3rverMultipart.ts';

/*
 * @20minutes/s3rver canonicalises presigned query parameters with encodeURIComponent, which leaves ' ( ) * !
 * unescaped, while SigV4 (and real S3) escape them. A presigned GET whose response-content-disposition carries
 * an RFC 5987 file name (filename*=UTF-8''…) then fails its signature check in the emulator only. We load the
 * emulator's authentication module with that one call replaced by the RFC 3986 encoder it already ships, in
 * memory, before the emulator is loaded; installed files are never touched.
 */
const require = createRequire(import.meta.url);
const BROKEN = ": [param, value].map(encodeURIComponent).join('=')";
const FIXED = ": [param, value].map(encodeURIComponentRFC3986).join('=')";

/** Loads one of the emulator's modules with text replaced, in memory, before anything requires it. */
function loadPatched(path: string, replacements: readonly (readonly [string, string])[]): void {
  const file = require.resolve(path);
  if (require.cache[file]) return;
  let source = readFileSync(file, 'utf8');
  for (const [from, to] of replacements) {
    if (!source.includes(from)) {
      throw new Error(`s3rver changed: re-check local/s3rverFix.ts against ${path}`);
    }
    source = source.replace(from, to);
  }
  const patched = new Module(file) as Module & { _compile(code: string, filename: string): void };
  patched.filename = file;
  patched.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
    file.replace(/\/[^/]+$/, ''),
  );
  patched._compile(source, file);
  patched.loaded = true;
  require.cache[file] = patched;
}

export function loadPatchedS3rver(): unknown {
  loadPatched('@20minutes/s3rver/lib/middleware/authentication.js', [[BROKEN, FIXED]]);
  // Multipart uploads as S3 checks them (local/s3rverMultipart.ts): ListParts and AbortMultipartUpload routed.
  loadPatched('@20minutes/s3rver/lib/routes.js', MULTIPART_ROUTES);
  checkSignedChecksums();
  emulateMultipart();
  return require('@20minutes/s3rver');
}

interface KoaContext {
  req: Readable;
  get(header: string): string;
}
type S3ErrorClass = new (code: string, message: string, detail?: Record<string, string>) => Error;
const CHECKED = Symbol.for('bao-cao.s3rver.checksums');

/*
 * Real S3 refuses a PUT whose body does not match its x-amz-checksum-sha256 with 400 BadDigest; the emulator
 * stores it. The object controller is wrapped (its routes look it up on each request, after the signature
 * check, as S3 does): the body is read, hashed and compared before anything is stored, so a refused PUT
 * leaves the previous object as it was.
 */
function checkSignedChecksums(): void {
  const controller = require('@20minutes/s3rver/lib/controllers/object.js') as Record<
    string,
    (ctx: KoaContext) => Promise<void>
  > & { [CHECKED]?: true };
  if (controller[CHECKED]) return;
  const S3Error = require('@20minutes/s3rver/lib/models/error.js') as S3ErrorClass;
  const putObject = controller.putObject as (ctx: KoaContext) => Promise<void>;
  controller.putObject = async (ctx) => {
    const declared = ctx.get('x-amz-checksum-sha256');
    if (declared && ctx.get('x-amz-content-sha256') !== 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD') {
      const chunks: Buffer[] = [];
      for await (const chunk of ctx.req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      if (createHash('sha256').update(body).digest('base64') !== declared) {
        throw new S3Error('BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
      }
      ctx.req = Readable.from([body]);
    }
    return putObject(ctx);
  };
  controller[CHECKED] = true;
}

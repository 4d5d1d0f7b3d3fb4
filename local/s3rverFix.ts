import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Module from 'node:module';

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

export function loadPatchedS3rver(): unknown {
  const file = require.resolve('@20minutes/s3rver/lib/middleware/authentication.js');
  if (!require.cache[file]) {
    const source = readFileSync(file, 'utf8');
    if (!source.includes(BROKEN)) {
      throw new Error('s3rver changed: re-check local/s3rverFix.ts against its authentication middleware');
    }
    const patched = new Module(file) as Module & { _compile(code: string, filename: string): void };
    patched.filename = file;
    patched.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(
      file.replace(/\/[^/]+$/, ''),
    );
    patched._compile(source.replace(BROKEN, FIXED), file);
    patched.loaded = true;
    require.cache[file] = patched;
  }
  return require('@20minutes/s3rver');
}

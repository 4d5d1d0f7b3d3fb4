import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Readable } from 'node:stream';

/*
 * Multipart uploads as S3 checks them. s3rver stores parts and joins them on completion; S3 also refuses a part
 * whose body does not match its signed x-amz-checksum-sha256 (BadDigest), lists an upload's parts (ListParts,
 * which s3rver lacks), aborts an upload, and on completion refuses a part that is missing or whose ETag or
 * checksum differs (InvalidPart), parts out of order (InvalidPartOrder), and any part but the last under 5 MiB
 * (EntityTooSmall). Each part's SHA-256 is kept beside it. How often each part was sent is counted, for the
 * tests that check a resumed upload sends no completed part again (partUploads below).
 */
const require = createRequire(import.meta.url);
const MIN_PART_BYTES = 5 * 1024 * 1024;

interface Ctx {
  req: Readable;
  params: { bucket: string; key: string };
  query: Record<string, string>;
  store: { getResourcePath(bucket: string, key: string | undefined, resource: string): string };
  get(header: string): string;
  body: unknown;
  status: number;
}
type Controller = (ctx: Ctx) => Promise<void>;
type S3ErrorClass = new (code: string, message: string, detail?: Record<string, string>) => Error;

/**
 * Part uploads received, by upload id and part number: what the resumable-upload tests count. One map per
 * process, like the wrapped controller it is filled by: a test run loads this module once per project, while
 * s3rver's controller (a CommonJS module) is wrapped once for all of them.
 */
export const partUploads: Map<string, Map<number, number>> = ((globalThis as Record<symbol, unknown>)[
  Symbol.for('bao-cao.s3rver.partUploads')
] ??= new Map()) as Map<string, Map<number, number>>;

const readAll = async (req: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

const uploadDir = (ctx: Ctx) =>
  join(ctx.store.getResourcePath(ctx.params.bucket, undefined, 'uploads'), ctx.query.uploadId ?? '');

interface StoredPart {
  readonly number: number;
  readonly etag: string;
  readonly size: number;
  readonly sha256?: string;
  readonly at: Date;
}

async function storedParts(dir: string): Promise<StoredPart[]> {
  const names = (await readdir(dir)).filter((n) => /^\d+$/.test(n));
  const parts = await Promise.all(
    names.map(async (n) => {
      const file = join(dir, n);
      const [info, md5, sha256] = await Promise.all([
        stat(file),
        readFile(`${file}.md5`, 'utf8'),
        readFile(`${file}.sha256`, 'utf8').catch(() => undefined),
      ]);
      return { number: Number(n), etag: md5, size: info.size, at: info.mtime, ...(sha256 ? { sha256 } : {}) };
    }),
  );
  return parts.sort((a, b) => a.number - b.number);
}

/** Adds the checks and operations above to s3rver's object controller; `patchRoutes` routes the two new ones. */
const EMULATED = Symbol.for('bao-cao.s3rver.multipart');

export function emulateMultipart(): void {
  const controller = require('@20minutes/s3rver/lib/controllers/object.js') as Record<string, Controller> & {
    [EMULATED]?: true;
  };
  if (controller[EMULATED]) return;
  controller[EMULATED] = true;
  const S3Error = require('@20minutes/s3rver/lib/models/error.js') as S3ErrorClass;
  const { XMLParser } = createRequire(require.resolve('@20minutes/s3rver'))('fast-xml-parser') as {
    XMLParser: new () => { parse(xml: string): unknown };
  };
  const noSuchUpload = () =>
    new S3Error(
      'NoSuchUpload',
      'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
    );
  const exists = async (dir: string) => Boolean(await stat(dir).catch(() => undefined));

  const uploadPart = controller.uploadPart as Controller;
  controller.uploadPart = async (ctx) => {
    const dir = uploadDir(ctx);
    if (!(await exists(dir))) throw noSuchUpload();
    const body = await readAll(ctx.req);
    const sha256 = createHash('sha256').update(body).digest('base64');
    const declared = ctx.get('x-amz-checksum-sha256');
    if (declared && declared !== sha256) {
      throw new S3Error('BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    }
    const number = Number(ctx.query.partNumber);
    const counts = partUploads.get(ctx.query.uploadId ?? '') ?? new Map<number, number>();
    counts.set(number, (counts.get(number) ?? 0) + 1);
    partUploads.set(ctx.query.uploadId ?? '', counts);
    ctx.req = Readable.from([body]);
    await uploadPart(ctx);
    await writeFile(join(dir, `${number}.sha256`), sha256);
  };

  controller.listParts = async (ctx) => {
    const dir = uploadDir(ctx);
    if (!(await exists(dir))) throw noSuchUpload();
    const parts = await storedParts(dir);
    ctx.body = {
      ListPartsResult: {
        Bucket: ctx.params.bucket,
        Key: ctx.params.key,
        UploadId: ctx.query.uploadId,
        IsTruncated: false,
        Part: parts.map((p) => ({
          PartNumber: p.number,
          LastModified: p.at.toISOString(),
          ETag: JSON.stringify(p.etag),
          Size: p.size,
          ...(p.sha256 ? { ChecksumSHA256: p.sha256 } : {}),
        })),
      },
    };
  };

  controller.abortMultipartUpload = async (ctx) => {
    const dir = uploadDir(ctx);
    if (!(await exists(dir))) throw noSuchUpload();
    await rm(dir, { recursive: true, force: true });
    ctx.status = 204;
    ctx.body = '';
  };

  const complete = controller.completeMultipartUpload as Controller;
  controller.completeMultipartUpload = async (ctx) => {
    const dir = uploadDir(ctx);
    if (!(await exists(dir))) throw noSuchUpload();
    const xml = (await readAll(ctx.req)).toString('utf8');
    const parsed = new XMLParser().parse(xml) as {
      CompleteMultipartUpload?: { Part?: unknown };
    };
    const asked = ([] as { PartNumber?: unknown; ETag?: unknown; ChecksumSHA256?: unknown }[]).concat(
      (parsed.CompleteMultipartUpload?.Part as never) ?? [],
    );
    const stored = new Map((await storedParts(dir)).map((p) => [p.number, p]));
    const invalid = () =>
      new S3Error(
        'InvalidPart',
        'One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part’s entity tag.',
      );
    asked.forEach((p, i) => {
      const number = Number(p.PartNumber);
      const part = stored.get(number);
      if (!part || String(p.ETag).replace(/"/g, '') !== part.etag) throw invalid();
      if (p.ChecksumSHA256 !== undefined && p.ChecksumSHA256 !== part.sha256) throw invalid();
      if (i > 0 && number <= Number(asked[i - 1]!.PartNumber)) {
        throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order.');
      }
      if (i < asked.length - 1 && part.size < MIN_PART_BYTES) {
        throw new S3Error(
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed object size.',
        );
      }
    });
    ctx.req = Readable.from([xml]);
    await complete(ctx);
  };
}

/** The router's two additions: GET ?uploadId lists the parts, DELETE ?uploadId aborts the upload. */
export const MULTIPART_ROUTES: readonly (readonly [string, string])[] = [
  [
    `.get('/:bucket/:key+', (ctx) => {
    switch (ctx.params.queryMethod) {
      case undefined:
        return objectCtrl.getObject(ctx);`,
    `.get('/:bucket/:key+', (ctx) => {
    switch (ctx.params.queryMethod) {
      case undefined:
        return objectCtrl.getObject(ctx);
      case 'uploadId':
        return objectCtrl.listParts(ctx);`,
  ],
  [
    `.delete('/:bucket/:key+', (ctx) => {
    switch (ctx.params.queryMethod) {
      case undefined:
        return objectCtrl.deleteObject(ctx);`,
    `.delete('/:bucket/:key+', (ctx) => {
    switch (ctx.params.queryMethod) {
      case undefined:
        return objectCtrl.deleteObject(ctx);
      case 'uploadId':
        return objectCtrl.abortMultipartUpload(ctx);`,
  ],
];

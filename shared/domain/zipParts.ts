import { PassThrough, Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { ZipParts } from './evidence.ts';

/** Reads bytes [start, end) of a stored file as a stream; the S3 store answers with a ranged GET. */
export type ByteRange = (start: number, end: number) => Readable | Promise<Readable>;

/** How much of each required part is read: enough to tell an XML part or an ODF mimetype. */
const PART_PREFIX_BYTES = 256;

class RangeReader extends yauzl.RandomAccessReader {
  constructor(private readonly range: ByteRange) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const out = new PassThrough();
    Promise.resolve(this.range(start, end)).then(
      (stream) => stream.on('error', (e) => out.destroy(e)).pipe(out),
      (error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))),
    );
    return out;
  }
}

async function prefixOf(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Uint8Array> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= PART_PREFIX_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, PART_PREFIX_BYTES);
}

/**
 * Reads a ZIP archive's central directory with yauzl (which checks the end record, the directory's entries and
 * their sizes) and the first bytes of each part in `wanted`. Only the end of the file and the wanted parts are
 * read, so a 50 MB archive costs a few ranged reads, not 50 MB of memory.
 */
export async function readZipParts(
  range: ByteRange,
  size: number,
  wanted: readonly string[],
): Promise<ZipParts> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await yauzl.fromRandomAccessReaderPromise(new RangeReader(range), size, {
      autoClose: false,
      strictFileNames: true,
      validateEntrySizes: true,
    });
    const parts = new Map<string, Uint8Array>();
    for await (const entry of zip.eachEntry()) {
      if (wanted.includes(entry.fileName) && !parts.has(entry.fileName) && !entry.isEncrypted()) {
        parts.set(entry.fileName, await prefixOf(zip, entry));
      }
    }
    return { readable: true, parts };
  } catch (error) {
    return { readable: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    zip?.close();
  }
}

/** The same reading over bytes in memory, for tests and small files. */
export const readZipPartsOf = (bytes: Uint8Array, wanted: readonly string[]): Promise<ZipParts> =>
  readZipParts(
    (start, end) => Readable.from([Buffer.from(bytes.subarray(start, end))]),
    bytes.length,
    wanted,
  );

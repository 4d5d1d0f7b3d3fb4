import { Buffer } from 'node:buffer';

/**
 * Whether an evidence PDF carries a digital signature, read as its bytes stream past.
 *
 * This is a heuristic, not a verification. A signature lives in a signature dictionary (ISO 32000-1 §12.8.1):
 * its `/Type /Sig` (or a `/SubFilter` naming the signature's format) says what it is, and its `/ByteRange`
 * names the byte spans that the signature covers. A signing tool first writes that array with placeholders
 * (`[0 /********** ...]`) and fills in four integers only when it signs, so an array of four non-negative integers
 * together with the marker is what a signed file has and a prepared-but-unsigned one does not. Nothing here checks
 * the signature's bytes, the hash over the ranges or the certificate chain: a self-signed or forged signature still
 * reads as signed, and what says "signed" to a person must say so.
 *
 * The bytes are searched as they are, not parsed as PDF: a dictionary inside a compressed object stream is not
 * seen, and the same names written in an uncompressed literal string would be. Signing tools write the signature
 * dictionary uncompressed, since the signature's hex must be patched in place at a known offset.
 */
export interface PdfSignatureScan {
  /** The file's next bytes, in order; chunks may be of any size. */
  push(chunk: Uint8Array): void;
  /** A signature dictionary with a filled-in ByteRange has been seen in the bytes pushed so far. */
  readonly signed: boolean;
}

/**
 * How far past a key's first byte its value may run and still be read. A filled-in ByteRange is written over
 * its placeholder and padded to the same length (about 50 bytes); this leaves room for longer padding and
 * comments. It is also what one push keeps for the next, so memory stays this small whatever the file's size.
 */
const LONGEST_ENTRY = 1024;

const FOUND = 0;
const ABSENT = 1;
/** The bytes ran out before the value could be told; the next chunk decides. */
const INCOMPLETE = 2;
type Verdict = typeof FOUND | typeof ABSENT | typeof INCOMPLETE;

const isWhiteSpace = (b: number) =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
/** ( ) < > [ ] { } / % — PDF's delimiters (ISO 32000-1 §7.2.2). */
const isDelimiter = (b: number) =>
  b === 0x28 ||
  b === 0x29 ||
  b === 0x3c ||
  b === 0x3e ||
  b === 0x5b ||
  b === 0x5d ||
  b === 0x7b ||
  b === 0x7d ||
  b === 0x2f ||
  b === 0x25;
const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const SLASH = 0x2f;
const PERCENT = 0x25;
const PLUS = 0x2b;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/*
 * The readers below look at bytes[at, end) only, `end` being at most LONGEST_ENTRY past the key, so that an entry
 * reads the same however the file was cut into chunks.
 */

/** The index of the next token after white space and comments, or `end` if they run to it. */
function skipFiller(bytes: Buffer, at: number, end: number): number {
  let i = at;
  while (i < end) {
    const b = bytes[i]!;
    if (isWhiteSpace(b)) i++;
    else if (b === PERCENT) {
      while (i < end && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else break;
  }
  return i;
}

/** `[a b c d]`, four non-negative integers: what a signed ByteRange holds, and its placeholder does not. */
function fourIntegers(bytes: Buffer, at: number, end: number): Verdict {
  let i = skipFiller(bytes, at, end);
  if (i >= end) return INCOMPLETE;
  if (bytes[i] !== OPEN_ARRAY) return ABSENT;
  i++;
  for (let n = 0; n < 4; n++) {
    i = skipFiller(bytes, i, end);
    if (i < end && bytes[i] === PLUS) i++;
    const digits = i;
    while (i < end && isDigit(bytes[i]!)) i++;
    if (i >= end) return INCOMPLETE;
    if (i === digits) return ABSENT;
    // A real (`12.5`), a negative number or digits run on into a name is not a non-negative integer.
    const next = bytes[i]!;
    if (!isWhiteSpace(next) && next !== PERCENT && next !== CLOSE_ARRAY) return ABSENT;
  }
  i = skipFiller(bytes, i, end);
  if (i >= end) return INCOMPLETE;
  return bytes[i] === CLOSE_ARRAY ? FOUND : ABSENT;
}

/** A value that is one of `names`. */
function nameAmong(names: ReadonlySet<string>) {
  return (bytes: Buffer, at: number, end: number): Verdict => {
    const start = skipFiller(bytes, at, end);
    if (start >= end) return INCOMPLETE;
    if (bytes[start] !== SLASH) return ABSENT;
    let i = start + 1;
    while (i < end && !isWhiteSpace(bytes[i]!) && !isDelimiter(bytes[i]!)) i++;
    if (i >= end) return INCOMPLETE;
    return names.has(bytes.toString('latin1', start + 1, i)) ? FOUND : ABSENT;
  };
}

interface Entry {
  readonly key: Buffer;
  /** Reads the value that starts at `at`, right after the key. */
  readonly value: (bytes: Buffer, at: number, end: number) => Verdict;
}

const BYTE_RANGE: readonly Entry[] = [{ key: Buffer.from('/ByteRange', 'latin1'), value: fourIntegers }];
const SIGNATURE_MARKERS: readonly Entry[] = [
  { key: Buffer.from('/Type', 'latin1'), value: nameAmong(new Set(['Sig'])) },
  {
    key: Buffer.from('/SubFilter', 'latin1'),
    // The formats of ISO 32000-1 §12.8.3 and ISO 32000-2 (CAdES, RFC 3161 timestamps). A signature's /Type is
    // optional, so a dictionary that omits it is still known by its SubFilter.
    value: nameAmong(
      new Set([
        'adbe.pkcs7.detached',
        'adbe.pkcs7.sha1',
        'adbe.x509.rsa_sha1',
        'ETSI.CAdES.detached',
        'ETSI.RFC3161',
      ]),
    ),
  },
];
const LONGEST_KEY = Math.max(...[...BYTE_RANGE, ...SIGNATURE_MARKERS].map((e) => e.key.length));

/**
 * Looks for any of `entries` in `bytes`. Keys are found with Buffer.indexOf, so the JS loops above only ever run
 * over the few bytes after a key. Returns true if one is found, or else the first offset whose entry the
 * next chunk may still complete (`bytes.length` if none).
 */
function search(bytes: Buffer, entries: readonly Entry[]): true | number {
  let pending = bytes.length;
  for (const { key, value } of entries) {
    for (let at = bytes.indexOf(key); at >= 0; at = bytes.indexOf(key, at + key.length)) {
      const end = Math.min(bytes.length, at + LONGEST_ENTRY);
      // Every value read here starts with white space or a delimiter, so a longer name (`/ByteRanges`) reads as
      // ABSENT without a check of its own.
      const verdict = value(bytes, at + key.length, end);
      if (verdict === FOUND) return true;
      // Only an entry cut by the end of the bytes so far waits for more; one longer than LONGEST_ENTRY is not one.
      if (verdict === INCOMPLETE && end === bytes.length) pending = Math.min(pending, at);
    }
  }
  return pending;
}

export function scanPdfSignature(): PdfSignatureScan {
  let byteRange = false;
  let marker = false;
  /** The end of the bytes already pushed: a key cut by the chunk boundary, or an entry not yet complete. */
  let carry: Buffer = Buffer.alloc(0);

  return {
    push(chunk) {
      if (byteRange && marker) return;
      const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const bytes = carry.length ? Buffer.concat([carry, piece]) : piece;
      let keepFrom = Math.max(0, bytes.length - (LONGEST_KEY - 1));
      if (!byteRange) {
        const found = search(bytes, BYTE_RANGE);
        if (found === true) byteRange = true;
        else keepFrom = Math.min(keepFrom, found);
      }
      if (!marker) {
        const found = search(bytes, SIGNATURE_MARKERS);
        if (found === true) marker = true;
        else keepFrom = Math.min(keepFrom, found);
      }
      // A copy, so that the caller's chunk (often a pooled buffer) is not held on to.
      carry = byteRange && marker ? Buffer.alloc(0) : Buffer.from(bytes.subarray(keepFrom));
    },
    get signed() {
      return byteRange && marker;
    },
  };
}

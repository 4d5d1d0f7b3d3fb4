import {
  EVIDENCE_TYPES,
  type EvidenceContentType,
  type EvidenceDeclaration,
  type EvidenceStatus,
} from '../contract/evidence.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { ConflictError } from '../errors.ts';

/**
 * Evidence documents (tài liệu kiểm chứng): what may be uploaded, and how the stored bytes are checked before
 * they count. Upload declarations are never trusted: the stored object is measured, hashed and sniffed.
 */
export interface EvidenceItem extends EvidenceDeclaration {
  readonly evidenceId: string;
  readonly year: number;
  readonly unitId: string;
  readonly status: EvidenceStatus;
  readonly objectKey: string;
  readonly uploadedBy: string;
  readonly createdAt: string;
  readonly verifiedAt?: string;
  readonly rejectedReason?: Bilingual;
  readonly rejectedAt?: string;
  readonly withdrawnAt?: string;
}

/** The server picks every key; nothing from the user reaches the path. */
export const evidenceObjectKey = (year: number, unitId: string, evidenceId: string) =>
  `evidence/${year}/${unitId}/${evidenceId}`;

export const EVIDENCE_PREFIX = 'evidence/';

/** Parses a key back into its parts, for the S3 event trigger. */
export function parseEvidenceKey(
  key: string,
): { year: number; unitId: string; evidenceId: string } | undefined {
  const m = /^evidence\/(\d{4})\/([a-z0-9-]+)\/([A-Za-z0-9_-]+)$/.exec(key);
  return m ? { year: Number(m[1]), unitId: m[2] as string, evidenceId: m[3] as string } : undefined;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
// Entry names are ASCII, so a single-byte decoding finds them; this also runs in the browser.
const contains = (bytes: Uint8Array, text: string) => new TextDecoder('latin1').decode(bytes).includes(text);

/**
 * Whether the bytes are what the declared type says. `head` is the first bytes of the object, `tail` the last
 * ones (a ZIP's central directory, which names its entries, sits at the end).
 */
export function matchesDeclaredType(type: EvidenceContentType, head: Uint8Array, tail: Uint8Array): boolean {
  const zip = startsWith(head, [0x50, 0x4b, 0x03, 0x04]);
  switch (type) {
    case 'application/pdf':
      return startsWith(head, ascii('%PDF-'));
    case 'image/jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'application/vnd.openxmlformats-officedocument.wordprocessingml.document':
      return zip && contains(tail, '[Content_Types].xml') && contains(tail, 'word/');
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return zip && contains(tail, '[Content_Types].xml') && contains(tail, 'xl/');
    case 'application/vnd.oasis.opendocument.text':
    case 'application/vnd.oasis.opendocument.spreadsheet':
      // ODF puts an uncompressed `mimetype` entry first, holding the exact type.
      return zip && startsWith(head, ascii('mimetype'), 30) && startsWith(head, ascii(type), 38);
  }
}

/** Content-Disposition for a download under the original name; RFC 5987 keeps Vietnamese names intact. */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Why the stored object does not count, or undefined when it is exactly what was declared. */
export function storedObjectProblem(
  declared: Pick<EvidenceDeclaration, 'size' | 'sha256' | 'contentType'>,
  stored: { size: number; sha256: string; head: Uint8Array; tail: Uint8Array },
): Bilingual | undefined {
  if (stored.size !== declared.size) {
    return bi(
      `Kích thước tệp (${stored.size} byte) khác với khai báo (${declared.size} byte).`,
      `The file is ${stored.size} bytes, not the ${declared.size} declared.`,
    );
  }
  if (stored.sha256 !== declared.sha256) {
    return bi(
      'Mã kiểm tra SHA-256 của tệp không khớp với khai báo.',
      'The SHA-256 of the file does not match the one declared.',
    );
  }
  if (!matchesDeclaredType(declared.contentType, stored.head, stored.tail)) {
    const label = EVIDENCE_TYPES[declared.contentType].label;
    return bi(
      `Nội dung tệp không phải ${label} như đã khai báo.`,
      `The file is not the ${label} it was declared to be.`,
    );
  }
  return undefined;
}

/*
 * What to tell the user when the store refuses an evidence change, one error per rule: the per-report limit,
 * the report's lock, and the evidence's own life (only pending or verified evidence can be withdrawn).
 */
export const tooManyFiles = (max: number) =>
  new ConflictError(
    bi(`Mỗi báo cáo có tối đa ${max} tệp kiểm chứng.`, `A report may have at most ${max} evidence files.`),
    { code: 'TOO_MANY_FILES' },
  );

export const evidenceLocked = (change: 'add' | 'withdraw') =>
  new ConflictError(
    change === 'add'
      ? bi(
          'Báo cáo đã nộp; không thể thêm tài liệu.',
          'The report is submitted; evidence can no longer be added.',
        )
      : bi(
          'Báo cáo đã nộp; không thể rút tài liệu.',
          'The report is submitted; evidence can no longer be withdrawn.',
        ),
    { code: 'REPORT_LOCKED' },
  );

export const evidenceNotLive = () =>
  new ConflictError(
    bi('Tài liệu đã bị loại hoặc đã rút.', 'The evidence is already rejected or withdrawn.'),
    {
      code: 'EVIDENCE_NOT_LIVE',
    },
  );

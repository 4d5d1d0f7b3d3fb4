import {
  EVIDENCE_PART_BYTES,
  EVIDENCE_TYPES,
  extensionOf,
  isMultipart,
  partCountOf,
  type EvidenceContentType,
  type EvidenceDeclaration,
} from '../contract/evidence.ts';
import type { EvidenceStatus } from '../contract/statuses.ts';
import { buckets } from '../buckets.ts';
import { bi, type Bilingual } from '../contract/i18n.ts';
import { ConflictError } from '../errors.ts';
import { CODE, ISSUE } from '../contract/errors.ts';

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
  /** Which of the report's slots the file holds while it counts against the limit. */
  readonly slot?: number;
  /** A pending declaration lapses then if no upload has been verified: its slot is free again. */
  readonly pendingUntil?: string;
  /** The stored version that was verified, where the bucket keeps versions; downloads are pinned to it. */
  readonly versionId?: string;
  readonly rejectedReason?: Bilingual;
  readonly rejectedAt?: string;
  readonly withdrawnAt?: string;
  /** The S3 multipart upload a file over EVIDENCE_PART_BYTES goes up in (its `parts` are declared). */
  readonly uploadId?: string;
  /**
   * For a verified PDF: whether it carries a digital signature dictionary (domain/pdfSignature.ts). Only its
   * presence is known; neither the signature nor its certificate chain is validated.
   */
  readonly signed?: boolean;
}

/** How long a declaration waits for its upload before its slot is free again (the upload URL lives 5 minutes). */
export const PENDING_SECONDS = 24 * 3600;

/** A report's slot as stored: who holds it, and until when for a declaration still waiting for its file. */
export interface EvidenceSlot {
  readonly year: number;
  readonly unitId: string;
  readonly slot: number;
  readonly evidenceId: string;
  readonly holds: 'pending' | 'verified';
  /** Epoch seconds, for a pending holder. */
  readonly lapsesAt?: number;
  /**
   * The holder's declared SHA-256 and fields, so that a declaration can be checked against the report's live
   * files with the one read of its slots it makes anyway. Absent on slots taken before they were kept.
   */
  readonly sha256?: string;
  readonly fields?: readonly string[];
}

/** A verified holder, or a pending one whose declaration has not lapsed. */
const isLive = (s: EvidenceSlot, nowSeconds: number) =>
  s.holds === 'verified' || (s.lapsesAt ?? 0) > nowSeconds;

/**
 * The slots a new declaration may take: those no file holds, and those held by a declaration that lapsed
 * without a verified upload. Counting only live and unexpired holders means an abandoned declaration frees its
 * slot on its own, whether or not DynamoDB's TTL has removed it yet.
 */
export function freeSlots(
  held: readonly EvidenceSlot[],
  maxFiles: number,
  nowSeconds: number,
  /** At most this many, the lowest: enough for racing declarations to spread out, whatever the limit. */
  wanted = 32,
): number[] {
  const live = new Set(held.filter((s) => isLive(s, nowSeconds)).map((s) => s.slot));
  const free: number[] = [];
  for (let i = 0; i < maxFiles && free.length < wanted; i++) if (!live.has(i)) free.push(i);
  return free;
}

/**
 * The declared fields (by their index in the declaration) that a live file of the report with the same bytes
 * already backs: the same file twice for a field would show twice on the receipt and count twice. The same
 * bytes for other fields are a new declaration.
 */
export function duplicatedFields(
  held: readonly EvidenceSlot[],
  declared: Pick<EvidenceDeclaration, 'sha256' | 'fields'>,
  nowSeconds: number,
): { readonly index: number; readonly field: string; readonly evidenceId: string }[] {
  const out: { index: number; field: string; evidenceId: string }[] = [];
  for (const s of held) {
    if (s.sha256 !== declared.sha256 || !s.fields || !isLive(s, nowSeconds)) continue;
    declared.fields.forEach((field, index) => {
      if (s.fields?.includes(field) && !out.some((d) => d.index === index))
        out.push({ index, field, evidenceId: s.evidenceId });
    });
  }
  return out;
}

const PREFIX = buckets.evidence.keyPrefix;
const KEY = new RegExp(`^${PREFIX}(\\d{4})/([a-z0-9-]+)/([A-Za-z0-9_-]+)$`);

/** The server picks every key; nothing from the user reaches the path. */
export const evidenceObjectKey = (year: number, unitId: string, evidenceId: string) =>
  `${PREFIX}${year}/${unitId}/${evidenceId}`;

/** Parses a key back into its parts, for the S3 event trigger. */
export function parseEvidenceKey(
  key: string,
): { year: number; unitId: string; evidenceId: string } | undefined {
  const m = KEY.exec(key);
  return m ? { year: Number(m[1]), unitId: m[2] as string, evidenceId: m[3] as string } : undefined;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) =>
  sig.every((b, i) => bytes[at + i] === b);
const endsWith = (bytes: Uint8Array, sig: readonly number[]) =>
  bytes.length >= sig.length && startsWith(bytes, sig, bytes.length - sig.length);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, ...ascii('IHDR')];
const PNG_IEND = [0, 0, 0, 0, ...ascii('IEND'), 0xae, 0x42, 0x60, 0x82];
// PDF readers look for the trailer in the last 1024 bytes; it must end in startxref <offset> %%EOF.
const PDF_TRAILER_WINDOW = 1024;
const PDF_TRAILER = /startxref[\r\n\t ]+(\d{1,12})[\r\n\t ]+%%EOF[\r\n\t\0 ]*$/;

/** The parts a ZIP-based type must hold, or undefined for a type that is no ZIP. */
export const zipPartsOf = (type: EvidenceContentType): readonly string[] | undefined =>
  (EVIDENCE_TYPES[type] as { zipParts?: readonly string[] }).zipParts;

function withoutTrailingNuls(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.subarray(0, end);
}

/**
 * Whether the object's framing is what the declared type says: its header in `head` (the first bytes) and its
 * trailer in `tail` (the last ones). For ZIP-based types this is only the local header signature; what the
 * archive holds is read from its central directory (`ZipParts`).
 */
export function matchesDeclaredType(
  type: EvidenceContentType,
  head: Uint8Array,
  tail: Uint8Array,
  size = tail.length,
): boolean {
  if (zipPartsOf(type)) {
    const odf = type.startsWith('application/vnd.oasis.opendocument.');
    // ODF also puts its `mimetype` part first, so that the type can be read at a fixed offset.
    return startsWith(head, ZIP_LOCAL_HEADER) && (!odf || startsWith(head, ascii('mimetype'), 30));
  }
  switch (type) {
    case 'application/pdf': {
      if (!startsWith(head, ascii('%PDF-'))) return false;
      const end = new TextDecoder('latin1').decode(tail.subarray(-PDF_TRAILER_WINDOW));
      const trailer = PDF_TRAILER.exec(end);
      return Boolean(trailer && Number(trailer[1]) < size);
    }
    case 'image/jpeg':
      return startsWith(head, [0xff, 0xd8, 0xff]) && endsWith(withoutTrailingNuls(tail), [0xff, 0xd9]);
    case 'image/png':
      return startsWith(head, PNG_SIGNATURE) && endsWith(tail, PNG_IEND);
    default:
      return false;
  }
}

/**
 * What a ZIP archive's central directory says it holds, read by a ZIP library: for each part a ZIP-based type
 * requires, the first bytes of its content (inflated), or `unreadable` with the reason the library gave.
 */
export type ZipParts =
  | { readonly readable: true; readonly parts: ReadonlyMap<string, Uint8Array> }
  | { readonly readable: false; readonly reason: string };

function zipPartsProblem(type: EvidenceContentType, zip: ZipParts | undefined): Bilingual | undefined {
  const label = EVIDENCE_TYPES[type].label;
  if (!zip?.readable) {
    return bi(
      `Tệp không phải ${label}: không đọc được thư mục trung tâm của tệp ZIP.`,
      `The file is not a ${label}: its ZIP central directory cannot be read.`,
    );
  }
  for (const name of zipPartsOf(type) ?? []) {
    const content = zip.parts.get(name);
    const text = content && new TextDecoder('utf-8').decode(content).replace(/^\uFEFF/, '');
    const sound = name === 'mimetype' ? text === type : Boolean(text && /^\s*</.test(text));
    if (!sound) {
      return bi(
        `Tệp không phải ${label}: thiếu phần ${name} hoặc phần này không hợp lệ.`,
        `The file is not a ${label}: the part ${name} is missing or not valid.`,
      );
    }
  }
  return undefined;
}

const extensionsOf = (type: EvidenceContentType): readonly string[] => EVIDENCE_TYPES[type].extensions;

/** The declared name must end in an extension of the declared type, so no program opens it as another kind. */
export function fileNameIssue(
  declared: Pick<EvidenceDeclaration, 'fileName' | 'contentType'>,
): { path: 'fileName'; code: 'extension_mismatch'; message: Bilingual } | undefined {
  const wanted = extensionsOf(declared.contentType);
  const ext = extensionOf(declared.fileName);
  if (ext && wanted.includes(ext)) return undefined;
  const list = wanted.map((e) => `.${e}`).join(', ');
  const label = EVIDENCE_TYPES[declared.contentType].label;
  return {
    path: 'fileName',
    code: 'extension_mismatch',
    message: bi(
      `Tên tệp phải có đuôi ${list} đúng với loại ${label} đã khai báo.`,
      `The file name must end in ${list}, as the declared type ${label} does.`,
    ),
  };
}

/** A file over EVIDENCE_PART_BYTES declares each part's checksum, one per part; a smaller one declares none. */
export function partsIssue(
  declared: Pick<EvidenceDeclaration, 'size' | 'parts'>,
): { path: 'parts'; code: 'parts_mismatch'; message: Bilingual } | undefined {
  const wanted = isMultipart(declared.size) ? partCountOf(declared.size) : 0;
  const got = declared.parts?.length ?? 0;
  if (got === wanted) return undefined;
  const mib = EVIDENCE_PART_BYTES / 1024 / 1024;
  return {
    path: 'parts',
    code: 'parts_mismatch',
    message: wanted
      ? bi(
          `Tệp ${declared.size} byte được tải lên thành ${wanted} phần ${mib} MiB: cần khai báo mã SHA-256 của từng phần (đã khai ${got}).`,
          `A file of ${declared.size} bytes goes up in ${wanted} parts of ${mib} MiB: declare each part's SHA-256 (${got} given).`,
        )
      : bi(
          `Tệp không quá ${mib} MiB được tải lên một lần: không khai báo các phần.`,
          `A file of at most ${mib} MiB goes up in one piece: declare no parts.`,
        ),
  };
}

/** Evidence names the fields it backs; the signed official report is a PDF and backs none. */
export function purposeIssue(
  declared: Pick<EvidenceDeclaration, 'purpose' | 'fields' | 'contentType'>,
): { path: 'fields' | 'contentType'; code: string; message: Bilingual } | undefined {
  if (declared.purpose !== 'official_report') {
    if (declared.fields.length) return undefined;
    return {
      path: 'fields',
      code: 'too_small',
      message: bi(
        'Cần ít nhất một chỉ tiêu mà tài liệu chứng minh',
        'Name at least one field the file backs',
      ),
    };
  }
  if (declared.contentType !== 'application/pdf') {
    return {
      path: 'contentType',
      code: 'not_pdf',
      message: bi('Báo cáo chính thức đã ký phải là tệp PDF', 'The signed official report must be a PDF'),
    };
  }
  if (!declared.fields.length) return undefined;
  return {
    path: 'fields',
    code: 'unexpected',
    message: bi(
      'Báo cáo chính thức không gắn với chỉ tiêu nào',
      'The official report backs no field; attach evidence separately',
    ),
  };
}

/** The name a file is downloaded under: always ending in an extension of its verified type. */
export function downloadName(item: Pick<EvidenceItem, 'fileName' | 'contentType'>): string {
  const ext = extensionOf(item.fileName);
  const wanted = extensionsOf(item.contentType);
  return ext && wanted.includes(ext) ? item.fileName : `${item.fileName}.${wanted[0] as string}`;
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

export interface StoredObjectFacts {
  /** A PDF's digital signature dictionary was seen (domain/pdfSignature.ts); absent for other types. */
  readonly signed?: boolean;
  readonly size: number;
  /** Base64, as declared by the client. */
  readonly sha256: string;
  readonly head: Uint8Array;
  readonly tail: Uint8Array;
  /** For ZIP-based types: what the central directory holds. */
  readonly zip?: ZipParts;
}

/** Why the stored object does not count, or undefined when it is exactly what was declared. */
export function storedObjectProblem(
  declared: Pick<EvidenceDeclaration, 'size' | 'sha256' | 'contentType'>,
  stored: StoredObjectFacts,
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
  if (!matchesDeclaredType(declared.contentType, stored.head, stored.tail, stored.size)) {
    const label = EVIDENCE_TYPES[declared.contentType].label;
    return bi(
      `Nội dung tệp không phải ${label} như đã khai báo.`,
      `The file is not the ${label} it was declared to be.`,
    );
  }
  return zipPartsOf(declared.contentType) ? zipPartsProblem(declared.contentType, stored.zip) : undefined;
}

/*
 * What to tell the user when the store refuses an evidence change, one error per rule: the per-report limit,
 * the report's lock, and the evidence's own life (only pending or verified evidence can be withdrawn).
 */
export const tooManyFiles = (max: number) =>
  new ConflictError(
    bi(`Mỗi báo cáo có tối đa ${max} tệp kiểm chứng.`, `A report may have at most ${max} evidence files.`),
    { code: CODE.TOO_MANY_FILES },
  );

/** A file the report already holds for these fields (duplicatedFields), named by field. */
export function duplicateEvidence(
  duplicates: readonly { readonly index: number; readonly field: string; readonly evidenceId: string }[],
  fieldLabel: (code: string) => Bilingual,
): ConflictError {
  const labels = duplicates.map((d) => fieldLabel(d.field));
  const vi = labels.map((l) => `"${l.vi}"`).join(', ');
  const en = labels.map((l) => `"${l.en}"`).join(', ');
  return new ConflictError(
    bi(
      `Tệp này (cùng mã SHA-256) đã có trong báo cáo cho chỉ tiêu ${vi} (đã kiểm tra, hoặc đang chờ tải lên), nên không cần khai báo lại. Muốn thay tệp, hãy rút tệp cũ trước.`,
      `This file (the same SHA-256) is already in the report for ${en} (checked, or waiting for its upload), so it need not be declared again. To replace it, withdraw the old one first.`,
    ),
    {
      code: CODE.DUPLICATE_EVIDENCE,
      issues: duplicates.map((d, k) => ({
        path: `fields.${d.index}`,
        code: ISSUE.duplicateEvidence,
        message: bi(
          `Chỉ tiêu "${labels[k]?.vi}" đã có tệp này (tài liệu ${d.evidenceId}).`,
          `Field "${labels[k]?.en}" already has this file (evidence ${d.evidenceId}).`,
        ),
      })),
    },
  );
}

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
    { code: CODE.REPORT_LOCKED },
  );

/** An upload that can no longer be resumed: the file must be declared and sent again. */
export const uploadNotResumable = (why: 'settled' | 'lapsed') =>
  new ConflictError(
    why === 'settled'
      ? bi(
          'Tệp này đã được kiểm tra xong (hoặc đã rút); không còn gì để tải lên.',
          'This file is already checked (or withdrawn); there is nothing left to upload.',
        )
      : bi(
          'Khai báo tệp đã hết hạn; hãy chọn tệp và tải lên lại.',
          'The declaration has lapsed; choose the file and upload it again.',
        ),
    { code: CODE.EVIDENCE_NOT_LIVE },
  );

export const evidenceNotLive = () =>
  new ConflictError(
    bi('Tài liệu đã bị loại hoặc đã rút.', 'The evidence is already rejected or withdrawn.'),
    {
      code: CODE.EVIDENCE_NOT_LIVE,
    },
  );

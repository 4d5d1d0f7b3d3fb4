import * as z from 'zod/mini';
import type { EvidenceStatus } from './statuses.ts';

/** What an agency may upload as evidence (tài liệu kiểm chứng), and what it declares before uploading. */

/** The per-file limit; a deployment may lower it with the EVIDENCE_MAX_BYTES variable. */
export const EVIDENCE_MAX_BYTES = 50 * 1024 * 1024;
/** Live (not withdrawn) files per report; EVIDENCE_MAX_FILES may change it. */
export const EVIDENCE_MAX_FILES = 30;
/** How long a presigned upload or download link lives. */
export const LINK_SECONDS = 300;
/**
 * A file larger than this goes up as an S3 multipart upload, in parts of this size (the last one smaller), so a
 * dropped connection costs one part at most and the upload resumes after the last part stored. S3 wants every
 * part but the last to be at least 5 MiB.
 */
export const EVIDENCE_PART_BYTES = 8 * 1024 * 1024;
export const isMultipart = (size: number): boolean => size > EVIDENCE_PART_BYTES;
export const partCountOf = (size: number): number => Math.ceil(size / EVIDENCE_PART_BYTES);

/**
 * `preview`: how a verified file of this type is shown inside the page. `image`: a frame sandboxed with no
 * permission at all, from a presigned inline link S3 serves as the verified type. `pdf`: drawn by pdf.js in
 * the site's PDF viewer (PDF_VIEWER_PATH), a frame sandboxed to scripts only, from the bytes the page fetched
 * and checked against their SHA-256; Chromium refuses its own PDF viewer in any sandboxed frame ("This page
 * has been blocked"; tried with sandbox="" and with each allow- token), and an unsandboxed one could act on
 * the page. Office files are only downloaded.
 */
export const EVIDENCE_TYPES = {
  'application/pdf': { extensions: ['pdf'], label: 'PDF', preview: 'pdf' },
  'image/jpeg': { extensions: ['jpg', 'jpeg'], label: 'JPEG', preview: 'image' },
  'image/png': { extensions: ['png'], label: 'PNG', preview: 'image' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    extensions: ['docx'],
    label: 'DOCX',
    zipParts: ['[Content_Types].xml', 'word/document.xml'],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    extensions: ['xlsx'],
    label: 'XLSX',
    zipParts: ['[Content_Types].xml', 'xl/workbook.xml'],
  },
  // ODF: the `mimetype` part holds exactly the document's type (checked against it).
  'application/vnd.oasis.opendocument.text': {
    extensions: ['odt'],
    label: 'ODT',
    zipParts: ['mimetype', 'content.xml'],
  },
  'application/vnd.oasis.opendocument.spreadsheet': {
    extensions: ['ods'],
    label: 'ODS',
    zipParts: ['mimetype', 'content.xml'],
  },
} as const satisfies Record<
  string,
  {
    extensions: readonly string[];
    label: string;
    zipParts?: readonly string[];
    preview?: 'image' | 'pdf';
  }
>;

/** The file name's extension, lower case, or undefined when it has none. */
export function extensionOf(fileName: string): string | undefined {
  const m = /\.([^.]+)$/.exec(fileName.trim());
  return m ? (m[1] as string).toLowerCase() : undefined;
}

export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;

/** How a verified file of this type is shown inside the page, if it is (see `preview` above). */
export const previewOf = (contentType: string): 'image' | 'pdf' | undefined =>
  Object.hasOwn(EVIDENCE_TYPES, contentType)
    ? (EVIDENCE_TYPES[contentType as EvidenceContentType] as { preview?: 'image' | 'pdf' }).preview
    : undefined;
/**
 * What a file is for. Absent: evidence backing the fields it names. `official_report`: the report as the head of
 * the agency signed it (Circular 06/2013), a PDF of its own kind that backs no field.
 */
export const EVIDENCE_PURPOSES = ['official_report'] as const;
export type EvidencePurpose = (typeof EVIDENCE_PURPOSES)[number];

const CONTENT_TYPES = Object.keys(EVIDENCE_TYPES) as [EvidenceContentType, ...EvidenceContentType[]];

// A bare file name: no folders, no control characters (C0 or C1), no bidi overrides that could disguise the
// extension, no lone surrogates; the storage key never uses it.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it must refuse
const FILE_NAME = /^[^/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]{1,255}$/u;

/** zod/mini here: this schema is all of zod the upload-declaring function needs, and mini keeps it small. */
export function declarationSchema(maxBytes: number) {
  const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
  // Base64 of exactly 32 bytes: the last character before '=' carries only 4 bits.
  const sha256 = () => z.string().check(z.regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/));
  return z.strictObject({
    fileName: z.string().check(
      z.trim(),
      z.regex(FILE_NAME),
      z.refine((name) => !/\p{Cs}/u.test(name), 'lone surrogate'),
    ),
    contentType: z.enum(CONTENT_TYPES),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(maxBytes)),
    sha256: sha256(),
    /** Each part's SHA-256, in order, for a file over EVIDENCE_PART_BYTES: each part's upload link signs its own. */
    parts: z.optional(z.array(sha256()).check(z.minLength(2), z.maxLength(partCountOf(maxBytes)))),
    purpose: z.optional(z.enum(EVIDENCE_PURPOSES)),
    /** At least one for evidence, none for the official report (purposeIssue). */
    fields: z._default(z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(20)), []),
    document: z.strictObject({
      number: z.optional(text(100)),
      title: text(300),
      issuedOn: z.optional(z.iso.date()),
      summary: z.optional(text(2000)),
    }),
  });
}

export type EvidenceDeclaration = z.infer<ReturnType<typeof declarationSchema>>;

/** Whether a pending declaration has lapsed: its upload can no longer count, and its slot may be taken. */
export const hasLapsed = (item: { status: EvidenceStatus; pendingUntil?: string }, now: Date): boolean =>
  item.status === 'pending' &&
  item.pendingUntil !== undefined &&
  Date.parse(item.pendingUntil) <= now.getTime();

import * as z from 'zod/mini';

/** What an agency may upload as evidence (tài liệu kiểm chứng), and what it declares before uploading. */
export const EVIDENCE_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'image/jpeg': { ext: 'jpg', label: 'JPEG' },
  'image/png': { ext: 'png', label: 'PNG' },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { ext: 'docx', label: 'DOCX' },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { ext: 'xlsx', label: 'XLSX' },
  'application/vnd.oasis.opendocument.text': { ext: 'odt', label: 'ODT' },
  'application/vnd.oasis.opendocument.spreadsheet': { ext: 'ods', label: 'ODS' },
} as const;

export type EvidenceContentType = keyof typeof EVIDENCE_TYPES;
const CONTENT_TYPES = Object.keys(EVIDENCE_TYPES) as [EvidenceContentType, ...EvidenceContentType[]];

export type EvidenceStatus = 'pending' | 'verified' | 'rejected' | 'withdrawn';

// A bare file name: no folders, no control characters (C0 or C1), no bidi overrides that could disguise the
// extension, no lone surrogates; the storage key never uses it.
// eslint-disable-next-line no-control-regex -- control characters are exactly what it must refuse
const FILE_NAME = /^[^/\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]{1,255}$/u;

/** zod/mini here: this schema is all of zod the upload-declaring function needs, and mini keeps it small. */
export function declarationSchema(maxBytes: number) {
  const text = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
  return z.strictObject({
    fileName: z.string().check(
      z.trim(),
      z.regex(FILE_NAME),
      z.refine((name) => !/\p{Cs}/u.test(name), 'lone surrogate'),
    ),
    contentType: z.enum(CONTENT_TYPES),
    size: z.number().check(z.int(), z.minimum(1), z.maximum(maxBytes)),
    // Base64 of exactly 32 bytes: the last character before '=' carries only 4 bits.
    sha256: z.string().check(z.regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/)),
    fields: z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.minLength(1), z.maxLength(20)),
    document: z.strictObject({
      number: z.optional(text(100)),
      title: text(300),
      issuedOn: z.optional(z.iso.date()),
      summary: z.optional(text(2000)),
    }),
  });
}

export type EvidenceDeclaration = z.infer<ReturnType<typeof declarationSchema>>;

import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { declarationSchema, EVIDENCE_TYPES, type EvidenceContentType } from '#shared/contract/evidence';
import {
  attachmentDisposition,
  evidenceObjectKey,
  downloadName,
  fileNameIssue,
  duplicatedFields,
  duplicateEvidence,
  freeSlots,
  purposeIssue,
  parseEvidenceKey,
  storedObjectProblem,
  zipPartsOf,
} from '#shared/domain/evidence';
import { readZipPartsOf } from '#shared/domain/zipParts';
import { UNIT_ID_PATTERN } from '#shared/hierarchy';
import { expectAppError, expectBilingual } from '../expectations.ts';
import {
  docx,
  fakeDocx,
  jpeg,
  made,
  odfWith,
  ods,
  odt,
  pdf,
  plainZip,
  png,
  sniff,
  xlsx,
  zip,
} from './files.ts';

const PDF = 'application/pdf';
const JPEG = 'image/jpeg';
const PNG = 'image/png';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ODT = 'application/vnd.oasis.opendocument.text';
const ODS = 'application/vnd.oasis.opendocument.spreadsheet';
const TYPES = Object.keys(EVIDENCE_TYPES) as EvidenceContentType[];

const MADE: Partial<Record<EvidenceContentType, () => Buffer>> = made;

const FILES: Record<EvidenceContentType, () => Buffer> = {
  [PDF]: pdf,
  [JPEG]: jpeg,
  [PNG]: png,
  [DOCX]: () => docx(),
  [XLSX]: xlsx,
  [ODT]: odt,
  [ODS]: ods,
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('base64');

/** The whole structure check, as the store runs it: framing, then the ZIP central directory for ZIP types. */
async function facts(type: EvidenceContentType, bytes: Uint8Array) {
  const parts = zipPartsOf(type);
  return {
    size: bytes.length,
    sha256: sha256(bytes),
    ...sniff(bytes),
    ...(parts ? { zip: await readZipPartsOf(bytes, parts) } : {}),
  };
}
const matches = async (type: EvidenceContentType, bytes: Uint8Array) =>
  storedObjectProblem(
    { size: bytes.length, sha256: sha256(bytes), contentType: type },
    await facts(type, bytes),
  ) === undefined;

const withoutEnd = (bytes: Buffer, n: number) => bytes.subarray(0, bytes.length - n);

describe('the structure check', () => {
  it('the seven allowed types are exactly these', () => {
    expect(TYPES.sort()).toEqual([PDF, JPEG, PNG, ODS, ODT, XLSX, DOCX].sort());
  });

  it.each(TYPES)('a real %s matches its own type and no other', async (type) => {
    const bytes = FILES[type]();
    for (const declared of TYPES)
      expect([declared, await matches(declared, bytes)]).toEqual([declared, declared === type]);
  });

  it.each(Object.keys(MADE) as EvidenceContentType[])(
    'a %s written by a ZIP library passes',
    async (type) => {
      expect(await matches(type, MADE[type]!())).toBe(true);
    },
  );

  it.each<[string, EvidenceContentType, () => Buffer]>([
    ['a plain ZIP declared PDF', PDF, plainZip],
    ['a PNG declared JPEG', JPEG, png],
    ['a DOCX declared XLSX', XLSX, () => docx()],
    ['an XLSX declared DOCX', DOCX, xlsx],
    ['an ODT declared ODS', ODS, odt],
    ['an ODS declared ODT', ODT, ods],
    ['a plain ZIP declared DOCX', DOCX, plainZip],
    ['a plain ZIP declared ODT', ODT, plainZip],
    ['a PDF declared DOCX', DOCX, pdf],
    ['an empty file declared PDF', PDF, () => Buffer.alloc(0)],
    ['a PDF header with no trailer', PDF, () => Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n')],
    ['a PDF cut before its %%EOF', PDF, () => withoutEnd(pdf(), 7)],
    [
      'a PDF ending in %%EOF with no startxref',
      PDF,
      () => Buffer.from('%PDF-1.4\n<html><script>x</script>\n%%EOF\n'),
    ],
    [
      'a PDF whose startxref points past its end',
      PDF,
      () => Buffer.from('%PDF-1.4\nstartxref\n99999\n%%EOF\n'),
    ],
    [
      'a PDF with a page of HTML after its %%EOF',
      PDF,
      () => Buffer.concat([pdf(), Buffer.from('<html></html>')]),
    ],
    ['a PNG without its IEND chunk', PNG, () => withoutEnd(png(), 12)],
    [
      'a PNG signature followed by HTML',
      PNG,
      () => Buffer.concat([png().subarray(0, 8), Buffer.from('<html>')]),
    ],
    ['a JPEG without its end marker', JPEG, () => withoutEnd(jpeg(), 2)],
    [
      'a JPEG with a script after its end marker',
      JPEG,
      () => Buffer.concat([jpeg(), Buffer.from('<script>')]),
    ],
    ['ZIP magic and the OOXML names, but no central directory', DOCX, fakeDocx],
    ['a DOCX whose word/document.xml is not XML', DOCX, () => docx(0, 'MZ\x90\x00 not xml')],
    [
      'a DOCX missing [Content_Types].xml',
      DOCX,
      () => zip([{ name: 'word/document.xml', data: '<w:document/>' }]),
    ],
    ['an ODT whose mimetype part says ODS', ODT, () => odfWith(ODS)],
    ['an ODT with no content.xml', ODT, () => zip([{ name: 'mimetype', data: ODT }])],
  ])('refuses %s', async (_name, declared, file) => {
    expect(await matches(declared, file())).toBe(false);
  });

  it('a ZIP with an ODF mimetype that is not its first entry is not ODF', async () => {
    const late = zip([
      { name: 'content.xml', data: '<x/>' },
      { name: 'mimetype', data: ODT },
    ]);
    expect(await matches(ODT, late)).toBe(false);
  });

  it('office names must be in the archive directory, not just anywhere in the first bytes', async () => {
    // A PDF that mentions the OOXML names is not a DOCX: the ZIP signature is missing.
    const fake = Buffer.from(`%PDF-1.4 [Content_Types].xml word/document.xml`, 'latin1');
    expect(await matches(DOCX, fake)).toBe(false);
  });

  it('a DOCX larger than the sniffing window is read through its central directory at the end', async () => {
    const big = docx(200 * 1024);
    const { head } = sniff(big);
    expect(head.length).toBeLessThan(big.length);
    expect(await matches(DOCX, big)).toBe(true);
    expect(await matches(XLSX, big)).toBe(false);
  });

  it('a ZIP without a central directory is reported unreadable, with the library’s reason', async () => {
    const read = await readZipPartsOf(fakeDocx(), ['word/document.xml']);
    expect(read.readable).toBe(false);
    expect(read.readable ? '' : read.reason).toMatch(/central directory/i);
  });
});

describe('storedObjectProblem', () => {
  const bytes = pdf();
  const declared = { size: bytes.length, sha256: sha256(bytes), contentType: PDF } as const;
  const stored = (file: Buffer) => ({ size: file.length, sha256: sha256(file), ...sniff(file) });

  it('none when the stored object is exactly what was declared', async () => {
    expect(storedObjectProblem(declared, stored(bytes))).toBeUndefined();
    for (const type of TYPES) {
      const file = FILES[type]();
      expect(
        storedObjectProblem(
          { size: file.length, sha256: sha256(file), contentType: type },
          await facts(type, file),
        ),
      ).toBe(undefined);
    }
  });

  it('a ZIP-based type with no central directory read is not verified', () => {
    const file = docx();
    const problem = storedObjectProblem(
      { size: file.length, sha256: sha256(file), contentType: DOCX },
      stored(file),
    );
    expectBilingual(problem);
    expect(problem?.en).toMatch(/central directory/);
  });

  // Which check failed is told by the English message's subject; the exact wording is free.
  const reason = (problem: ReturnType<typeof storedObjectProblem>) =>
    /bytes/.test(problem?.en ?? '') ? 'size' : /SHA-256/.test(problem?.en ?? '') ? 'sha256' : 'type';

  it('a different size', () => {
    const problem = storedObjectProblem(declared, { ...stored(bytes), size: bytes.length + 1 });
    expectBilingual(problem);
    expect(reason(problem)).toBe('size');
    expect(problem?.en).toContain(String(bytes.length + 1));
    expect(problem?.vi).toContain(String(bytes.length));
  });

  it('a different SHA-256', () => {
    const problem = storedObjectProblem(declared, { ...stored(bytes), sha256: sha256(Buffer.from('x')) });
    expectBilingual(problem);
    expect(reason(problem)).toBe('sha256');
  });

  it('bytes that are not the declared type', () => {
    const zipBytes = plainZip();
    const problem = storedObjectProblem(
      { size: zipBytes.length, sha256: sha256(zipBytes), contentType: PDF },
      stored(zipBytes),
    );
    expectBilingual(problem);
    expect(reason(problem)).toBe('type');
    expect(problem?.en).toContain('PDF');
  });

  it('checks size, then SHA-256, then type', () => {
    const wrong = plainZip();
    const everythingWrong = { size: wrong.length, sha256: sha256(wrong), ...sniff(wrong) };
    expect(reason(storedObjectProblem(declared, everythingWrong))).toBe('size');
    expect(reason(storedObjectProblem(declared, { ...everythingWrong, size: declared.size }))).toBe('sha256');
  });
});

describe('freeSlots', () => {
  const held = (slot: number, holds: 'pending' | 'verified', lapsesAt?: number) => ({
    year: 2025,
    unitId: 'so-a',
    slot,
    evidenceId: `e${slot}`,
    holds,
    ...(lapsesAt !== undefined ? { lapsesAt } : {}),
  });

  it('counts verified holders and pending ones that have not lapsed, nothing else', () => {
    const slots = [
      held(0, 'verified'),
      held(1, 'pending', 101),
      held(2, 'pending', 100),
      held(3, 'pending', 99),
    ];
    expect(freeSlots(slots, 5, 100)).toEqual([2, 3, 4]);
    expect(freeSlots(slots, 2, 100)).toEqual([]);
    expect(freeSlots([], 3, 100)).toEqual([0, 1, 2]);
  });

  it('offers a bounded number of the lowest free slots, however high the limit', () => {
    expect(freeSlots([held(0, 'verified')], 100_000_000, 0, 4)).toEqual([1, 2, 3, 4]);
  });
});

describe('duplicatedFields', () => {
  const A = 'a'.repeat(42) + 'A=';
  const B = 'b'.repeat(42) + 'A=';
  const slot = (
    evidenceId: string,
    sha256: string | undefined,
    fields: string[] | undefined,
    holds: 'pending' | 'verified',
    lapsesAt?: number,
  ) => ({
    year: 2025,
    unitId: 'so-a',
    slot: 0,
    evidenceId,
    holds,
    ...(sha256 ? { sha256 } : {}),
    ...(fields ? { fields } : {}),
    ...(lapsesAt !== undefined ? { lapsesAt } : {}),
  });

  it('names each declared field a live file with the same bytes already backs, by its index', () => {
    const held = [slot('e1', A, ['email_staff', 'lan'], 'verified'), slot('e2', B, ['portal'], 'verified')];
    expect(duplicatedFields(held, { sha256: A, fields: ['portal', 'lan', 'email_staff'] }, 100)).toEqual([
      { index: 1, field: 'lan', evidenceId: 'e1' },
      { index: 2, field: 'email_staff', evidenceId: 'e1' },
    ]);
  });

  it('counts a pending file until it lapses, and never a lapsed one', () => {
    expect(
      duplicatedFields([slot('e1', A, ['lan'], 'pending', 101)], { sha256: A, fields: ['lan'] }, 100),
    ).toEqual([{ index: 0, field: 'lan', evidenceId: 'e1' }]);
    expect(
      duplicatedFields([slot('e1', A, ['lan'], 'pending', 100)], { sha256: A, fields: ['lan'] }, 100),
    ).toEqual([]);
  });

  it('lets the same bytes back other fields, other bytes the same field, and ignores slots kept without them', () => {
    expect(
      duplicatedFields([slot('e1', A, ['lan'], 'verified')], { sha256: A, fields: ['portal'] }, 0),
    ).toEqual([]);
    expect(duplicatedFields([slot('e1', A, ['lan'], 'verified')], { sha256: B, fields: ['lan'] }, 0)).toEqual(
      [],
    );
    expect(
      duplicatedFields([slot('e1', undefined, undefined, 'verified')], { sha256: A, fields: ['lan'] }, 0),
    ).toEqual([]);
  });

  it('is refused as a 409 naming each field by its path and label, in both languages', () => {
    const error = expectAppError(
      () => {
        throw duplicateEvidence([{ index: 1, field: 'lan', evidenceId: 'e1' }], () => ({
          vi: 'Mạng nội bộ',
          en: 'Local network',
        }));
      },
      'DUPLICATE_EVIDENCE',
      409,
    );
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]?.path).toBe('fields.1');
    expectBilingual(error.issues[0]?.message);
    expect(error.issues[0]?.message.vi).toContain('Mạng nội bộ');
    expect(error.issues[0]?.message.en).toContain('Local network');
    // The message the upload box shows names the field too: the file may have been meant for several.
    expect(error.bilingual.vi).toContain('"Mạng nội bộ"');
    expect(error.bilingual.en).toContain('"Local network"');
  });
});

describe('file names and types', () => {
  it.each(['x.html', 'x.hta', 'x.cmd', 'x.svg', 'x.pdf.exe', 'x.pdf.', 'x', 'x.docx', 'x.PDF.html'])(
    'refuses %s declared as a PDF, naming fileName in both languages',
    (fileName) => {
      const issue = fileNameIssue({ fileName, contentType: PDF });
      expect(issue?.path).toBe('fileName');
      expect(issue?.code).toBe('extension_mismatch');
      expectBilingual(issue?.message);
      expect(issue?.message.en).toContain('.pdf');
    },
  );

  it('accepts every extension of each type, in any case', () => {
    for (const type of TYPES)
      for (const ext of EVIDENCE_TYPES[type].extensions) {
        expect(fileNameIssue({ fileName: `Quyết định.${ext}`, contentType: type })).toBeUndefined();
        expect(
          fileNameIssue({ fileName: `BIÊN BẢN.${ext.toUpperCase()}`, contentType: type }),
        ).toBeUndefined();
      }
    expect(fileNameIssue({ fileName: 'anh.jpeg', contentType: JPEG })).toBeUndefined();
    expect(fileNameIssue({ fileName: 'anh.jpeg', contentType: PNG })).toBeDefined();
  });

  it('the download name always ends in an extension of the verified type', () => {
    expect(downloadName({ fileName: 'Quyết định.pdf', contentType: PDF })).toBe('Quyết định.pdf');
    expect(downloadName({ fileName: 'x.html', contentType: PDF })).toBe('x.html.pdf');
    expect(downloadName({ fileName: 'x.hta', contentType: DOCX })).toBe('x.hta.docx');
    expect(downloadName({ fileName: 'anh.JPEG', contentType: JPEG })).toBe('anh.JPEG');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.constantFrom(...TYPES), (fileName, type) => {
        const ext = downloadName({ fileName, contentType: type }).split('.').pop()!.toLowerCase();
        expect(EVIDENCE_TYPES[type].extensions as readonly string[]).toContain(ext);
      }),
    );
  });
});

describe('attachmentDisposition', () => {
  function parse(header: string) {
    const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''([^\s;"]*)$/.exec(header);
    expect(m, header).not.toBeNull();
    return { fallback: m![1]!, encoded: m![2]! };
  }
  // RFC 5987 attr-char: ALPHA / DIGIT / "!" "#" "$" "&" "+" "-" "." "^" "_" "`" "|" "~", or %XX.
  const ATTR_VALUE = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/;

  it.each([
    'Quyết định số 12-QĐ-UBND.pdf',
    'Báo cáo (bản cuối) đợt 1.docx',
    "Biên bản 'kiểm tra' *mới*.pdf",
    'ĐỀ ÁN Chuyển đổi số 2025.xlsx',
    'Nghị quyết "số 5" \\ phụ lục.odt',
    'Ảnh hiện trạng – phòng máy 100%.jpg',
    'Tờ trình; kèm theo, v.v.png',
  ])('"%s" round-trips exactly through filename*', (name) => {
    const { fallback, encoded } = parse(attachmentDisposition(name));
    expect(encoded).toMatch(ATTR_VALUE);
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(fallback).toMatch(/^[\x20-\x7e]*$/);
    expect(fallback).not.toMatch(/["\\]/);
  });

  it('encodes the characters encodeURIComponent leaves alone but RFC 5987 does not allow', () => {
    const { encoded } = parse(attachmentDisposition("a'b(c)d*e.pdf"));
    expect(encoded).toBe('a%27b%28c%29d%2Ae.pdf');
  });

  it('the ASCII fallback drops diacritics and turns đ/Đ into d/D', () => {
    expect(parse(attachmentDisposition('Quyết định đầu tư Đà Nẵng.pdf')).fallback).toBe(
      'Quyet dinh dau tu Da Nang.pdf',
    );
    expect(parse(attachmentDisposition('Ưu tiên ỨNG DỤNG.pdf')).fallback).toBe('Uu tien UNG DUNG.pdf');
  });

  it('the fallback replaces quotes, backslashes and non-ASCII it cannot transliterate', () => {
    expect(parse(attachmentDisposition('a"b\\c€.pdf')).fallback).toBe('a_b_c_.pdf');
  });

  it('property: any file name round-trips through filename* and leaves a safe fallback', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), (name) => {
        const { fallback, encoded } = parse(attachmentDisposition(name));
        expect(encoded).toMatch(ATTR_VALUE);
        expect(decodeURIComponent(encoded)).toBe(name);
        expect(fallback).toMatch(/^[\x20-\x7e]*$/);
        expect(fallback).not.toMatch(/["\\]/);
      }),
    );
  });
});

describe('evidence object keys', () => {
  it('parseEvidenceKey reverses evidenceObjectKey', () => {
    const key = evidenceObjectKey(2025, 'hn-so-tttt', 'Ab3_x-9Q');
    expect(key).toBe('evidence/2025/hn-so-tttt/Ab3_x-9Q');
    expect(parseEvidenceKey(key)).toEqual({ year: 2025, unitId: 'hn-so-tttt', evidenceId: 'Ab3_x-9Q' });
  });

  it('property: round trip for any valid unit id and base64url evidence id', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2100 }),
        fc.stringMatching(UNIT_ID_PATTERN),
        fc.uint8Array({ minLength: 1, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url')),
        (year, unitId, evidenceId) => {
          expect(parseEvidenceKey(evidenceObjectKey(year, unitId, evidenceId))).toEqual({
            year,
            unitId,
            evidenceId,
          });
        },
      ),
    );
  });

  it.each([
    'evidence/2025/hn/../hcm/abc',
    'evidence/2025/../abc',
    'evidence/2025/hn/abc/def',
    '/evidence/2025/hn/abc',
    'evidence/2025/hn/abc/',
    'evidence//2025/hn/abc',
    'evidence/25/hn/abc',
    'evidence/2025/HN/abc',
    'evidence/2025/hn/a.b',
    'evidence/2025/hn/a%2Fb',
    'evidence/2025/hn/a+b',
    'evidence/2025/hn/',
    'reports/2025/hn/abc',
    'evidence/2025/hn/abc\n',
    'x/evidence/2025/hn/abc',
    '',
  ])('refuses %j', (key) => {
    expect(parseEvidenceKey(key)).toBeUndefined();
  });
});

describe('declarationSchema', () => {
  const MAX = 20 * 1024 * 1024;
  const schema = declarationSchema(MAX);
  const valid = {
    fileName: 'Quyết định 12-QĐ-UBND.pdf',
    contentType: PDF,
    size: 1234,
    sha256: sha256(Buffer.from('nội dung')),
    fields: ['staff_total'],
    document: { number: '12/QĐ-UBND', title: 'Quyết định ban hành quy chế', issuedOn: '2025-03-01' },
  };
  const issues = (patch: Record<string, unknown>) => {
    const r = schema.safeParse({ ...valid, ...patch });
    return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.code]);
  };

  it('accepts a sound declaration of every allowed type', () => {
    for (const contentType of TYPES) expect(issues({ contentType })).toEqual([]);
  });

  it('refuses file names with C1 controls, bidi overrides or lone surrogates (they break downloads or disguise types)', () => {
    for (const fileName of [
      'a\u0085b.pdf',
      'a\u009bb.pdf',
      'hoadon\u202Efdp.exe',
      'a\u2066b.pdf',
      'a\ud800.pdf',
    ])
      expect(
        issues({ fileName }).map(([path]) => path),
        JSON.stringify(fileName),
      ).toEqual(['fileName']);
    expect(issues({ fileName: 'Biên bản 😀.pdf' })).toEqual([]);
  });

  it('refuses a SHA-256 whose last character carries bits 32 bytes cannot have', () => {
    const real = sha256(Buffer.from('nội dung'));
    const bent = `${real.slice(0, 42)}${real[42] === 'B' ? 'C' : 'B'}=`;
    expect(issues({ sha256: bent })).toEqual([['sha256', 'invalid_format']]);
  });

  it('refuses other content types', () => {
    for (const contentType of [
      'application/zip',
      'text/html',
      'image/svg+xml',
      'application/x-msdownload',
      '',
    ])
      expect(issues({ contentType })).toEqual([['contentType', 'invalid_value']]);
  });

  it('size is a whole number from 1 byte to the limit', () => {
    expect(issues({ size: 1 })).toEqual([]);
    expect(issues({ size: MAX })).toEqual([]);
    expect(issues({ size: 0 })).toEqual([['size', 'too_small']]);
    expect(issues({ size: MAX + 1 })).toEqual([['size', 'too_big']]);
    expect(issues({ size: 1.5 })).toEqual([['size', 'invalid_type']]);
    expect(issues({ size: '100' })).toEqual([['size', 'invalid_type']]);
  });

  it('sha256 is the base64 of 32 bytes', () => {
    const digest = createHash('sha256').update('x').digest();
    expect(issues({ sha256: digest.toString('base64') })).toEqual([]);
    for (const sha of [
      digest.toString('hex'),
      digest.toString('base64url').replace(/=*$/, ''),
      digest.toString('base64').replace(/=$/, ''),
      Buffer.alloc(31, 1).toString('base64'),
      Buffer.alloc(33, 1).toString('base64'),
      `${digest.toString('base64').slice(0, 43)}==`,
      '',
    ])
      expect([sha, issues({ sha256: sha })]).toEqual([sha, [['sha256', 'invalid_format']]]);
  });

  it('property: the base64 of any 32 bytes is accepted', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        expect(issues({ sha256: Buffer.from(bytes).toString('base64') })).toEqual([]);
      }),
    );
  });

  it.each([
    ['a slash', 'scan/quyet-dinh.pdf'],
    ['a backslash', 'scan\\quyet-dinh.pdf'],
    ['a parent path', '../../etc/passwd'],
    ['a NUL', 'a\u0000.pdf'],
    ['a newline', 'a\nb.pdf'],
    ['a carriage return', 'a\rb.pdf'],
    ['a tab', 'a\tb.pdf'],
    ['DEL', 'a\u007fb.pdf'],
    ['only spaces', '   '],
    ['nothing', ''],
    ['256 characters', `${'ả'.repeat(252)}.pdf`],
  ])('refuses a file name with %s', (_name, fileName) => {
    expect(issues({ fileName })).toEqual([['fileName', 'invalid_format']]);
  });

  it('accepts Vietnamese names of up to 255 characters, trimmed', () => {
    expect(issues({ fileName: `${'ả'.repeat(251)}.pdf` })).toEqual([]);
    expect(schema.parse({ ...valid, fileName: '  Báo cáo.pdf ' }).fileName).toBe('Báo cáo.pdf');
  });

  it('needs 1 to 20 field codes, a document title, and nothing else', () => {
    // The count's lower bound is purposeIssue's: the official report backs no field, evidence at least one.
    expect(issues({ fields: [] })).toEqual([]);
    expect(purposeIssue(schema.parse({ ...valid, fields: [] }))).toMatchObject({
      path: 'fields',
      code: 'too_small',
    });
    expect(purposeIssue(schema.parse(valid))).toBeUndefined();
    expect(issues({ fields: Array.from({ length: 21 }, (_, i) => `f${i}`) })).toEqual([
      ['fields', 'too_big'],
    ]);
    expect(issues({ document: { title: '  ' } })).toEqual([['document.title', 'too_small']]);
    expect(issues({ document: { title: 'x', issuedOn: '01/03/2025' } })).toEqual([
      ['document.issuedOn', 'invalid_format'],
    ]);
    expect(issues({ objectKey: 'evidence/2025/other/x' })).toEqual([['', 'unrecognized_keys']]);
    expect(issues({ document: { title: 'x', url: 'http://x' } })).toEqual([
      ['document', 'unrecognized_keys'],
    ]);
  });

  it('the signed official report is a PDF that backs no field', () => {
    const official = schema.parse({ ...valid, purpose: 'official_report', fields: [] });
    expect(purposeIssue(official)).toBeUndefined();
    expect(purposeIssue({ ...official, fields: ['budget_total'] })).toMatchObject({ path: 'fields' });
    expect(purposeIssue({ ...official, contentType: 'image/png' })).toMatchObject({ path: 'contentType' });
    expectBilingual(purposeIssue({ ...official, contentType: 'image/png' })!.message);
    expect(issues({ purpose: 'something_else' })).toEqual([['purpose', 'invalid_value']]);
  });
});

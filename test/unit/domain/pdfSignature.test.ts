import fc from 'fast-check';
import {
  beginText,
  endText,
  moveText,
  PDFContentStream,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  PDFString,
  setFontAndSize,
  StandardFonts,
} from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPdfSignature } from '#shared/domain/pdfSignature';
import { officialReportPdfs, save } from '../../fixtures/signedPdf.ts';

let unsigned: Buffer;
let prepared: Buffer;
let signed: Buffer;

beforeAll(async () => {
  ({ unsigned, prepared, signed } = await officialReportPdfs());
});

/** Feeds `bytes` to a fresh scan in chunks of the given sizes, cycling through them. */
function scan(bytes: Uint8Array, sizes: readonly number[] = [bytes.length]): boolean {
  const scanner = scanPdfSignature();
  for (let at = 0, n = 0; at < bytes.length; n++) {
    const size = Math.max(1, sizes[n % sizes.length]!);
    scanner.push(bytes.subarray(at, at + size));
    at += size;
  }
  return scanner.signed;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('scanPdfSignature on PDFs made and signed by real tools', () => {
  it('finds the signature in a signed PDF', () => {
    // The fixture is what it claims: a filled-in ByteRange and a signature dictionary.
    expect(latin1(signed)).toMatch(/\/ByteRange \[0 \d+ \d+ \d+/);
    expect(latin1(signed)).toContain('/Type /Sig');
    expect(scan(signed)).toBe(true);
  });

  it('finds none in the same report unsigned', () => {
    expect(scan(unsigned)).toBe(false);
  });

  it('finds none in a report prepared for signing but never signed', () => {
    // Everything of a signature dictionary is there except the ByteRange's integers.
    expect(latin1(prepared)).toContain('/Type /Sig');
    expect(latin1(prepared)).toContain('/SubFilter /adbe.pkcs7.detached');
    expect(latin1(prepared)).toMatch(/\/ByteRange \[ 0 \/\*+ \/\*+ \/\*+ \]/);
    expect(scan(prepared)).toBe(false);
  });

  it('finds the signature when the file arrives one byte at a time', () => {
    expect(scan(signed, [1])).toBe(true);
    expect(scan(prepared, [1])).toBe(false);
  });

  it('finds the signature however the file is cut into chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 64 }), (sizes) => {
        expect(scan(signed, sizes)).toBe(true);
        expect(scan(prepared, sizes)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('finds none in a report whose text speaks of ByteRange and Type Sig', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const page = doc.addPage();
    const fontKey = page.node.newFontDictionary(font.name, font.ref);
    const text = 'ByteRange [0 1226 9420 798] Type Sig SubFilter adbe.pkcs7.detached';
    // Literal strings in an uncompressed page and in the document's Subject, so the words are in the file's bytes.
    const contents = PDFContentStream.of(
      doc.context.obj({}),
      [
        beginText(),
        setFontAndSize(fontKey, 12),
        moveText(50, 750),
        PDFOperator.of(PDFOperatorNames.ShowText, [PDFString.of(text)]),
        endText(),
      ],
      false,
    );
    page.node.addContentStream(doc.context.register(contents));
    const info = doc.context.lookup(doc.context.trailerInfo.Info, PDFDict);
    info.set(PDFName.of('Subject'), PDFString.of('Type Sig; ByteRange 0 10 20 30'));
    const bytes = await save(doc);
    expect(latin1(bytes)).toContain(`(${text})`);
    expect(latin1(bytes)).toContain('(Type Sig; ByteRange 0 10 20 30)');
    expect(scan(bytes)).toBe(false);
    expect(scan(bytes, [1])).toBe(false);
  });
});

describe('scanPdfSignature on the syntax of a signature dictionary', () => {
  const pdf = (dictionary: string) =>
    Buffer.from(`%PDF-1.7\n1 0 obj\n<<${dictionary}>>\nendobj\n%%EOF\n`, 'latin1');

  it.each([
    ['no white space', '/Type/Sig/ByteRange[0 10 20 30]'],
    [
      'comments and line ends between the tokens',
      '/Type %why\r\n/Sig /ByteRange % spans\n[ 0\n10 %x\r20\t30 ]',
    ],
    ['a SubFilter as the marker', '/SubFilter /ETSI.CAdES.detached /ByteRange [0 10 20 30]'],
    ['a document timestamp', '/Type /DocTimeStamp /SubFilter/ETSI.RFC3161 /ByteRange [0 10 20 30]'],
    ['an X.509 signature with no /Type', '/SubFilter /adbe.x509.rsa_sha1 /ByteRange [0 10 20 30]'],
    [
      'a signed ByteRange padded as signpdf leaves it',
      '/Type /Sig /ByteRange [0 10 20 30                  ]',
    ],
  ])('counts %s', (_, dictionary) => {
    expect(scan(pdf(dictionary))).toBe(true);
    expect(scan(pdf(dictionary), [1])).toBe(true);
  });

  it.each([
    ['a ByteRange without a marker', '/ByteRange [0 10 20 30]'],
    ['a marker without a ByteRange', '/Type /Sig /SubFilter /adbe.pkcs7.detached'],
    ['a negative entry', '/Type /Sig /ByteRange [0 10 20 -30]'],
    ['a real entry', '/Type /Sig /ByteRange [0 10.5 20 30]'],
    ['three entries', '/Type /Sig /ByteRange [0 10 20]'],
    ['five entries', '/Type /Sig /ByteRange [0 10 20 30 40]'],
    ['another name that starts the same', '/Type /Sig /ByteRanges [0 10 20 30]'],
    ['a type that starts with Sig', '/Type /SigRef /ByteRange [0 10 20 30]'],
    ['a signature field rather than a signature', '/FT /Sig /ByteRange [0 10 20 30]'],
    ['a SubFilter of no signature format', '/SubFilter /Example.detached /ByteRange [0 10 20 30]'],
  ])('does not count %s', (_, dictionary) => {
    expect(scan(pdf(dictionary))).toBe(false);
    expect(scan(pdf(dictionary), [1])).toBe(false);
  });

  it('reads an entry no longer than a kilobyte, so what it keeps between chunks stays small', () => {
    const padded = (spaces: number) => pdf(`/Type /Sig /ByteRange [0 10 20 30${' '.repeat(spaces)}]`);
    expect(scan(padded(900), [7])).toBe(true);
    expect(scan(padded(2000))).toBe(false);
    expect(scan(padded(2000), [7])).toBe(false);
  });
});

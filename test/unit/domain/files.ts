/** Minimal real files, byte for byte, for sniffing tests: PDF, JPEG, PNG, and ZIP-based OOXML and ODF. */
import { strToU8, zipSync } from 'fflate';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  readonly name: string;
  readonly data: string | Uint8Array;
}

/** A ZIP archive with stored (uncompressed) entries, in the order given, as real tools write it. */
export function zip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : Buffer.from(entry.data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0, 6); // flags
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x5a21, 12); // date: 2025-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5a21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const RELS = `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`;

export function docx(padding = 0, document?: string): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: RELS },
    {
      name: 'word/document.xml',
      data:
        document ??
        `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Quy chế ${'x'.repeat(padding)}</w:t></w:r></w:p></w:body></w:document>`,
    },
  ]);
}

export function xlsx(): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
    },
    { name: '_rels/.rels', data: RELS },
    {
      name: 'xl/workbook.xml',
      data: `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>`,
    },
    { name: 'xl/worksheets/sheet1.xml', data: `${XML}<worksheet/>` },
  ]);
}

function odf(mimetype: string, body: string): Buffer {
  return zip([
    { name: 'mimetype', data: mimetype },
    { name: 'content.xml', data: `${XML}<office:document-content>${body}</office:document-content>` },
    {
      name: 'META-INF/manifest.xml',
      data: `${XML}<manifest:manifest><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/></manifest:manifest>`,
    },
  ]);
}

/** An ODF package whose mimetype part says `mimetype`, whatever it really is. */
export const odfWith = (mimetype: string) => odf(mimetype, '<office:text/>');

export const odt = () => odf('application/vnd.oasis.opendocument.text', '<office:text/>');
export const ods = () => odf('application/vnd.oasis.opendocument.spreadsheet', '<office:spreadsheet/>');

/** ZIP magic followed by the OOXML part names, as a string search would want them, but no real archive. */
export const fakeDocx = () =>
  Buffer.concat([
    Buffer.from([0x50, 0x4b, 0x03, 0x04]),
    Buffer.from('\0'.repeat(26) + '[Content_Types].xml word/document.xml word/ PK\x01\x02', 'latin1'),
  ]);

/** A plain ZIP that is no office document. */
export const plainZip = () => zip([{ name: 'notes.txt', data: 'ghi chú' }]);

/** A one-page-tree PDF with its cross-reference table and a trailer that ends in startxref and %%EOF. */
export function pdf(text = 'Quyết định ban hành quy chế an toàn thông tin'): Buffer {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\n`;
  const xref = Buffer.byteLength(body, 'utf8');
  return Buffer.from(
    `${body}xref\n0 1\n0000000000 65535 f \ntrailer<</Size 1/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`,
    'utf8',
  );
}

/** A 1×1 PNG. */
export const png = () =>
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );

/** The start of a JFIF JPEG: SOI, APP0 "JFIF", and the end marker. */
export const jpeg = () =>
  Buffer.from([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00, 0xff, 0xd9,
  ]);

/** What the store reads of an object: its first and last 64 KiB. */
export function sniff(bytes: Uint8Array, window = 64 * 1024): { head: Uint8Array; tail: Uint8Array } {
  return { head: bytes.subarray(0, window), tail: bytes.subarray(Math.max(0, bytes.length - window)) };
}

const OOXML_TYPES = `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>`;

/**
 * The four office types as a ZIP library writes them (deflated parts, ODF's mimetype first and stored), with
 * the parts Word, Excel and LibreOffice need to open them.
 */
export const made = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': () =>
    Buffer.from(
      zipSync({
        '[Content_Types].xml': strToU8(
          `${OOXML_TYPES}<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
        ),
        '_rels/.rels': strToU8(
          `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
        ),
        'word/document.xml': strToU8(
          `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Quy chế bảo đảm an toàn thông tin</w:t></w:r></w:p></w:body></w:document>`,
        ),
      }),
    ),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': () =>
    Buffer.from(
      zipSync({
        '[Content_Types].xml': strToU8(
          `${OOXML_TYPES}<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
        ),
        '_rels/.rels': strToU8(
          `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
        ),
        'xl/workbook.xml': strToU8(
          `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Dự toán" sheetId="1" r:id="rId1"/></sheets></workbook>`,
        ),
        'xl/_rels/workbook.xml.rels': strToU8(
          `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        'xl/worksheets/sheet1.xml': strToU8(
          `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>25000</v></c></row></sheetData></worksheet>`,
        ),
      }),
    ),
  'application/vnd.oasis.opendocument.text': () => madeOdf('application/vnd.oasis.opendocument.text', 'text'),
  'application/vnd.oasis.opendocument.spreadsheet': () =>
    madeOdf('application/vnd.oasis.opendocument.spreadsheet', 'spreadsheet'),
} as const;

function madeOdf(mimetype: string, body: 'text' | 'spreadsheet'): Buffer {
  const ns = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"';
  return Buffer.from(
    zipSync({
      mimetype: [strToU8(mimetype), { level: 0 }],
      'content.xml': strToU8(
        `${XML}<office:document-content ${ns} office:version="1.3"><office:body><office:${body}/></office:body></office:document-content>`,
      ),
      'META-INF/manifest.xml': strToU8(
        `${XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`,
      ),
    }),
  );
}

import { Writable } from 'node:stream';
import type { Bilingual } from '../contract/i18n.ts';
import type { OutputStream } from './ports.ts';

/*
 * The rollup's XLSX workbook, streamed into an output file as rows are added (exceljs's streaming writer), so
 * its memory does not grow with the province. Numbers are stored as numbers, never as text, so a spreadsheet
 * in a Vietnamese locale shows them with its own decimal comma and can sum them.
 */

export type Cell = string | number | boolean | null | undefined;

export interface Column {
  readonly header: Bilingual;
  readonly width?: number;
}

export interface Sheet {
  add(cells: readonly Cell[]): void;
  done(): void;
}

export interface Workbook {
  /** A worksheet; add one only after the one before it is done, so that only one is ever buffered. */
  sheet(name: string, columns: readonly Column[]): Sheet;
  /** Lets what has been added flow out before more is added. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Only exceljs's streaming writer, loaded when a workbook is first written: the whole package (its reader, CSV
 * and document model too) tripled the rollup function's bundle (450 to 1,630 KiB) and its cold import.
 */
const loadWriter = async () => (await import('exceljs/lib/stream/xlsx/workbook-writer.js')).default;

export async function openWorkbook(out: OutputStream, created: Date): Promise<Workbook> {
  const WorkbookWriter = await loadWriter();
  let pending: Promise<void> = Promise.resolve();
  let failure: unknown;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      pending = pending.then(() => out.write(chunk));
      pending.then(
        () => done(),
        (error: unknown) => {
          failure = error;
          done(error as Error);
        },
      );
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  const book = new WorkbookWriter({
    stream: sink,
    // No styles: numbers keep the General format, which every locale renders with its own separators, and
    // styling each cell was a third of the workbook's cost.
    useStyles: false,
    useSharedStrings: false,
    // Fast deflate: the workbook is written once per run and the pass should cost little more than its reads.
    zip: { zlib: { level: 1 } },
  });
  book.creator = 'Báo cáo CNTT';
  book.lastModifiedBy = 'Báo cáo CNTT';
  book.created = created;
  book.modified = created;
  return {
    sheet(name, columns) {
      const ws = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      ws.columns = columns.map((c, k) => ({
        key: String(k),
        header: `${c.header.vi} / ${c.header.en}`,
        width: c.width ?? 16,
      }));
      return {
        add(cells) {
          // A contiguous array starts at column A (exceljs reads one without an element 0 as 1-based); an
          // empty cell, null or undefined, is written as nothing either way.
          ws.addRow(cells as Cell[]).commit();
        },
        done() {
          ws.commit();
        },
      };
    },
    async drain() {
      if (failure) throw failure;
      await new Promise((r) => setImmediate(r));
      await pending;
    },
    async close() {
      await book.commit();
      await finished;
      await pending;
      if (failure) throw failure;
    },
  };
}

// exceljs's streaming writer on its own (shared/rollup/workbook.ts): the package's types describe it only as
// part of the whole package.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}

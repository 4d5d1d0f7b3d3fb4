/** pdf.js's worker module ships no types; the viewer only hands its exports to pdf.js as `pdfjsWorker`. */
declare module 'pdfjs-dist/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

/*
 * What the evidence list and the PDF viewer's frame (pdfView.ts, at PDF_VIEWER_PATH) say to each other by
 * postMessage. The frame has an opaque origin, so each side checks who sent a message by its window, never by
 * its origin.
 */

/** Pages drawn at most: an appraisal reads the first pages; the whole file is one checked download away. */
export const PDF_VIEW_MAX_PAGES = 30;

/** The frame is listening. */
export interface ViewerReady {
  readonly kind: 'ready';
}
/** The checked bytes, transferred (not copied) to the frame. */
export interface ViewerDocument {
  readonly kind: 'document';
  readonly bytes: ArrayBuffer;
}
/** How it went: pages drawn out of the file's, or that pdf.js could not read the file. */
export type ViewerOutcome =
  | { readonly kind: 'drawn'; readonly drawn: number; readonly pages: number }
  | { readonly kind: 'unreadable' };

export type FromViewer = ViewerReady | ViewerOutcome;

import { getDocument } from 'pdfjs-dist';
import * as worker from 'pdfjs-dist/build/pdf.worker.mjs';
import { PDF_VIEW_MAX_PAGES, type FromViewer, type ViewerDocument } from './protocol.ts';

/*
 * The PDF viewer's frame. It runs sandboxed to scripts only, in an opaque origin under the site's CSP: it can
 * draw, and nothing else (no storage, no cookies, no session, no fetches but to the site). pdf.js runs on this
 * thread ("fake worker"): a worker would need a same-origin script, which an opaque origin does not have.
 * Nothing in the file is run: pdf.js keeps eval off and scripting off.
 */
(globalThis as unknown as { pdfjsWorker: unknown }).pdfjsWorker = worker;

const tell = (message: FromViewer) => parent.postMessage(message, '*');
Object.assign(document.documentElement.style, { background: '#525659' });

async function draw(bytes: ArrayBuffer): Promise<void> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, enableXfa: false })
    .promise;
  if (pdf.numPages === 0) return tell({ kind: 'unreadable' });
  const drawn = Math.min(pdf.numPages, PDF_VIEW_MAX_PAGES);
  document.body.style.margin = '8px';
  const width = Math.max(280, document.documentElement.clientWidth - 16);
  for (let n = 1; n <= drawn; n++) {
    const page = await pdf.getPage(n);
    const viewport = page.getViewport({ scale: width / page.getViewport({ scale: 1 }).width });
    const canvas = document.createElement('canvas');
    canvas.width = Math.floor(viewport.width);
    canvas.height = Math.floor(viewport.height);
    canvas.dataset.page = String(n);
    // CSSOM, not a style attribute: the site's CSP allows no inline styles.
    Object.assign(canvas.style, { display: 'block', width: '100%', margin: '0 0 8px', background: '#fff' });
    document.body.append(canvas);
    await page.render({ canvas, canvasContext: canvas.getContext('2d')!, viewport }).promise;
  }
  tell({ kind: 'drawn', drawn, pages: pdf.numPages });
}

window.addEventListener('message', (event: MessageEvent<ViewerDocument>) => {
  if (event.source !== parent || event.data?.kind !== 'document') return;
  draw(event.data.bytes).catch(() => tell({ kind: 'unreadable' }));
});
tell({ kind: 'ready' });

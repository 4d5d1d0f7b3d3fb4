import { PDF_VIEWER_PATH } from '#shared/contract/site';
import type { FromViewer, ViewerDocument } from '../preview/protocol.ts';

/**
 * The site's PDF viewer in a frame sandboxed to scripts only (an opaque origin: no storage, no session, no way
 * to the page but messages), given checked bytes once it says it is listening. `outcome` says how the drawing
 * went. Messages are taken only from this frame's own window.
 */
export function pdfFrame(
  bytes: ArrayBuffer,
  title: string,
): { frame: HTMLIFrameElement; outcome: Promise<Exclude<FromViewer, { kind: 'ready' }>> } {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', 'allow-scripts');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.title = title;
  frame.className = 'preview-frame preview-frame--pdf';
  const outcome = new Promise<Exclude<FromViewer, { kind: 'ready' }>>((resolve) => {
    const listen = (event: MessageEvent<FromViewer>) => {
      if (event.source !== frame.contentWindow || !event.data) return;
      if (event.data.kind === 'ready') {
        const message: ViewerDocument = { kind: 'document', bytes };
        frame.contentWindow?.postMessage(message, '*', [bytes]);
        return;
      }
      window.removeEventListener('message', listen);
      resolve(event.data);
    };
    window.addEventListener('message', listen);
  });
  frame.src = PDF_VIEWER_PATH;
  return { frame, outcome };
}

import { ApiError, NetworkError } from './api.ts';
import { CLIENT_CODE } from '#shared/contract/errors';
import { bi } from '#shared/contract/i18n';

const refused = bi(
  'Kho lưu trữ từ chối tải tệp (liên kết có thể đã hết hạn). Hãy thử lại.',
  'Storage refused the download (the link may have expired). Please try again.',
);

/** Fetches a short-lived storage link; the page stays when storage refuses, so the error can show beside it. */
export async function fetchLinked(url: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw NetworkError.from(error);
  }
  if (!res.ok)
    throw new ApiError(res.status === 403 ? 409 : res.status, CLIENT_CODE.DOWNLOAD_FAILED, refused);
  return res.blob();
}

/** Hands bytes to the browser as a download under the given name. */
export function saveAs(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A frame showing a storage link's document, sandboxed with no permission at all (no scripts, an opaque
 * origin), so nothing in it can act on the page. Framed from its link, not as a blob: a blob document would
 * inherit this page's CSP, under which the browser's own image and report documents cannot be styled.
 */
export function sandboxedFrame(url: string, title: string): HTMLIFrameElement {
  const frame = document.createElement('iframe');
  frame.setAttribute('sandbox', '');
  frame.setAttribute('referrerpolicy', 'no-referrer');
  frame.title = title;
  frame.className = 'preview-frame';
  frame.src = url;
  return frame;
}

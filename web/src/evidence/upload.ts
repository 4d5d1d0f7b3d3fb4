import { EVIDENCE_TYPES } from '#shared/contract/evidence';
import type { UploadTicket } from '../types.ts';

export const MAX_EVIDENCE_BYTES = 50 * 1024 * 1024;

const BY_EXTENSION = new Map<string, string>(
  Object.entries(EVIDENCE_TYPES).map(([type, { ext }]) => [ext, type]),
);
BY_EXTENSION.set('jpeg', 'image/jpeg');

export const ACCEPT = [...BY_EXTENSION.keys()].map((e) => `.${e}`).join(',');
export const TYPE_LABELS = [...new Set(Object.values(EVIDENCE_TYPES).map((t) => t.label))].join(', ');

/** The declared type: the browser's when it is one we take, else by extension (Windows often reports none). */
export function contentTypeOf(file: File): string | undefined {
  if (file.type && file.type in EVIDENCE_TYPES) return file.type;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return ext ? BY_EXTENSION.get(ext) : undefined;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly expired: boolean,
  ) {
    super(`upload failed: ${status}`);
  }
}

/**
 * PUTs the bytes straight to storage. XMLHttpRequest rather than fetch because only it reports upload
 * progress. The browser sets Content-Length itself and refuses to let a page set it.
 */
export function putFile(
  ticket: UploadTicket,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): { done: Promise<void>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open(ticket.method, ticket.url);
    for (const [name, value] of Object.entries(ticket.headers)) {
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new UploadError(xhr.status, xhr.status === 403 && /expired/i.test(xhr.responseText)));
    };
    xhr.onerror = () => reject(new UploadError(0, false));
    xhr.onabort = () => reject(new UploadError(0, false));
    xhr.ontimeout = () => reject(new UploadError(0, false));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

import { EVIDENCE_TYPES, extensionOf, type EvidenceContentType } from '#shared/contract/evidence';
import type { UploadTicket } from '../types.ts';

const BY_EXTENSION = new Map<string, EvidenceContentType>(
  (Object.entries(EVIDENCE_TYPES) as [EvidenceContentType, { extensions: readonly string[] }][]).flatMap(
    ([type, { extensions }]) => extensions.map((e) => [e, type] as const),
  ),
);

export const ACCEPT = [...BY_EXTENSION.keys()].map((e) => `.${e}`).join(',');
export const TYPE_LABELS = [...new Set(Object.values(EVIDENCE_TYPES).map((t) => t.label))].join(', ');

/** The declared type comes from the name's extension: the server refuses a name that contradicts the type. */
export function contentTypeOf(file: File): EvidenceContentType | undefined {
  const ext = extensionOf(file.name);
  return ext ? BY_EXTENSION.get(ext) : undefined;
}

export class UploadError extends Error {
  constructor(
    readonly status: number,
    readonly expired: boolean,
    /** Storage's own error code (`BadDigest`, `SignatureDoesNotMatch`...), when it sent one. */
    readonly storageCode?: string,
  ) {
    super(`upload failed: ${status}`);
  }
}

const storageCodeOf = (xml: string): string | undefined => /<Code>([A-Za-z]+)<\/Code>/.exec(xml)?.[1];

/** One presigned PUT: the whole file, or one part of a multipart upload. */
export type SignedPut = Pick<Extract<UploadTicket, { method: 'PUT' }>, 'url' | 'headers'>;

/**
 * PUTs the bytes straight to storage. XMLHttpRequest rather than fetch because only it reports upload
 * progress. The browser sets Content-Length itself and refuses to let a page set it.
 */
export function putFile(
  request: SignedPut,
  file: Blob,
  onProgress: (loaded: number, total: number) => void,
): { done: Promise<void>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<void>((resolve, reject) => {
    xhr.open('PUT', request.url);
    for (const [name, value] of Object.entries(request.headers)) {
      if (!/^(content-length|host)$/i.test(name)) xhr.setRequestHeader(name, value);
    }
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else {
        const expired = xhr.status === 403 && /expired/i.test(xhr.responseText);
        reject(new UploadError(xhr.status, expired, storageCodeOf(xhr.responseText)));
      }
    };
    xhr.onerror = () => reject(new UploadError(0, false));
    xhr.onabort = () => reject(new UploadError(0, false));
    xhr.ontimeout = () => reject(new UploadError(0, false));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/* Checksums without the upload machinery, so read-only pages (receipt, review) stay free of zod. */

const toBase64 = (bytes: Uint8Array) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};

/** Base64 of the SHA-256 digest, as S3's x-amz-checksum-sha256 and the API want it. */
export async function sha256Base64(file: Blob): Promise<string> {
  return toBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())));
}

/** Each part's SHA-256, for a file that goes up in parts of `partBytes` (the last one smaller). */
export async function partChecksums(file: Blob, partBytes: number): Promise<string[]> {
  const out: string[] = [];
  for (let start = 0; start < file.size; start += partBytes)
    out.push(await sha256Base64(file.slice(start, start + partBytes)));
  return out;
}

/** The familiar hex form (what sha256sum prints), for receipts. */
export function base64ToHex(b64: string): string {
  try {
    return [...atob(b64)].map((c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');
  } catch {
    return b64;
  }
}

import type { MiddlewareObj } from '@middy/core';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { headerOf, type ApiContext } from './requestParts.ts';
import type { ApiEvent, ApiResponse } from './types.ts';

/*
 * API Gateway's HTTP API compresses nothing, and CloudFront compresses only what it may cache, which the API
 * is not: so the function compresses its own answers. Below a kilobyte the coding costs more than it saves.
 */
const MIN_BYTES = 1024;
// Brotli's default quality (11) takes tens of milliseconds on the catalog; 5 is within a few per cent of it.
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

export type ContentCoding = 'br' | 'gzip';

/** The coding an Accept-Encoding header prefers among those we produce (q-values honoured; br on a tie). */
export function preferredCoding(acceptEncoding: string | undefined): ContentCoding | undefined {
  const q = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((w) => w !== undefined);
    if (name) q.set(name, weight === undefined ? 1 : Number(weight));
  }
  const of = (coding: ContentCoding) => q.get(coding) ?? q.get('*') ?? 0;
  const best = (['br', 'gzip'] as const).filter((c) => of(c) > 0).sort((a, b) => of(b) - of(a))[0];
  return best;
}

export function compressResponse(): MiddlewareObj<ApiEvent, ApiResponse, Error, ApiContext> {
  return {
    after: async (request) => {
      const response = request.response;
      if (!response || typeof response.body !== 'string' || response.isBase64Encoded) return;
      const headers = { ...response.headers };
      if (headers['content-encoding'] !== undefined) return;
      const body = Buffer.from(response.body, 'utf8');
      if (body.length < MIN_BYTES) return;
      headers.vary = headers.vary ? `${headers.vary}, accept-encoding` : 'accept-encoding';
      const coding = preferredCoding(headerOf(request.event, 'accept-encoding'));
      if (!coding) {
        request.response = { ...response, headers };
        return;
      }
      const packed = coding === 'br' ? brotliCompressSync(body, BROTLI) : gzipSync(body);
      request.response = {
        ...response,
        headers: { ...headers, 'content-encoding': coding },
        body: packed.toString('base64'),
        isBase64Encoded: true,
      };
    },
  };
}

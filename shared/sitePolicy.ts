/**
 * The Content-Security-Policy of the web site: one definition for CloudFront (infra/constructs/staticSite.ts)
 * and the local stack (local/api.ts). Strict, for a static site with no inline code: everything from its own
 * origin, nothing framed, no plugins, and fetches only to its own origin and the few origins named.
 */
export interface ContentSecurityPolicyOptions {
  /** Origins the page may fetch from besides its own (presigned S3 uploads, the Cognito token endpoint). */
  readonly connectSources: readonly string[];
  /**
   * Storage origins whose presigned links the page may show in a sandboxed frame (the rollup's HTML report, a
   * verified image).
   * @default - none: nothing is framed
   */
  readonly frameSources?: readonly string[];
  /**
   * Rewrite http: subresources to https:. Off only for the local stack, which serves plain HTTP on loopback.
   * @default true
   */
  readonly upgradeInsecureRequests?: boolean;
  /**
   * The site's own pages may frame this one (frame-ancestors 'self'): only the PDF viewer's page.
   * @default false: no page may frame it
   */
  readonly framedBySite?: boolean;
}

export { PDF_VIEWER_PATH } from './contract/site.ts';

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${options.connectSources.join(' ')}`,
    "object-src 'none'",
    // The PDF viewer (PDF_VIEWER_PATH), and the rollup's report and verified images from presigned storage links,
    // each in a sandboxed frame; nothing else.
    ["frame-src 'self'", ...(options.frameSources ?? [])].join(' '),
    "base-uri 'self'",
    "form-action 'self'",
    options.framedBySite ? "frame-ancestors 'self'" : "frame-ancestors 'none'",
    ...(options.upgradeInsecureRequests === false ? [] : ['upgrade-insecure-requests']),
  ].join('; ');
}

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
}

export function contentSecurityPolicy(options: ContentSecurityPolicyOptions): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${options.connectSources.join(' ')}`,
    "object-src 'none'",
    // The rollup's report and verified images show in sandboxed frames of presigned storage links, and only those.
    `frame-src ${options.frameSources?.length ? options.frameSources.join(' ') : "'none'"}`,
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.upgradeInsecureRequests === false ? [] : ['upgrade-insecure-requests']),
  ].join('; ');
}

import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '#shared/sitePolicy';

const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d] as const));

describe('the site’s Content-Security-Policy, one definition for CloudFront and the local stack', () => {
  it('is the same strict policy in both, naming the extra origins it may fetch from', () => {
    const deployed = directives(
      contentSecurityPolicy({ connectSources: ['https://bucket.s3.amazonaws.com'] }),
    );
    const local = directives(
      contentSecurityPolicy({ connectSources: ['http://127.0.0.1:3002'], upgradeInsecureRequests: false }),
    );
    for (const csp of [deployed, local]) {
      expect(csp.get('object-src')).toBe("object-src 'none'");
      expect(csp.get('script-src')).toBe("script-src 'self'");
      expect(csp.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    }
    expect(deployed.get('connect-src')).toBe("connect-src 'self' https://bucket.s3.amazonaws.com");
    expect(local.get('connect-src')).toBe("connect-src 'self' http://127.0.0.1:3002");
    expect([...deployed.keys()].filter((k) => !local.has(k))).toEqual(['upgrade-insecure-requests']);
  });

  it('lets the site frame only the PDF viewer, and frames nothing but its own pages and the storage named', () => {
    const page = directives(contentSecurityPolicy({ connectSources: [], frameSources: ['https://b.s3'] }));
    const viewer = directives(contentSecurityPolicy({ connectSources: [], framedBySite: true }));
    expect(page.get('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(viewer.get('frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(page.get('frame-src')).toBe("frame-src 'self' https://b.s3");
    expect(viewer.get('frame-src')).toBe("frame-src 'self'");
  });
});

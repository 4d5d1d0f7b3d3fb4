import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { IMMUTABLE_CACHE_CONTROL, REVALIDATE_CACHE_CONTROL } from '#shared/contract/site';
import { PLACEHOLDER_INDEX } from '../../infra/constructs/staticSite.ts';
import { logicalIdOf, onlyResourceOf, resourcesOf, synthStack } from './synth.ts';

const { stack, template } = synthStack('dev');
const [, distribution] = onlyResourceOf(template, 'AWS::CloudFront::Distribution');
const config = (distribution.Properties as { DistributionConfig: Record<string, unknown> })
  .DistributionConfig as {
  DefaultCacheBehavior: Record<string, unknown>;
  CacheBehaviors: Record<string, unknown>[];
  Origins: Record<string, unknown>[];
  Logging?: Record<string, unknown>;
};
const headersPolicies = resourcesOf(template, 'AWS::CloudFront::ResponseHeadersPolicy');
const headersPolicyId = logicalIdOf(stack.site.headersPolicy);
const securityOf = (id: string) =>
  (
    headersPolicies[id]!.Properties as {
      ResponseHeadersPolicyConfig: { SecurityHeadersConfig: Record<string, unknown> };
    }
  ).ResponseHeadersPolicyConfig.SecurityHeadersConfig;
const security = securityOf(headersPolicyId);
/** The CSP as a string, with CloudFormation references written as `${Ref}`. */
const cspOf = (id: string) =>
  (
    stack.resolve(
      (securityOf(id).ContentSecurityPolicy as { ContentSecurityPolicy: unknown }).ContentSecurityPolicy,
    ) as { 'Fn::Join': [string, unknown[]] }
  )['Fn::Join'][1]
    .map((p) => (typeof p === 'string' ? p : `\${${(p as { Ref: string }).Ref}}`))
    .join('');
const directiveOf = (id: string) => (name: string) =>
  cspOf(id)
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `));
const directive = directiveOf(headersPolicyId);

describe('the site: private bucket behind CloudFront', () => {
  it('reads the web bucket through Origin Access Control only', () => {
    const s3Origin = config.Origins.find((o) => 'S3OriginConfig' in o)!;
    expect(s3Origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'],
    });
    expect(s3Origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    const [, oac] = onlyResourceOf(template, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.Properties?.OriginAccessControlConfig).toMatchObject({
      OriginAccessControlOriginType: 's3',
      SigningBehavior: 'always',
      SigningProtocol: 'sigv4',
    });
  });

  it('lets only this distribution read the web bucket (in prod, where no clean-up provider needs it)', () => {
    const prod = synthStack('prod');
    const webBucket = logicalIdOf(prod.stack.site.bucket);
    const policy = Object.values(resourcesOf(prod.template, 'AWS::S3::BucketPolicy')).find(
      (p) => (p.Properties?.Bucket as { Ref: string }).Ref === webBucket,
    )!;
    const allows = (
      policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }
    ).Statement.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
  });

  it('adds the security headers policy to every behaviour but the PDF viewer’s, which only the site may frame', () => {
    const viewer = config.CacheBehaviors.find((b) => b.PathPattern === 'pdf-view.html')!;
    for (const behavior of [config.DefaultCacheBehavior, ...config.CacheBehaviors]) {
      if (behavior !== viewer) expect(behavior.ResponseHeadersPolicyId).toEqual({ Ref: headersPolicyId });
    }
    const viewerPolicy = (viewer.ResponseHeadersPolicyId as { Ref: string }).Ref;
    expect(viewerPolicy).not.toBe(headersPolicyId);
    expect(Object.keys(headersPolicies).sort()).toEqual([headersPolicyId, viewerPolicy].sort());
    expect(directiveOf(viewerPolicy)('frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(securityOf(viewerPolicy).FrameOptions).toEqual({ FrameOption: 'SAMEORIGIN', Override: true });
    // Otherwise the very same policy: scripts from the site only, nothing else loosened.
    expect(directiveOf(viewerPolicy)('script-src')).toBe("script-src 'self'");
    expect(directiveOf(viewerPolicy)('connect-src')).toBe(directive('connect-src'));
    // The same files as every other page.
    expect(viewer.TargetOriginId).toBe(config.DefaultCacheBehavior.TargetOriginId);
  });

  it('sends a strict CSP: self by default, no framing, no plugins, fetches to self, evidence S3 and Cognito only', () => {
    expect(directive('default-src')).toBe("default-src 'self'");
    expect(directive('script-src')).toBe("script-src 'self'");
    expect(directive('frame-ancestors')).toBe("frame-ancestors 'none'");
    expect(directive('object-src')).toBe("object-src 'none'");
    const evidence =
      'https://baocao-dev-evidence-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}';
    const reports =
      'https://baocao-dev-reports-${AWS::AccountId}-${AWS::Region}.s3.${AWS::Region}.${AWS::URLSuffix}';
    expect(directive('connect-src')).toBe(
      `connect-src 'self' ${evidence} ${reports} https://baocao-dev-\${AWS::AccountId}.auth.\${AWS::Region}.amazoncognito.com`,
    );
    // Framed: the site's own PDF viewer, and presigned links of the two buckets (a verified image, the report).
    expect(directive('frame-src')).toBe(`frame-src 'self' ${evidence} ${reports}`);
  });

  it('names in the CSP the very buckets the page reaches and the very hosted UI domain', () => {
    const buckets = resourcesOf(template, 'AWS::S3::Bucket');
    for (const [bucket, purpose] of [
      [stack.data.evidence, 'evidence'],
      [stack.data.reports, 'reports'],
    ] as const) {
      const name = stack.resolve(buckets[logicalIdOf(bucket)]?.Properties?.BucketName) as {
        'Fn::Join': [string, unknown[]];
      };
      expect(name['Fn::Join'][1]).toEqual([
        `baocao-dev-${purpose}-`,
        { Ref: 'AWS::AccountId' },
        '-',
        { Ref: 'AWS::Region' },
      ]);
    }
    // The console reads the rollup's files from this distribution's pages, and only reads them.
    expect(buckets[logicalIdOf(stack.data.reports)]?.Properties?.CorsConfiguration).toEqual({
      CorsRules: [
        expect.objectContaining({
          AllowedMethods: ['GET', 'HEAD'],
          AllowedOrigins: [expect.anything()],
        }),
      ],
    });
    const [, domain] = onlyResourceOf(template, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties?.Domain).toEqual({
      'Fn::Join': ['', ['baocao-dev-', { Ref: 'AWS::AccountId' }]],
    });
  });

  it('sends HSTS, nosniff, a referrer policy and X-Frame-Options DENY', () => {
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
    });
  });

  it('redirects plain HTTP to HTTPS for the site', () => {
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('serves the API under /api on the same origin: HTTPS only, nothing cached, all headers but Host passed on', () => {
    const api = config.CacheBehaviors.find((b) => b.PathPattern === `/${stack.api.stage.stageName}/*`)!;
    expect(api).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
      AllowedMethods: expect.arrayContaining(['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS']),
    });
    const origin = config.Origins.find((o) => o.Id === api.TargetOriginId)!;
    expect(origin).toMatchObject({
      CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] },
      DomainName: {
        'Fn::Join': [
          '',
          [
            { Ref: logicalIdOf(stack.api.httpApi) },
            '.execute-api.',
            { Ref: 'AWS::Region' },
            '.',
            { Ref: 'AWS::URLSuffix' },
          ],
        ],
      },
    });
  });

  it('writes CloudFront standard logs to the log bucket', () => {
    expect(config.Logging).toMatchObject({ Prefix: 'cloudfront/', IncludeCookies: false });
  });

  it('deploys the site and a config.json with the API URL, Cognito ids and region, resolved at deploy time', () => {
    const deployment = Object.values(resourcesOf(template, 'Custom::CDKBucketDeployment')).find(
      (d) => d.Properties?.DistributionPaths !== undefined,
    )!;
    expect(deployment.Properties?.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(stack.resolve(deployment.Properties?.SourceMarkers));
    for (const ref of [
      logicalIdOf(stack.users.userPool),
      logicalIdOf(stack.users.webClient),
      'AWS::Region',
    ]) {
      expect(markers).toContain(ref);
    }
    expect(deployment.Properties?.DistributionPaths).toEqual(['/*']);
  });

  it('deploys a placeholder page when the built site is missing', () => {
    const missing = synthStack('dev', {
      stackProps: { webAssetPath: join(import.meta.dirname, 'no-such-dir') },
    });
    const [, deployment] = onlyResourceOf(missing.template, 'Custom::CDKBucketDeployment');
    expect(deployment.Properties?.SourceObjectKeys).toHaveLength(2);
    const outdir = (missing.stack.node.root as App).outdir;
    const pages = readdirSync(outdir)
      .map((d) => join(outdir, d, 'index.html'))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f, 'utf8'));
    expect(pages).toContain(PLACEHOLDER_INDEX);
  });
});

/** A built site as web/build.ts lays it out, so these tests do not depend on whether web/dist exists. */
const builtSite = mkdtempSync(join(tmpdir(), 'site-fixture-'));
afterAll(() => rmSync(builtSite, { recursive: true, force: true }));
writeFileSync(
  join(builtSite, 'index.html'),
  '<!doctype html><script type="module" src="/assets/app-X.js"></script>',
);
mkdirSync(join(builtSite, 'assets'));
writeFileSync(join(builtSite, 'assets', 'app-X.js'), 'export {};');

describe('the site on the wire: compressed, hashed assets cached for good, the rest revalidated', () => {
  it('compresses what CloudFront serves from the bucket (gzip and Brotli)', () => {
    expect(config.DefaultCacheBehavior).toMatchObject({
      Compress: true,
      // Managed-CachingOptimized: Accept-Encoding gzip and br in the cache key, which compression needs.
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    });
  });

  it('uploads assets/ as immutable, before the rest, which is no-cache and invalidated', () => {
    const built = synthStack('dev', { stackProps: { webAssetPath: builtSite } });
    const deployments = resourcesOf(built.template, 'Custom::CDKBucketDeployment');
    expect(Object.keys(deployments)).toHaveLength(2);
    const [hashedId, hashed] = Object.entries(deployments).find(
      ([, d]) => d.Properties?.DestinationBucketKeyPrefix === 'assets/',
    )!;
    const [, rest] = Object.entries(deployments).find(([id]) => id !== hashedId)!;
    expect(hashed.Properties).toMatchObject({
      SystemMetadata: { 'cache-control': IMMUTABLE_CACHE_CONTROL },
      Prune: false,
    });
    expect(hashed.Properties?.DistributionPaths).toBeUndefined();
    expect(rest.Properties).toMatchObject({
      SystemMetadata: { 'cache-control': REVALIDATE_CACHE_CONTROL },
      Prune: true,
      Exclude: ['assets/*'],
      DistributionPaths: ['/*'],
    });
    const dependsOn = (built.template.toJSON() as { Resources: Record<string, { DependsOn?: string[] }> })
      .Resources;
    const restId = Object.keys(deployments).find((id) => id !== hashedId)!;
    expect(dependsOn[restId]?.DependsOn).toEqual(expect.arrayContaining([hashedId]));
  });
});

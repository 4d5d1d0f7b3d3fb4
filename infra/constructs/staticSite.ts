import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DefaultStackSynthesizer, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  GeoRestriction,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  ResponseHeadersPolicy,
  SecurityPolicyProtocol,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { contentSecurityPolicy, PDF_VIEWER_PATH } from '#shared/sitePolicy';
import { Construct } from 'constructs';
import {
  CONFIG_FILE,
  HASHED_ASSETS_DIR,
  IMMUTABLE_CACHE_CONTROL,
  REVALIDATE_CACHE_CONTROL,
} from '#shared/contract/site';
import { SecureBucket } from './buckets.ts';
import { acknowledge, wildcardResourceFinding } from './nag.ts';

/** Served when the site has not been built (`npm run build:web`), so that a deploy never fails for want of it. */
export const PLACEHOLDER_INDEX = `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo CNTT</title></head>
<body><p>Trang web chưa được build (npm run build:web). / The site has not been built yet (npm run build:web).</p></body></html>
`;

/**
 * The site's content: the built folder when it holds an index.html, the placeholder page otherwise. The hashed
 * assets go in a deployment of their own (see `StaticSite.deploy`).
 */
export function siteSource(webAssetPath: string): ISource {
  return existsSync(join(webAssetPath, 'index.html'))
    ? Source.asset(webAssetPath, { exclude: [`${HASHED_ASSETS_DIR}/*`] })
    : Source.data('index.html', PLACEHOLDER_INDEX);
}

export interface SiteDomain {
  /** Alternate domain names; the first is the site's origin. */
  readonly names: readonly string[];
  /** An ACM certificate in us-east-1 that covers the names. */
  readonly certificateArn: string;
}

export interface StaticSiteProps {
  /** Receives CloudFront's standard logs (under `cloudfront/`) and the web bucket's access logs. */
  readonly logsBucket: IBucket;
  /** Origins the page may fetch from besides its own. */
  readonly connectSources: readonly string[];
  /**
   * Origins whose presigned links the page may show in sandboxed frames.
   * @default - none
   */
  readonly frameSources?: readonly string[];
  /**
   * An API served under the site's own origin at `pathPattern` (e.g. `/api/*`).
   * @default - no API behaviour
   */
  readonly api?: {
    readonly domainName: string;
    readonly pathPattern: string;
    /**
     * Headers CloudFront adds to every request it sends to the API (the origin secret the API checks).
     * @default - none
     */
    readonly originHeaders?: Readonly<Record<string, string>>;
  };
  /**
   * @default - the distribution's own `*.cloudfront.net` name and certificate
   */
  readonly domain?: SiteDomain;
  /**
   * ARN of a WAF web ACL (scope CLOUDFRONT, in us-east-1) to attach.
   * @default - no web ACL
   */
  readonly webAclArn?: string;
  /**
   * ISO 3166 country codes allowed to reach the site.
   * @default - no geographic restriction
   */
  readonly allowedCountries?: readonly string[];
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * @default false
   */
  readonly autoDeleteObjects?: boolean;
}

/**
 * The static web form: a private bucket that only CloudFront reads (Origin Access Control), behind a
 * distribution that adds strict security headers to every response and, optionally, serves the API under
 * the same origin.
 */
export class StaticSite extends Construct {
  readonly bucket: SecureBucket;
  readonly distribution: Distribution;
  readonly headersPolicy: ResponseHeadersPolicy;
  /** `https://<domain>`, no trailing slash. */
  readonly origin: string;

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    this.bucket = new SecureBucket(this, 'Bucket', {
      versioned: false,
      accessLogs: { bucket: props.logsBucket, prefix: 's3/web/' },
      ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}),
      ...(props.autoDeleteObjects !== undefined ? { autoDeleteObjects: props.autoDeleteObjects } : {}),
    });

    const securityHeaders = (id: string, framedBySite: boolean) =>
      new ResponseHeadersPolicy(this, id, {
        comment: framedBySite
          ? 'Báo cáo CNTT: the PDF viewer, framable by the site only'
          : 'Báo cáo CNTT: strict CSP, HSTS and friends',
        securityHeadersBehavior: {
          contentSecurityPolicy: {
            contentSecurityPolicy: contentSecurityPolicy({
              connectSources: props.connectSources,
              ...(props.frameSources ? { frameSources: props.frameSources } : {}),
              framedBySite,
            }),
            override: true,
          },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.days(730),
            includeSubdomains: true,
            override: true,
          },
          contentTypeOptions: { override: true },
          referrerPolicy: {
            referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
            override: true,
          },
          frameOptions: {
            frameOption: framedBySite ? HeadersFrameOption.SAMEORIGIN : HeadersFrameOption.DENY,
            override: true,
          },
          xssProtection: { protection: false, override: true },
        },
        customHeadersBehavior: {
          customHeaders: [
            {
              header: 'Permissions-Policy',
              value: 'camera=(), microphone=(), geolocation=()',
              override: true,
            },
            { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
          ],
        },
      });
    this.headersPolicy = securityHeaders('SecurityHeaders', false);
    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);

    const additionalBehaviors: Record<string, BehaviorOptions> = {
      // The one page the site frames (a sandboxed PDF viewer): the same file origin, framable by the site.
      [PDF_VIEWER_PATH.slice(1)]: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders('PdfViewerHeaders', true),
        compress: true,
      },
    };
    if (props.api) {
      additionalBehaviors[props.api.pathPattern] = {
        origin: new HttpOrigin(props.api.domainName, {
          protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
          originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          ...(props.api.originHeaders ? { customHeaders: { ...props.api.originHeaders } } : {}),
        }),
        viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        // Nothing cached, and every header but Host passed on: with caching off this includes Authorization.
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: this.headersPolicy,
      };
    }

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Báo cáo CNTT',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: siteOrigin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headersPolicy,
        compress: true,
      },
      additionalBehaviors,
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: props.logsBucket,
      logFilePrefix: 'cloudfront/',
      logIncludesCookies: false,
      ...(props.domain
        ? {
            domainNames: [...props.domain.names],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
            minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
          }
        : {}),
      ...(props.webAclArn ? { webAclId: props.webAclArn } : {}),
      ...(props.allowedCountries?.length
        ? { geoRestriction: GeoRestriction.allowlist(...props.allowedCountries) }
        : {}),
    });

    this.origin = `https://${props.domain?.names[0] ?? this.distribution.distributionDomainName}`;

    if (!props.domain) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR4',
        'No custom domain is configured, so the distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; pass a domain and ACM certificate to get TLSv1.2_2021.',
      );
    }
    if (!props.webAclArn) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'A CloudFront web ACL must live in us-east-1, outside this regional stack: prod gets one from its edge stack (infra/edgeStack.ts); a dev stage relies on per-route throttling and Cognito threat protection. Pass webAclArn to attach one.',
      );
    }
    if (!props.allowedCountries?.length) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR1',
        'Agency staff may report from abroad or over VPNs; access is decided by Cognito sign-in with MFA, not by geography. Pass allowedCountries to restrict it.',
      );
    }
  }

  /**
   * Uploads the site (or the placeholder) plus a `config.json` whose values are resolved at deploy time, and
   * invalidates the distribution. The hashed files under `assets/` go first and are cached for good; the rest
   * (index.html, the service worker, the manifest, config.json) is `no-cache`: browsers revalidate with the ETag.
   *
   * The copy runs in CDK's BucketDeployment provider, under a role of our own (logs to its own log group, no
   * AWS managed policy). BucketDeployment fixes its grants itself; each wildcard in them is acknowledged below.
   */
  deploy(
    webAssetPath: string,
    config: Readonly<Record<string, unknown>>,
    logRetention: RetentionDays = RetentionDays.ONE_MONTH,
  ): BucketDeployment {
    const logGroup = new LogGroup(this, 'DeploymentLogs', {
      retention: logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'DeploymentRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Copies the built site and config.json into the web bucket at deploy time',
    });
    logGroup.grantWrite(role);
    // The hashed files go first, in a deployment created first, whose layer the shared provider function uses:
    // the site deployment below can then depend on it without a cycle.
    const assets = join(webAssetPath, HASHED_ASSETS_DIR);
    const hashed =
      existsSync(join(webAssetPath, 'index.html')) && existsSync(assets)
        ? new BucketDeployment(this, 'HashedAssets', {
            sources: [Source.asset(assets)],
            destinationBucket: this.bucket,
            destinationKeyPrefix: `${HASHED_ASSETS_DIR}/`,
            // A tab opened before a deploy still loads its pages' chunks by their old names: keep them.
            prune: false,
            cacheControl: [CacheControl.fromString(IMMUTABLE_CACHE_CONTROL)],
            memoryLimit: 512,
            role,
            logGroup,
          })
        : undefined;
    const deployment = new BucketDeployment(this, 'Deployment', {
      sources: [siteSource(webAssetPath), Source.jsonData(CONFIG_FILE, config)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      // Excluded keys are also spared by the prune: the assets deployment owns them.
      exclude: [`${HASHED_ASSETS_DIR}/*`],
      cacheControl: [CacheControl.fromString(REVALIDATE_CACHE_CONTROL)],
      memoryLimit: 512,
      role,
      logGroup,
    });
    // Never an index.html that names a chunk not uploaded yet.
    if (hashed) deployment.node.addDependency(hashed);

    const synthesizer = Stack.of(this).synthesizer;
    const qualifier =
      (synthesizer instanceof DefaultStackSynthesizer ? synthesizer.bootstrapQualifier : undefined) ??
      DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    const findings: [string, string][] = [
      [
        'AwsSolutions-IAM5[Action::s3:GetObject*]',
        'BucketDeployment (aws-cdk-lib) reads the zipped site and config.json from the CDK asset bucket with its fixed s3:GetObject* grant; the role only runs during deployments.',
      ],
      [
        'AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'BucketDeployment (aws-cdk-lib) reads bucket metadata of the asset and web buckets with its fixed s3:GetBucket* grant; deploy time only.',
      ],
      [
        'AwsSolutions-IAM5[Action::s3:List*]',
        'BucketDeployment (aws-cdk-lib) lists the web bucket to prune files that left the build; its grant is fixed as s3:List*.',
      ],
      [
        'AwsSolutions-IAM5[Action::s3:Abort*]',
        'BucketDeployment (aws-cdk-lib) may abort its own multipart uploads of large site files; fixed s3:Abort* grant on the web bucket only.',
      ],
      [
        'AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'prune: BucketDeployment (aws-cdk-lib) deletes site files no longer in the build; fixed s3:DeleteObject* grant on the web bucket only.',
      ],
      [
        wildcardResourceFinding(
          this,
          `arn:${Stack.of(this).partition}:s3:::cdk-${qualifier}-assets-${Stack.of(this).account}-${Stack.of(this).region}/*`,
        ),
        'The site arrives as content-hashed objects in the CDK bootstrap asset bucket, whose keys are only known at synth.',
      ],
      [
        wildcardResourceFinding(this, this.bucket.arnForObjects('*')),
        'The deployment writes every file of the site into the web bucket, which holds nothing else.',
      ],
      [
        'AwsSolutions-IAM5[Resource::*]',
        'BucketDeployment (aws-cdk-lib) grants cloudfront:CreateInvalidation and GetInvalidation on * to invalidate the site after each deploy.',
      ],
    ];
    for (const [id, reason] of findings) acknowledge(role, id, reason);
    // The provider function is a singleton at the stack's root, named after its purpose.
    for (const provider of Stack.of(this).node.children.filter((c) =>
      c.node.id.startsWith('Custom::CDKBucketDeployment'),
    )) {
      acknowledge(
        provider,
        'AwsSolutions-L1',
        'The BucketDeployment provider runtime (Python) is pinned by aws-cdk-lib, not by this project; it runs only during deployments.',
      );
    }
    return deployment;
  }
}

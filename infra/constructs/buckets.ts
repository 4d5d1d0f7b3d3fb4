import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectLockRetention,
  ObjectOwnership,
  type CorsRule,
  type IBucket,
  type LifecycleRule,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { acknowledge } from './nag.ts';

export interface AccessLogTarget {
  readonly bucket: IBucket;
  /** Key prefix for this bucket's logs, ending in `/`. */
  readonly prefix: string;
}

export interface SecureBucketProps {
  /**
   * Where S3 server access logs go. Every bucket but the log bucket itself must set this.
   * @default - no server access logs
   */
  readonly accessLogs?: AccessLogTarget;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Empty the bucket when the stack deletes it. Only honoured with RemovalPolicy.DESTROY.
   * @default false
   */
  readonly autoDeleteObjects?: boolean;
  /**
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * How long overwritten or deleted versions stay. Only used when versioned.
   * @default Duration.days(90)
   */
  readonly noncurrentVersionExpiration?: Duration;
  /**
   * Rules on top of the defaults (abort incomplete multipart uploads after a day; expire old versions).
   * @default - the defaults only
   */
  readonly extraLifecycleRules?: readonly LifecycleRule[];
  /**
   * @default - no CORS
   */
  readonly cors?: readonly CorsRule[];
  /**
   * A fixed name, for buckets whose endpoint must be known before the bucket exists (the site's CSP).
   * @default - a generated name
   */
  readonly bucketName?: string;
  /**
   * ACLs stay disabled unless a service that still writes with ACLs (CloudFront standard logging) needs them.
   * @default ObjectOwnership.BUCKET_OWNER_ENFORCED
   */
  readonly objectOwnership?: ObjectOwnership;
  /**
   * Turns on S3 Object Lock with a default retention: no version can be deleted for this long (in governance
   * mode, except by a principal with s3:BypassGovernanceRetention). Noncurrent versions are then kept at
   * least as long, so the lifecycle never tries to expire a version under retention.
   * @default - no Object Lock
   */
  readonly objectLock?: { readonly mode: 'GOVERNANCE' | 'COMPLIANCE'; readonly retention: Duration };
}

/**
 * A private bucket with the security basics that are not optional here: SSE-S3 encryption, TLS 1.2+ only
 * (a bucket policy denies plain HTTP), all public access blocked, ACLs disabled, versioning, and a lifecycle
 * that clears incomplete multipart uploads and old versions.
 */
export class SecureBucket extends Bucket {
  constructor(scope: Construct, id: string, props: SecureBucketProps = {}) {
    const versioned = props.versioned ?? true;
    const lock = props.objectLock;
    const asked = props.noncurrentVersionExpiration ?? Duration.days(90);
    const noncurrent = lock && lock.retention.toDays() > asked.toDays() ? lock.retention : asked;
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const lifecycleRules: LifecycleRule[] = [
      { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ...(versioned
        ? [
            {
              id: 'expire-noncurrent-versions',
              noncurrentVersionExpiration: noncurrent,
            },
          ]
        : []),
      ...(props.extraLifecycleRules ?? []),
    ];
    super(scope, id, {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: props.objectOwnership ?? ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned,
      lifecycleRules,
      removalPolicy,
      autoDeleteObjects: removalPolicy === RemovalPolicy.DESTROY && (props.autoDeleteObjects ?? false),
      ...(props.accessLogs
        ? { serverAccessLogsBucket: props.accessLogs.bucket, serverAccessLogsPrefix: props.accessLogs.prefix }
        : {}),
      ...(props.cors ? { cors: [...props.cors] } : {}),
      ...(props.bucketName ? { bucketName: props.bucketName } : {}),
      ...(lock
        ? {
            objectLockEnabled: true,
            objectLockDefaultRetention:
              lock.mode === 'COMPLIANCE'
                ? ObjectLockRetention.compliance(lock.retention)
                : ObjectLockRetention.governance(lock.retention),
          }
        : {}),
    });
  }
}

export interface LogsBucketProps {
  /**
   * How long logs are kept.
   * @default Duration.days(365)
   */
  readonly expiration?: Duration;
  /**
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * @default false
   */
  readonly autoDeleteObjects?: boolean;
}

/** The target of every other bucket's server access logs and of CloudFront's standard logs. */
export class LogsBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: LogsBucketProps = {}) {
    super(scope, id, {
      versioned: false,
      // CloudFront standard logging writes with the awslogsdelivery account's ACL grant.
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      extraLifecycleRules: [{ id: 'expire-logs', expiration: props.expiration ?? Duration.days(365) }],
      ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}),
      ...(props.autoDeleteObjects !== undefined ? { autoDeleteObjects: props.autoDeleteObjects } : {}),
    });
    acknowledge(
      this,
      'AwsSolutions-S1',
      'This is the server access log bucket for the stack; logging its own writes into itself would loop, and a second log bucket would only move the finding.',
    );
  }
}

export interface EvidenceBucketProps extends Omit<
  SecureBucketProps,
  'cors' | 'versioned' | 'extraLifecycleRules'
> {
  /** Origins allowed to PUT (presigned upload) and GET (presigned download) from the browser. */
  readonly allowedOrigins: readonly string[];
  /**
   * A prefix where uploads wait until they are checked; objects left there expire.
   * @default - no such prefix, no expiry rule
   */
  readonly pendingPrefix?: string;
  /**
   * How long an unchecked upload may stay under `pendingPrefix`.
   * @default Duration.days(1)
   */
  readonly pendingExpiration?: Duration;
}

/** Agencies' evidence documents: versioned, uploaded and downloaded straight from the browser with presigned URLs. */
export class EvidenceBucket extends SecureBucket {
  constructor(scope: Construct, id: string, props: EvidenceBucketProps) {
    super(scope, id, {
      ...props,
      versioned: true,
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: [...props.allowedOrigins],
          allowedHeaders: ['content-type', 'content-md5', 'content-disposition', 'x-amz-*'],
          exposedHeaders: ['etag'],
          maxAge: 3000,
        },
      ],
      ...(props.pendingPrefix
        ? {
            extraLifecycleRules: [
              {
                id: 'expire-pending-uploads',
                prefix: props.pendingPrefix,
                expiration: props.pendingExpiration ?? Duration.days(1),
              },
            ],
          }
        : {}),
    });
  }
}

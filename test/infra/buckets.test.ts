import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EvidenceBucket, LogsBucket } from '../../infra/constructs/buckets.ts';
import { DEFAULT_EVIDENCE_OBJECT_LOCK } from '../../infra/stage.ts';
import { logicalIdOf, resourcesOf, synthStack, testApp } from './synth.ts';

const dev = synthStack('dev');
const prod = synthStack('prod');
const { stack, template } = dev;
const buckets = resourcesOf(template, 'AWS::S3::Bucket');
const policies = Object.values(resourcesOf(template, 'AWS::S3::BucketPolicy'));
const logsId = Object.keys(buckets).find((id) => id.startsWith('LogsBucket'))!;
const evidenceId = logicalIdOf(stack.data.evidence);
const reportsId = logicalIdOf(stack.data.reports);

type Statement = { Effect: string; Condition?: Record<string, Record<string, unknown>>; Resource: unknown };
const statementsFor = (bucketId: string): Statement[] =>
  policies
    .filter((p) => (p.Properties?.Bucket as { Ref: string }).Ref === bucketId)
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);

type LockJson = {
  ObjectLockEnabled?: string;
  Rule?: { DefaultRetention?: { Mode?: string; Days?: number } };
};
const lockOf = (bucket: { Properties?: Record<string, unknown> } | undefined) =>
  bucket?.Properties?.ObjectLockConfiguration as LockJson | undefined;

function construct(build: (scope: Stack) => void): Template {
  const stack = new Stack(testApp(), 'Test');
  build(stack);
  return Template.fromStack(stack);
}

describe('buckets', () => {
  it("has the five buckets: logs, web, evidence, reports and the audit log's anchors", () => {
    expect(Object.keys(buckets)).toHaveLength(5);
    expect(Object.keys(buckets)).toContain(logicalIdOf(stack.data.anchors));
  });

  it('denies every request that does not use TLS, on every bucket', () => {
    for (const id of Object.keys(buckets)) {
      const deny = statementsFor(id).find(
        (s) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false',
      );
      expect(deny, id).toBeDefined();
    }
  });

  it('denies TLS older than 1.2, on every bucket', () => {
    for (const id of Object.keys(buckets)) {
      const deny = statementsFor(id).find(
        (s) => s.Effect === 'Deny' && s.Condition?.NumericLessThan?.['s3:TlsVersion'] === 1.2,
      );
      expect(deny, id).toBeDefined();
    }
  });

  it('blocks all public access on every bucket', () => {
    for (const [id, b] of Object.entries(buckets)) {
      expect(b.Properties?.PublicAccessBlockConfiguration, id).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('encrypts every bucket at rest', () => {
    for (const [id, b] of Object.entries(buckets)) {
      expect(b.Properties?.BucketEncryption, id).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
    }
  });

  it('disables ACLs everywhere but the log bucket (CloudFront standard logging still writes with ACLs)', () => {
    for (const [id, b] of Object.entries(buckets)) {
      expect(b.Properties?.OwnershipControls, id).toEqual({
        Rules: [{ ObjectOwnership: id === logsId ? 'BucketOwnerPreferred' : 'BucketOwnerEnforced' }],
      });
    }
  });

  it('sends every other bucket’s server access logs to the log bucket', () => {
    for (const [id, b] of Object.entries(buckets)) {
      if (id === logsId) continue;
      expect(b.Properties?.LoggingConfiguration, id).toMatchObject({
        DestinationBucketName: { Ref: logsId },
      });
    }
  });

  it('versions the evidence and reports buckets', () => {
    for (const id of [evidenceId, reportsId]) {
      expect(buckets[id]?.Properties?.VersioningConfiguration, id).toEqual({ Status: 'Enabled' });
    }
  });

  it('aborts incomplete multipart uploads after a day, on every bucket', () => {
    for (const [id, b] of Object.entries(buckets)) {
      const rules = (b.Properties?.LifecycleConfiguration as { Rules: Record<string, unknown>[] }).Rules;
      expect(rules, id).toContainEqual(
        expect.objectContaining({
          AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
          Status: 'Enabled',
        }),
      );
    }
  });

  it('expires old versions of evidence and reports after the stage’s period (7 days dev, 90 prod), evidence never under retention', () => {
    for (const [t, days] of [
      [dev, 7],
      [prod, 90],
    ] as const) {
      const all = resourcesOf(t.template, 'AWS::S3::Bucket');
      for (const id of [logicalIdOf(t.stack.data.evidence), logicalIdOf(t.stack.data.reports)]) {
        const retention = lockOf(all[id])?.Rule?.DefaultRetention?.Days ?? 0;
        const rules = (all[id]?.Properties?.LifecycleConfiguration as { Rules: unknown[] }).Rules;
        expect(rules, id).toContainEqual(
          expect.objectContaining({
            NoncurrentVersionExpiration: { NoncurrentDays: Math.max(days, retention) },
          }),
        );
      }
    }
  });

  it('expires logs after the stage’s period', () => {
    const rules = (buckets[logsId]?.Properties?.LifecycleConfiguration as { Rules: unknown[] }).Rules;
    expect(rules).toContainEqual(expect.objectContaining({ ExpirationInDays: 30 }));
  });

  it('lets only the site’s origin PUT and GET evidence from the browser (presigned URLs)', () => {
    expect(buckets[evidenceId]?.Properties?.CorsConfiguration).toEqual({
      CorsRules: [
        {
          AllowedMethods: ['PUT', 'GET', 'HEAD'],
          AllowedOrigins: [
            {
              'Fn::Join': [
                '',
                ['https://', { 'Fn::GetAtt': [logicalIdOf(stack.site.distribution), 'DomainName'] }],
              ],
            },
          ],
          AllowedHeaders: ['content-type', 'content-md5', 'content-disposition', 'x-amz-*'],
          ExposedHeaders: ['etag'],
          MaxAge: 3000,
        },
      ],
    });
  });

  it('has no Object Lock on evidence in dev, which must be removable with its data', () => {
    expect(buckets[evidenceId]?.Properties?.ObjectLockEnabled).toBeUndefined();
  });

  it('locks every evidence version in prod: Object Lock with the stage’s mode and retention (10 years, governance)', () => {
    const evidence = resourcesOf(prod.template, 'AWS::S3::Bucket')[logicalIdOf(prod.stack.data.evidence)];
    expect(evidence?.Properties?.ObjectLockEnabled).toBe(true);
    expect(lockOf(evidence)).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: {
        DefaultRetention: {
          Mode: DEFAULT_EVIDENCE_OBJECT_LOCK.mode,
          Days: DEFAULT_EVIDENCE_OBJECT_LOCK.retention.toDays(),
        },
      },
    });
    expect(evidence?.Properties?.VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  it('never lets the prod lifecycle expire an evidence version still under retention', () => {
    const evidence = resourcesOf(prod.template, 'AWS::S3::Bucket')[logicalIdOf(prod.stack.data.evidence)];
    const retention = lockOf(evidence)!.Rule!.DefaultRetention!.Days!;
    const rules = (evidence?.Properties?.LifecycleConfiguration as { Rules: Record<string, unknown>[] })
      .Rules;
    for (const rule of rules) {
      // Expiring a current version only adds a delete marker, which a locked version survives; still, none does.
      expect(rule.ExpirationInDays, String(rule.Id)).toBeUndefined();
      const noncurrent = (rule.NoncurrentVersionExpiration as { NoncurrentDays?: number } | undefined)
        ?.NoncurrentDays;
      if (noncurrent !== undefined) expect(noncurrent, String(rule.Id)).toBeGreaterThanOrEqual(retention);
    }
  });

  it('turns on Object Lock in governance mode with the default retention asked for', () => {
    const t = construct((scope) => {
      const logs = new LogsBucket(scope, 'Logs');
      new EvidenceBucket(scope, 'Evidence', {
        allowedOrigins: ['https://example.org'],
        accessLogs: { bucket: logs, prefix: 's3/evidence/' },
        objectLock: { mode: 'GOVERNANCE', retention: Duration.days(400) },
      });
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 400 } },
      },
    });
  });

  it('expires uploads left under a pending prefix, when one is used', () => {
    const t = construct((scope) => {
      new EvidenceBucket(scope, 'Evidence', {
        allowedOrigins: ['https://example.org'],
        pendingPrefix: 'evidence/pending/',
      });
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: [
          { Id: 'abort-incomplete-multipart-uploads' },
          { Id: 'expire-noncurrent-versions' },
          {
            Id: 'expire-pending-uploads',
            Prefix: 'evidence/pending/',
            ExpirationInDays: 1,
            Status: 'Enabled',
          },
        ],
      },
    });
  });
});

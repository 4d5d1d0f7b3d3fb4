import { Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { buildTestApp } from './synth.ts';

function acknowledgements(
  app: ReturnType<typeof buildTestApp>['app'],
): { path: string; id: string; reason: string }[] {
  return app.node.findAll().flatMap((c) =>
    c.node.metadata
      .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((m) =>
        Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({
          path: c.node.path,
          id,
          reason,
        })),
      ),
  );
}

const apps = { dev: buildTestApp('dev').app, prod: buildTestApp('prod').app };

describe('cdk-nag AwsSolutions runs inside the app', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`synthesises the real ${stage} app with zero unacknowledged findings`, () => {
      const app = apps[stage];
      expect(() => app.synth()).not.toThrow();
      expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    });
  }

  it('fails synth on a finding nobody acknowledged', () => {
    const { app, stack } = buildTestApp('dev');
    new Bucket(stack, 'Careless');
    expect(() => app.synth()).toThrow(
      /AwsSolutions-S1[\s\S]*AwsSolutions-S10|AwsSolutions-S10[\s\S]*AwsSolutions-S1/,
    );
  });

  it('acknowledges one rule or one finding at a time, each with a reason of its own', () => {
    const acks = acknowledgements(apps.prod);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[[^\]]+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
    }
  });

  it('needs no CloudFront acknowledgement once a domain, a web ACL and a country allowlist are given', () => {
    const { app } = buildTestApp('prod', {
      stackProps: {
        siteDomain: {
          names: ['baocao.example.gov.vn'],
          certificateArn:
            'arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000',
        },
        webAclArn:
          'arn:aws:wafv2:us-east-1:111111111111:global/webacl/baocao/00000000-0000-0000-0000-000000000000',
        allowedCountries: ['VN'],
      },
    });
    expect(() => app.synth()).not.toThrow();
    const ids = acknowledgements(app).map((a) => a.id);
    expect(ids.filter((id) => /AwsSolutions-CFR\d/.test(id))).toEqual([]);
  });
});

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

describe('cdk-nag AwsSolutions runs inside the app', () => {
  for (const stage of ['dev', 'prod'] as const) {
    it(`synthesises the real ${stage} app with zero unacknowledged findings`, () => {
      const { app } = buildTestApp(stage);
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
    const { app } = buildTestApp('prod');
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const ack of acks) {
      expect(ack.id, ack.path).toMatch(/^(Annotation::)?AwsSolutions-[A-Z]+\d+(\[[^\]]+\])?$/);
      expect(ack.reason.length, `${ack.path} ${ack.id}`).toBeGreaterThan(40);
    }
  });
});

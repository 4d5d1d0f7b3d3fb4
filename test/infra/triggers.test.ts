import { describe, expect, it } from 'vitest';
import { uploadTriggers } from '#shared/jobs';
import { logicalIdOf, resourcesOf, synthStack } from './synth.ts';

const { stack, template } = synthStack('dev');

describe('upload triggers', () => {
  it('sends ObjectCreated under evidence/ to the function that verifies uploads, and nothing else', () => {
    const notifications = Object.values(resourcesOf(template, 'Custom::S3BucketNotifications'));
    expect(notifications).toHaveLength(1);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a CloudFormation property bag
    const config = (notifications[0]!.Properties as any).NotificationConfiguration;
    expect(config.LambdaFunctionConfigurations).toHaveLength(uploadTriggers.length);
    const [only] = config.LambdaFunctionConfigurations;
    expect(only.Events).toEqual(['s3:ObjectCreated:*']);
    expect(only.Filter.Key.FilterRules).toEqual([{ Name: 'prefix', Value: 'evidence/' }]);
    const fn = stack.triggers.get('evidenceUploaded')!;
    expect(only.LambdaFunctionArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] });
    expect((notifications[0]!.Properties as Record<string, unknown>).BucketName).toEqual({
      Ref: logicalIdOf(stack.data.evidence),
    });
  });
});

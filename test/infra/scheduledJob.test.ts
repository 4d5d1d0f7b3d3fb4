import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { ScheduledJob } from '../../infra/constructs/scheduledJob.ts';
import { logicalIdOf, onlyResourceOf, resourcesOf, testApp } from './synth.ts';

const ROLLUP = { expression: 'cron(30 0 1 2 ? *)', timeZone: 'Asia/Ho_Chi_Minh' } as const;

function build(schedule: { expression: string; timeZone: string } = ROLLUP) {
  const stack = new Stack(testApp(), 'JobTest');
  const fn = new Function(stack, 'TestFunction', {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => ({ ok: true });'),
  });
  const topic = new Topic(stack, 'Alarms');
  const job = new ScheduledJob(stack, 'Rollup', {
    fn,
    schedule,
    alarmTopic: topic,
    maxEventAge: Duration.hours(2),
  });
  return { stack, fn, topic, job, template: Template.fromStack(stack) };
}

const { fn, topic, job, template } = build();
const [, schedule] = onlyResourceOf(template, 'AWS::Scheduler::Schedule');
const target = schedule.Properties?.Target as Record<string, unknown>;

describe('ScheduledJob', () => {
  it('runs on the expression, read in the row’s time zone', () => {
    expect(schedule.Properties).toMatchObject({
      ScheduleExpression: 'cron(30 0 1 2 ? *)',
      ScheduleExpressionTimezone: 'Asia/Ho_Chi_Minh',
      FlexibleTimeWindow: { Mode: 'OFF' },
      State: 'ENABLED',
    });
  });

  it('invokes the function', () => {
    expect(target.Arn).toEqual({ 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] });
  });

  it('retries delivery with a bounded retry policy', () => {
    expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 7200 });
  });

  it('dead-letters undeliverable invocations to its queue', () => {
    expect(target.DeadLetterConfig).toEqual({
      Arn: { 'Fn::GetAtt': [logicalIdOf(job.deadLetterQueue), 'Arn'] },
    });
  });

  it('dead-letters runs that still fail after Lambda’s retries to the same queue', () => {
    expect(onlyResourceOf(template, 'AWS::Lambda::EventInvokeConfig')[1].Properties).toMatchObject({
      FunctionName: { Ref: logicalIdOf(fn) },
      MaximumRetryAttempts: 2,
      DestinationConfig: {
        OnFailure: { Destination: { 'Fn::GetAtt': [logicalIdOf(job.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('encrypts the dead-letter queue and accepts only TLS', () => {
    expect(onlyResourceOf(template, 'AWS::SQS::Queue')[1].Properties).toMatchObject({
      SqsManagedSseEnabled: true,
    });
    const [, policy] = onlyResourceOf(template, 'AWS::SQS::QueuePolicy');
    expect((policy.Properties?.PolicyDocument as { Statement: unknown[] }).Statement).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('lets the scheduler invoke only this function and write only to this queue', () => {
    const roleId = logicalIdOf(job.schedulerRole);
    const [, policy] = Object.entries(resourcesOf(template, 'AWS::IAM::Policy')).find(([, p]) =>
      JSON.stringify(p.Properties?.Roles).includes(roleId),
    )!;
    const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: unknown }[] }).Statement;
    expect(statements.map((s) => s.Action)).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
  });

  it('alarms when the dead-letter queue holds anything', () => {
    const alarm = resourcesOf(template, 'AWS::CloudWatch::Alarm')[logicalIdOf(job.deadLetterAlarm)];
    expect(alarm?.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalIdOf(topic) }],
    });
  });

  it('alarms when the job’s function fails', () => {
    const alarm = resourcesOf(template, 'AWS::CloudWatch::Alarm')[logicalIdOf(job.failureAlarm)];
    expect(alarm?.Properties).toMatchObject({
      MetricName: 'Errors',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalIdOf(fn) } }],
      Threshold: 1,
      AlarmActions: [{ Ref: logicalIdOf(topic) }],
    });
  });

  it('refuses an expression that is not cron(), rate() or at()', () => {
    expect(() => build({ expression: '30 0 1 2 ? *', timeZone: 'Asia/Ho_Chi_Minh' })).toThrow(
      /cron\(\), rate\(\) or at\(\)/,
    );
  });
});

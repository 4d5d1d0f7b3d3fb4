import { describe, expect, it } from 'vitest';
import { logicalIdOf, onlyResourceOf, resourcesOf, synthStack } from './synth.ts';

const { stack, template } = synthStack('dev');
const alarms = Object.entries(resourcesOf(template, 'AWS::CloudWatch::Alarm'));
const topicId = logicalIdOf(stack.alerts.topic);

/** Alarms whose metric math sums the function's errors and throttles. */
const failureAlarmsOn = (functionId: string) =>
  alarms.filter(([, a]) => {
    const metrics = (a.Properties?.Metrics ?? []) as {
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: unknown } };
    }[];
    const on = (name: string) =>
      metrics.some(
        (m) =>
          m.MetricStat?.Metric.MetricName === name &&
          JSON.stringify(m.MetricStat.Metric.Dimensions) ===
            JSON.stringify([{ Name: 'FunctionName', Value: { Ref: functionId } }]),
      );
    return metrics.some((m) => m.Expression === 'errors + throttles') && on('Errors') && on('Throttles');
  });

describe('alarms', () => {
  it('publishes to an SNS topic encrypted with a rotated KMS key', () => {
    const [, topic] = onlyResourceOf(template, 'AWS::SNS::Topic');
    expect(topic.Properties?.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [logicalIdOf(stack.alerts.key), 'Arn'],
    });
    const key = resourcesOf(template, 'AWS::KMS::Key')[logicalIdOf(stack.alerts.key)]!;
    expect(key.Properties?.EnableKeyRotation).toBe(true);
  });

  it('lets the topic accept only TLS publishers', () => {
    const [, policy] = onlyResourceOf(template, 'AWS::SNS::TopicPolicy');
    const statements = (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] })
      .Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
  });

  it('lets CloudWatch encrypt what it publishes to the topic', () => {
    const key = resourcesOf(template, 'AWS::KMS::Key')[logicalIdOf(stack.alerts.key)]!;
    const statements = (key.Properties?.KeyPolicy as { Statement: Record<string, unknown>[] }).Statement;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      }),
    );
  });

  it('alarms on errors or throttles of every route’s function, one alarm each', () => {
    for (const [routeId, fn] of stack.api.functions) {
      const found = failureAlarmsOn(logicalIdOf(fn));
      expect(found, routeId).toHaveLength(1);
      expect(found[0]![1].Properties).toMatchObject({ Threshold: 1, EvaluationPeriods: 1 });
      expect(found[0]![1].Properties?.AlarmActions).toHaveLength(1);
    }
  });

  it('alarms when more than 5% of API requests end in a 5xx for 15 minutes', () => {
    const [, rate] = alarms.find(([id]) => id.startsWith('AlertsApi5xxRate'))!;
    expect(rate.Properties).toMatchObject({
      Threshold: 5,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    const metrics = rate.Properties?.Metrics as {
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe(
      'IF(requests > 0, 100 * errors / requests, 0)',
    );
    expect(metrics.flatMap((m) => (m.MetricStat ? [m.MetricStat.Metric.MetricName] : [])).sort()).toEqual([
      '5xx',
      'Count',
    ]);
  });

  it('sends every alarm to the topic', () => {
    for (const [id, alarm] of alarms) expect(alarm.Properties?.AlarmActions, id).toEqual([{ Ref: topicId }]);
  });
});

import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { AUDIT_METRICS } from '#shared/domain/auditChain';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertsProps {
  /**
   * An address that receives every alarm (it must confirm the subscription).
   * @default - no subscription; subscribe to the topic by hand
   */
  readonly email?: string;
  /**
   * For the topic's KMS key.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Alarm when more than this share of API requests end in a 5xx, in percent, over three 5-minute periods.
   * @default 5
   */
  readonly api5xxRatePercent?: number;
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Where alarms go: an SNS topic encrypted with its own KMS key (rotated yearly) that only accepts TLS
 * publishers, plus helpers that create the alarms this system needs and point them at it.
 */
export class Alerts extends Construct {
  readonly topic: Topic;
  readonly key: Key;
  private readonly action: SnsAction;
  private readonly ratePercent: number;

  constructor(scope: Construct, id: string, props: AlertsProps = {}) {
    super(scope, id);
    this.ratePercent = props.api5xxRatePercent ?? 5;
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the Báo cáo CNTT alarm topic',
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    const cloudwatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    // CloudWatch encrypts what it publishes to the topic with this key.
    this.key.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: 'Báo cáo CNTT alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [cloudwatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
    );
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  /** Sends the alarm's ALARM and OK transitions to the topic. */
  notify(alarm: Alarm): void {
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
  }

  /**
   * Any error or throttle of the function within five minutes, as one alarm: with one function per route, two
   * alarms each were a fifth of the stack's 500-resource limit (infra/README.md, "Resource budget").
   */
  watchFunction(fn: IFunction, label: string): Alarm {
    const failed = new Alarm(this, `${label}Failures`, {
      alarmDescription: `${label}: the function failed (unhandled error or timeout) or was throttled.`,
      metric: new MathExpression({
        expression: 'errors + throttles',
        label: `${label} errors + throttles`,
        period: FIVE_MINUTES,
        usingMetrics: {
          errors: fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' }),
          throttles: fn.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum' }),
        },
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.notify(failed);
    return failed;
  }

  /**
   * Any audit chain that fails verification (a request for one unit's chains, or the daily anchoring job's
   * check of the whole year) raises this at once: the log may have been tampered with.
   */
  watchAuditLog(): Alarm {
    const alarm = new Alarm(this, 'AuditVerificationFailed', {
      alarmDescription:
        'An audit chain failed verification against its anchors: the log may have been tampered with.',
      metric: new Metric({
        namespace: AUDIT_METRICS.namespace,
        metricName: AUDIT_METRICS.verificationFailed,
        dimensionsMap: { service: AUDIT_METRICS.service },
        statistic: 'Sum',
        period: FIVE_MINUTES,
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.notify(alarm);
    return alarm;
  }

  /** The share of the stage's requests that end in a 5xx, over three 5-minute periods. */
  watchApi(stage: HttpStage): Alarm {
    const rate = new MathExpression({
      label: 'API 5xx rate (%)',
      expression: 'IF(requests > 0, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: stage.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' }),
        requests: stage.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' }),
      },
      period: FIVE_MINUTES,
    });
    const alarm = new Alarm(this, 'Api5xxRate', {
      alarmDescription: `More than ${this.ratePercent}% of API requests ended in a 5xx for 15 minutes.`,
      metric: rate,
      threshold: this.ratePercent,
      evaluationPeriods: 3,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.notify(alarm);
    return alarm;
  }
}

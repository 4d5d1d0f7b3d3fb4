import { Aws, Duration, TimeZone } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Schedule, ScheduleExpression, TimeWindow } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { JobSchedule } from '#shared/jobs';
import { acknowledge, wildcardResourceFinding } from './nag.ts';

const EXPRESSION = /^(cron|rate|at)\(.+\)$/;

export interface ScheduledJobProps {
  /** The function the schedule invokes. Its asynchronous-invocation settings are set here too. */
  readonly fn: IFunction;
  /** A job row's schedule: expression and IANA time zone. */
  readonly schedule: JobSchedule;
  /**
   * @default - no description
   */
  readonly description?: string;
  /**
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * How often the scheduler retries an invocation Lambda refused (throttled, unavailable).
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * How long the scheduler keeps trying to hand an invocation over.
   * @default Duration.hours(6)
   */
  readonly maxEventAge?: Duration;
  /**
   * How often Lambda reruns a run that failed (the function threw or timed out). Jobs must be idempotent.
   * @default 2
   */
  readonly runRetryAttempts?: number;
  /**
   * Where the dead-letter alarm and the failure alarm go.
   * @default - alarms without actions
   */
  readonly alarmTopic?: ITopic;
}

/**
 * A function run on an EventBridge Scheduler schedule, with nothing lost silently: invocations the scheduler
 * cannot deliver, and runs that still fail after Lambda's retries, both land in one encrypted, TLS-only
 * dead-letter queue, and alarms fire on the queue's depth and on the function's errors.
 */
export class ScheduledJob extends Construct {
  readonly schedule: Schedule;
  /** What the scheduler assumes to invoke the function and to write to the dead-letter queue. */
  readonly schedulerRole: Role;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly failureAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    if (!EXPRESSION.test(props.schedule.expression)) {
      throw new Error(
        `Schedule ${JSON.stringify(props.schedule.expression)} is not a cron(), rate() or at() expression.`,
      );
    }

    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(
      this.deadLetterQueue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of the schedule and of the function’s asynchronous invocations.',
    );

    props.fn.configureAsyncInvoke({
      retryAttempts: props.runRetryAttempts ?? 2,
      onFailure: new SqsDestination(this.deadLetterQueue),
    });

    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: `Lets EventBridge Scheduler run ${id}`,
    });
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.expression(
        props.schedule.expression,
        TimeZone.of(props.schedule.timeZone),
      ),
      target: new LambdaInvoke(props.fn, {
        role: this.schedulerRole,
        deadLetterQueue: this.deadLetterQueue,
        retryAttempts: props.retryAttempts ?? 3,
        maxEventAge: props.maxEventAge ?? Duration.hours(6),
      }),
      timeWindow: TimeWindow.off(),
      enabled: props.enabled ?? true,
      ...(props.description ? { description: props.description } : {}),
    });

    acknowledge(
      this.schedulerRole,
      wildcardResourceFinding(this, `${props.fn.functionArn}:*`),
      'LambdaInvoke grants lambda:InvokeFunction on the function and its qualified ARNs (`:*`, versions and aliases) of this one function only.',
    );

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterAlarm', {
      alarmDescription: `${id}: a run was lost or failed after every retry; its event is in the dead-letter queue.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.failureAlarm = new Alarm(this, 'FailureAlarm', {
      alarmDescription: `${id}: the job's function failed.`,
      metric: props.fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      const action = new SnsAction(props.alarmTopic);
      for (const alarm of [this.deadLetterAlarm, this.failureAlarm]) {
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
      }
    }
  }
}

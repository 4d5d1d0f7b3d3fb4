import { Aws, CfnOutput, Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { EventType, HttpMethods } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { ORIGIN_VERIFY_HEADER } from '#shared/http/originCheck';
import {
  DEFAULT_JOB_MEMORY,
  jobNodeFlags,
  jobs as jobTable,
  uploadTriggers as uploadTriggerTable,
  type Job,
  type UploadTrigger,
} from '#shared/jobs';
import { routes as routeTable, type Route } from '#shared/contract/routes';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { DataResources, MailResources } from './constructs/bind.ts';
import { bindAccess } from './constructs/bind.ts';
import { Alerts } from './constructs/alerts.ts';
import { acknowledgeNotificationsHandler } from './constructs/nag.ts';
import { EvidenceBucket, LogsBucket, SecureBucket } from './constructs/buckets.ts';
import { DataTable } from './constructs/dataTable.ts';
import { HandlerFunction } from './constructs/handlerFunction.ts';
import { RouteApi } from './constructs/routeApi.ts';
import { ScheduledJob } from './constructs/scheduledJob.ts';
import { StaticSite, type SiteDomain } from './constructs/staticSite.ts';
import { UserDirectory } from './constructs/userDirectory.ts';
import { acknowledge } from './constructs/nag.ts';
import { DEFAULT_WEB_ASSET_PATH } from './paths.ts';
import type { EvidenceObjectLock, StageSettings } from './stage.ts';

const NAME_PREFIX = /^[a-z][a-z0-9-]{1,18}[a-z0-9]$/;

export interface BaoCaoStackProps extends StackProps {
  readonly stage: StageSettings;
  /**
   * Rows to serve; any number, read as they are.
   * @default the route table in shared/contract/routes.ts
   */
  readonly routes?: readonly Route[];
  /**
   * @default the job table in shared/jobs.ts
   */
  readonly jobs?: readonly Job[];
  /**
   * @default the upload triggers in shared/jobs.ts
   */
  readonly uploadTriggers?: readonly UploadTrigger[];
  /**
   * The built site (`npm run build:web`). A folder without index.html deploys a placeholder page instead.
   * @default web/dist
   */
  readonly webAssetPath?: string;
  /**
   * @default - no subscription to the alarm topic
   */
  readonly alarmEmail?: string;
  /**
   * Object Lock on the evidence bucket: its mode and default retention.
   * @default - the stage's (`StageSettings.evidenceObjectLock`: none in dev, 10 years governance in prod)
   */
  readonly evidenceObjectLock?: EvidenceObjectLock;
  /**
   * @default - the distribution's *.cloudfront.net name
   */
  readonly siteDomain?: SiteDomain;
  /**
   * @default - no WAF web ACL on the distribution
   */
  readonly webAclArn?: string;
  /**
   * @default - no geographic restriction
   */
  readonly allowedCountries?: readonly string[];
  /**
   * The address reminders are sent from. The stack makes an SES identity for its domain (Easy DKIM: the three
   * CNAME records to publish are stack outputs); until SES grants production access, SES sends only to
   * verified addresses (infra/README.md).
   * @default - no sender: reminders are planned, audited and listed as failed ("no sender"), never sent
   */
  readonly reminderSender?: string;
  /**
   * Prefix for the names that must be fixed in advance (evidence bucket, hosted UI domain); lower case.
   * @default `baocao-${stage}`
   */
  readonly namePrefix?: string;
}

/**
 * Báo cáo CNTT in one stack: the site and the API on one CloudFront origin, Cognito, one function per route
 * and per job, the table, the buckets, and alarms.
 *
 * The API is served under the site's origin (`/api/*` goes to the API stage `api`). A cross-origin API would
 * need its CORS rule to name the distribution and the distribution's CSP to name the API, a cycle
 * CloudFormation cannot create in one deployment; on one origin the CSP's `'self'` covers the API and no CORS
 * is needed at all. The evidence bucket's name is fixed in advance for the same reason: its CORS rule names
 * the site and the site's CSP names its endpoint.
 */
export class BaoCaoStack extends Stack {
  readonly api: RouteApi;
  readonly site: StaticSite;
  readonly users: UserDirectory;
  readonly alerts: Alerts;
  readonly data: DataResources;
  /** What CloudFront sends the API so that the API can tell it from a direct call (shared/http/originCheck.ts). */
  readonly originSecret: Secret;
  /** The SES identity of the reminder sender's domain, when one is configured. */
  senderIdentity?: EmailIdentity;

  private mailResources(sender: string | undefined): MailResources {
    const siteUrl = this.site.origin;
    if (!sender) return { siteUrl };
    const domain = /^[^@\s]+@([a-z0-9.-]+\.[a-z]{2,})$/i.exec(sender)?.[1];
    if (!domain) throw new Error(`reminderSender ${sender} is not an email address.`);
    this.senderIdentity = new EmailIdentity(this, 'ReminderSender', { identity: Identity.domain(domain) });
    return { siteUrl, sender: { address: sender, identityArn: this.senderIdentity.emailIdentityArn } };
  }
  readonly jobs = new Map<string, { fn: HandlerFunction; job: ScheduledJob }>();
  readonly triggers = new Map<string, HandlerFunction>();

  constructor(scope: Construct, id: string, props: BaoCaoStackProps) {
    super(scope, id, { terminationProtection: props.stage.deletionProtection, ...props });
    const { stage } = props;
    const prefix = props.namePrefix ?? `baocao-${stage.name}`;
    if (!NAME_PREFIX.test(prefix)) throw new Error(`namePrefix ${prefix} must match ${NAME_PREFIX}.`);
    Tags.of(this).add('project', 'bao-cao-cntt');
    Tags.of(this).add('stage', stage.name);
    const lifecycle = { removalPolicy: stage.removalPolicy, autoDeleteObjects: stage.autoDeleteObjects };
    const logs = { logRetention: stage.logRetention, logRemovalPolicy: stage.removalPolicy };

    this.alerts = new Alerts(this, 'Alerts', {
      removalPolicy: stage.removalPolicy,
      ...(props.alarmEmail ? { email: props.alarmEmail } : {}),
    });
    const logsBucket = new LogsBucket(this, 'LogsBucket', {
      expiration: stage.accessLogExpiration,
      ...lifecycle,
    });
    const table = new DataTable(this, 'Data', {
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    }).table;

    // Names the CSP needs before the resources exist (see the class comment).
    const evidenceBucketName = `${prefix}-evidence-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const evidenceOrigin = `https://${evidenceBucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    // The rollup's files: the admin's console fetches them and frames the HTML report from presigned links.
    const reportsBucketName = `${prefix}-reports-${Aws.ACCOUNT_ID}-${Aws.REGION}`;
    const reportsOrigin = `https://${reportsBucketName}.s3.${Aws.REGION}.${Aws.URL_SUFFIX}`;
    const hostedUiPrefix = `${prefix}-${Aws.ACCOUNT_ID}`;
    const hostedUiUrl = `https://${hostedUiPrefix}.auth.${Aws.REGION}.amazoncognito.com`;

    this.originSecret = new Secret(this, 'OriginSecret', {
      description: 'Sent by CloudFront to the API origin; the API refuses requests without it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy: stage.removalPolicy,
    });
    acknowledge(
      this.originSecret,
      'AwsSolutions-SMG4',
      'The value lives in the distribution and the route functions, both set at deploy time; rotating it is a redeploy after `aws secretsmanager rotate-secret` (infra/README.md), not a rotation Lambda.',
    );
    this.api = new RouteApi(this, 'Api', logs);
    this.site = new StaticSite(this, 'Site', {
      logsBucket,
      // Presigned uploads and downloads go straight to S3; the browser exchanges its code at the hosted UI.
      connectSources: [evidenceOrigin, reportsOrigin, hostedUiUrl],
      // A verified image and the rollup's HTML report show in sandboxed frames of their presigned links.
      frameSources: [evidenceOrigin, reportsOrigin],
      api: {
        domainName: this.api.originDomainName,
        pathPattern: `/${this.api.stage.stageName}/*`,
        originHeaders: { [ORIGIN_VERIFY_HEADER]: this.originSecret.secretValue.unsafeUnwrap() },
      },
      ...lifecycle,
      ...(props.siteDomain ? { domain: props.siteDomain } : {}),
      ...(props.webAclArn ? { webAclArn: props.webAclArn } : {}),
      ...(props.allowedCountries ? { allowedCountries: props.allowedCountries } : {}),
    });

    const evidence = new EvidenceBucket(this, 'EvidenceBucket', {
      bucketName: evidenceBucketName,
      allowedOrigins: [this.site.origin],
      accessLogs: { bucket: logsBucket, prefix: 's3/evidence/' },
      noncurrentVersionExpiration: stage.noncurrentVersionExpiration,
      ...lifecycle,
      ...((props.evidenceObjectLock ?? stage.evidenceObjectLock)
        ? { objectLock: props.evidenceObjectLock ?? stage.evidenceObjectLock }
        : {}),
    });
    const reports = new SecureBucket(this, 'ReportsBucket', {
      bucketName: reportsBucketName,
      cors: [
        {
          allowedMethods: [HttpMethods.GET, HttpMethods.HEAD],
          allowedOrigins: [this.site.origin],
          allowedHeaders: [],
          maxAge: 3000,
        },
      ],
      accessLogs: { bucket: logsBucket, prefix: 's3/reports/' },
      noncurrentVersionExpiration: stage.noncurrentVersionExpiration,
      ...lifecycle,
    });
    const anchors = new SecureBucket(this, 'AnchorsBucket', {
      accessLogs: { bucket: logsBucket, prefix: 's3/anchors/' },
      noncurrentVersionExpiration: stage.noncurrentVersionExpiration,
      ...lifecycle,
      // Governance mode: an anchor cannot be overwritten or deleted early by any function role.
      ...(stage.auditAnchorRetention
        ? { objectLock: { mode: 'GOVERNANCE' as const, retention: stage.auditAnchorRetention } }
        : {}),
    });
    // HMAC keys cannot rotate automatically; the key never leaves KMS and only the anchoring job may MAC with it.
    const auditKey = new Key(this, 'AuditMacKey', {
      description: 'MACs the audit log anchors; GenerateMac for the anchoring job only',
      keySpec: KeySpec.HMAC_256,
      keyUsage: KeyUsage.GENERATE_VERIFY_MAC,
      removalPolicy: stage.removalPolicy,
    });
    acknowledge(
      auditKey,
      'AwsSolutions-KMS5',
      'KMS cannot rotate HMAC keys automatically; a new key would break the MACs of every anchor made before it. The key never leaves KMS and only the anchoring job may GenerateMac.',
    );
    this.data = {
      table,
      evidence,
      reports,
      anchors,
      auditKey,
      mail: this.mailResources(props.reminderSender),
    };

    this.users = new UserDirectory(this, 'Users', {
      siteOrigin: this.site.origin,
      domainPrefix: hostedUiPrefix,
      removalPolicy: stage.removalPolicy,
      deletionProtection: stage.deletionProtection,
    });

    const jobsScope = new Construct(this, 'Jobs');
    const jobRows: readonly Job[] = props.jobs ?? jobTable;
    for (const job of jobRows) {
      if (this.jobs.has(job.id)) throw new Error(`Job id ${job.id} appears twice in the job table.`);
      const fn = new HandlerFunction(jobsScope, `${job.id}Function`, {
        handler: job.handler,
        description: `Scheduled job ${job.id}: ${job.schedule.expression} (${job.schedule.timeZone})`,
        timeout: Duration.minutes(15),
        memorySize: (job.memory ?? DEFAULT_JOB_MEMORY).functionMiB,
        nodeFlags: jobNodeFlags(job),
        ...logs,
      });
      const scheduled = new ScheduledJob(jobsScope, job.id, {
        fn,
        schedule: job.schedule,
        description: `Báo cáo CNTT job ${job.id}`,
        alarmTopic: this.alerts.topic,
      });
      this.jobs.set(job.id, { fn, job: scheduled });
    }
    // Grants after every job function exists, since a job may start another (the rollup anchors the log).
    const jobFunctions = new Map([...this.jobs].map(([id, j]) => [id, j.fn]));
    for (const job of jobRows)
      bindAccess(this.jobs.get(job.id)!.fn, job.access, { ...this.data, jobs: jobFunctions });

    const triggersScope = new Construct(this, 'Triggers');
    for (const trigger of props.uploadTriggers ?? uploadTriggerTable) {
      const fn = new HandlerFunction(triggersScope, `${trigger.id}Function`, {
        handler: trigger.handler,
        description: `S3 trigger ${trigger.id}: ObjectCreated under ${trigger.bucket}/${trigger.prefix}`,
        timeout: Duration.minutes(5),
        memorySize: 1024,
        ...logs,
      });
      bindAccess(fn, trigger.access, this.data);
      this.data[trigger.bucket].addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(fn), {
        prefix: trigger.prefix,
      });
      this.alerts.watchFunction(fn, `Trigger-${trigger.id}`);
      this.triggers.set(trigger.id, fn);
    }
    acknowledgeNotificationsHandler(this);

    this.api.addRouteTable({
      routes: props.routes ?? routeTable,
      data: { ...this.data, jobs: jobFunctions },
      userPool: this.users.userPool,
      userPoolClient: this.users.webClient,
      originSecret: this.originSecret,
    });
    for (const [routeId, fn] of this.api.functions) this.alerts.watchFunction(fn, `Route-${routeId}`);
    this.alerts.watchApi(this.api.stage);
    this.alerts.watchAuditLog();

    const apiUrl = `${this.site.origin}/${this.api.stage.stageName}`;
    this.site.deploy(
      props.webAssetPath ?? DEFAULT_WEB_ASSET_PATH,
      {
        stage: stage.name,
        apiUrl,
        // web/src/config.ts: the sign-in provider, the same fields the local stack serves for its own.
        auth: {
          authority: this.users.issuerUrl,
          clientId: this.users.webClient.userPoolClientId,
          redirectUri: `${this.site.origin}/`,
          scope: UserDirectory.WEB_SCOPES.map((s) => s.scopeName).join(' '),
          endpoints: {
            authorization: `${this.users.hostedUiUrl}/oauth2/authorize`,
            token: `${this.users.hostedUiUrl}/oauth2/token`,
            endSession: `${this.users.hostedUiUrl}/logout`,
          },
        },
      },
      stage.logRetention,
    );

    new CfnOutput(this, 'SiteUrl', { value: this.site.origin });
    if (this.senderIdentity) {
      const identity = this.senderIdentity;
      ([1, 2, 3] as const).forEach(
        (n) =>
          new CfnOutput(this, `ReminderSenderDkim${n}`, {
            description: 'A CNAME to publish for the reminder sender domain (SES Easy DKIM)',
            value: `${identity[`dkimDnsTokenName${n}`]} CNAME ${identity[`dkimDnsTokenValue${n}`]}`,
          }),
      );
    }
    new CfnOutput(this, 'ApiUrl', { value: apiUrl });
    new CfnOutput(this, 'UserPoolId', { value: this.users.userPool.userPoolId });
    new CfnOutput(this, 'WebClientId', { value: this.users.webClient.userPoolClientId });
    new CfnOutput(this, 'HostedUiUrl', { value: this.users.hostedUiUrl });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alerts.topic.topicArn });
  }
}

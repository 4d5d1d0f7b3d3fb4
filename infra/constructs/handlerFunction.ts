import { join } from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { functionEntry, REPO_ROOT } from '../paths.ts';
import { acknowledge } from './nag.ts';

/** ESM bundles that pull in CommonJS dependencies need a real `require`. */
export const CREATE_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/**
 * Modules swapped at bundle time, shared with the bench's bundles (bench/lambdaBundle.ts): the SDK's default
 * credential chain becomes the environment provider, which is where Lambda puts a function's credentials.
 */
export const BUNDLE_ALIASES: Readonly<Record<string, string>> = {
  '@aws-sdk/credential-provider-node': join(REPO_ROOT, 'infra', 'lambdaCredentials.ts'),
};

export type PowertoolsLogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export interface HandlerFunctionProps {
  /** The module under functions/ that exports `handler` (a route or job row's `handler`). */
  readonly handler: string;
  /**
   * @default - no description
   */
  readonly description?: string;
  /**
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * @default Duration.seconds(10)
   */
  readonly timeout?: Duration;
  /**
   * How long the function's log group keeps events.
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * What happens to the function's log group when it leaves the stack.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
  /**
   * Powertools logger level.
   * @default 'INFO'
   */
  readonly logLevel?: PowertoolsLogLevel;
  /**
   * Node.js flags added to NODE_OPTIONS after `--enable-source-maps`.
   * @default - none
   */
  readonly nodeFlags?: readonly string[];
  /**
   * Extra environment variables. Table and bucket names are set by the bind* helpers, not here.
   * @default - only the defaults
   */
  readonly environment?: Readonly<Record<string, string>>;
}

/**
 * One Lambda function for one handler module under functions/, with every default in one place: arm64, the
 * newest Node.js runtime, an ESM bundle that carries its own AWS SDK, source maps, X-Ray, Powertools settings,
 * and a role and log group of its own. The role starts with nothing but writing to that log group; the
 * bind* helpers add the rest.
 */
export class HandlerFunction extends NodejsFunction {
  /** The newest Node.js runtime aws-cdk-lib offers; cdk-nag's AwsSolutions-L1 checks that it stays the newest. */
  static readonly RUNTIME = Runtime.NODEJS_24_X;
  static readonly ESBUILD_TARGET = 'node24';
  static readonly SERVICE_NAME = 'bao-cao-cntt';

  /** The function's own role, as a concrete Role (the base class only promises `IRole | undefined`). */
  readonly executionRole: Role;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps) {
    // The role and log group are siblings rather than children: a subclass cannot create children before super().
    const role = new Role(scope, `${id}Role`, {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs functions/${props.handler}.ts`,
    });
    const logGroup = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    super(scope, id, {
      entry: functionEntry(props.handler),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: join(REPO_ROOT, 'package-lock.json'),
      runtime: HandlerFunction.RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role,
      logGroup,
      ...(props.description ? { description: props.description } : {}),
      environment: {
        NODE_OPTIONS: ['--enable-source-maps', ...(props.nodeFlags ?? [])].join(' '),
        POWERTOOLS_SERVICE_NAME: HandlerFunction.SERVICE_NAME,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: HandlerFunction.ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        charset: Charset.UTF8,
        // Ship the SDK versions the tests ran against instead of the runtime's copy.
        bundleAwsSDK: true,
        externalModules: [],
        banner: CREATE_REQUIRE_BANNER,
        esbuildArgs: { '--alias': Object.entries(BUNDLE_ALIASES).map(([from, to]) => `${from}=${to}`) },
        tsconfig: join(REPO_ROOT, 'tsconfig.json'),
      },
    });
    this.executionRole = role;
    logGroup.grantWrite(role);
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      'Active X-Ray tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permissions.',
    );
  }
}

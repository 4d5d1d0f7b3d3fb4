import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import type { CfnStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
  type HttpRoute,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_ENV } from '#shared/http/originCheck';
import { isPublic, type Route } from '#shared/contract/routes';
import { bindAccess, type DataResources } from './bind.ts';
import { HandlerFunction } from './handlerFunction.ts';
import { acknowledge } from './nag.ts';

/** The fields of one access log line, as JSON; API Gateway fills in the `$context` values. */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  method: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integration.error',
  authorizerError: '$context.authorizer.error',
  errorMessage: '$context.error.message',
  sub: '$context.authorizer.claims.sub',
} as const;

export interface RouteTableOptions {
  /** The route table (or any list of its rows): one function and one route per row. */
  readonly routes: readonly Route[];
  readonly data: DataResources;
  /** Issues the ID tokens the JWT authorizer accepts. */
  readonly userPool: IUserPool;
  /** The web client: the authorizer's audience, since the site sends the ID token. */
  readonly userPoolClient: IUserPoolClient;
  /**
   * The value CloudFront adds to every request it forwards (shared/http/originCheck.ts); each function gets it
   * and refuses a request without it, so the execute-api URL called directly answers 403.
   */
  readonly originSecret: ISecret;
}

/** A throttling budget: steady requests per second and the burst above it. */
export interface ThrottleBudget {
  readonly rateLimit: number;
  readonly burstLimit: number;
}

export interface RouteApiProps {
  /**
   * The stage, which is also the first path segment (`/api/...`), so that the site can serve the API under
   * the same path on its own origin.
   * @default 'api'
   */
  readonly stageName?: string;
  /**
   * Each authenticated route's budget. API Gateway applies a stage's default route throttling to every route
   * on its own, so a flood of one route does not spend another's.
   * @default { rateLimit: 50, burstLimit: 100 }
   */
  readonly throttle?: ThrottleBudget;
  /**
   * Each public (anonymous) route's budget: small, since anyone may call them, and set per route so that
   * anonymous traffic never draws on the signed-in routes' budget.
   * @default { rateLimit: 10, burstLimit: 20 }
   */
  readonly anonymousThrottle?: ThrottleBudget;
  /**
   * Browser origins allowed to call the API directly. The site calls it through its own origin and needs none.
   * @default - no CORS configuration: browsers on other origins cannot read responses
   */
  readonly corsAllowedOrigins?: readonly string[];
  /**
   * @default RetentionDays.ONE_MONTH
   */
  readonly logRetention?: RetentionDays;
  /**
   * For the access log group and the functions' log groups.
   * @default RemovalPolicy.RETAIN
   */
  readonly logRemovalPolicy?: RemovalPolicy;
}

/**
 * The HTTP API: one HandlerFunction and one route per row of the route table, the Cognito JWT authorizer on
 * every row that is not public, least-privilege grants from each row's `access`, stage throttling and JSON
 * access logs. Built in two steps, because the site needs the API's host name before the user pool exists,
 * and the authorizer needs the user pool: the constructor makes the API and its stage, `addRouteTable` the
 * routes.
 */
export class RouteApi extends Construct {
  static readonly DEFAULT_THROTTLE: ThrottleBudget = { rateLimit: 50, burstLimit: 100 };
  static readonly DEFAULT_ANONYMOUS_THROTTLE: ThrottleBudget = { rateLimit: 10, burstLimit: 20 };
  readonly httpApi: HttpApi;
  readonly stage: HttpStage;
  /** The function behind each route, by route id. */
  readonly functions = new Map<string, HandlerFunction>();
  readonly accessLogs: LogGroup;
  private readonly props: RouteApiProps;

  constructor(scope: Construct, id: string, props: RouteApiProps = {}) {
    super(scope, id);
    this.props = props;

    this.httpApi = new HttpApi(this, 'HttpApi', {
      description: 'Báo cáo CNTT API',
      createDefaultStage: false,
      ...(props.corsAllowedOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: [...props.corsAllowedOrigins],
              allowMethods: [
                CorsHttpMethod.GET,
                CorsHttpMethod.PUT,
                CorsHttpMethod.POST,
                CorsHttpMethod.DELETE,
                CorsHttpMethod.OPTIONS,
              ],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
              exposeHeaders: ['etag'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      stageName: props.stageName ?? 'api',
      autoDeploy: true,
      throttle: { ...RouteApi.DEFAULT_THROTTLE, ...props.throttle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });
  }

  /** One function and one route per row; the JWT authorizer on every row that is not public. */
  addRouteTable(options: RouteTableOptions): void {
    const props = this.props;
    const ids = new Set(this.functions.keys());
    for (const route of options.routes) {
      if (ids.has(route.id)) throw new Error(`Route id ${route.id} appears twice in the route table.`);
      ids.add(route.id);
      if (route.path.split('/').some((segment) => segment.endsWith('+}'))) {
        throw new Error(
          `Route ${route.id}: the local adapter cannot match greedy path variables, so it would drift.`,
        );
      }
    }
    const authorizer = new HttpUserPoolAuthorizer('Cognito', options.userPool, {
      userPoolClients: [options.userPoolClient],
      identitySource: ['$request.header.Authorization'],
    });
    for (const route of options.routes) {
      const fn = new HandlerFunction(this, `${route.id}Function`, {
        handler: route.handler,
        description: `${route.method} ${route.path}: ${route.summary.en}`,
        ...(props.logRetention ? { logRetention: props.logRetention } : {}),
        ...(props.logRemovalPolicy ? { logRemovalPolicy: props.logRemovalPolicy } : {}),
      });
      bindAccess(fn, route.access, options.data);
      fn.addEnvironment(ORIGIN_VERIFY_ENV, options.originSecret.secretValue.unsafeUnwrap());
      this.functions.set(route.id, fn);
      const [httpRoute] = this.httpApi.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${route.id}Integration`, fn),
        authorizer: isPublic(route) ? new HttpNoneAuthorizer() : authorizer,
      }) as [HttpRoute];
      if (isPublic(route)) {
        this.throttleAnonymous(httpRoute, `${route.method} ${route.path}`);
        acknowledge(
          httpRoute,
          'AwsSolutions-APIG4',
          `${route.method} ${route.path} is public by design in the route table (auth: 'public'): ${route.summary.en}.`,
        );
      }
    }
  }

  /** A route setting of the stage for one route key; the route must exist before the stage names it. */
  private throttleAnonymous(route: HttpRoute, routeKey: string): void {
    const budget = { ...RouteApi.DEFAULT_ANONYMOUS_THROTTLE, ...this.props.anonymousThrottle };
    const cfnStage = this.stage.node.defaultChild as CfnStage;
    const settings = (cfnStage.routeSettings ?? {}) as Record<string, unknown>;
    cfnStage.routeSettings = {
      ...settings,
      // A JSON property in CloudFormation: its keys are written as CloudFormation spells them.
      [routeKey]: { ThrottlingRateLimit: budget.rateLimit, ThrottlingBurstLimit: budget.burstLimit },
    };
    cfnStage.node.addDependency(route);
  }

  /** The stage's invoke URL, ending in `/`. */
  get url(): string {
    return this.stage.url;
  }

  /** The host name CloudFront uses as the API origin. */
  get originDomainName(): string {
    return `${this.httpApi.apiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  }
}

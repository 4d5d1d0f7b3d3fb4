import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_ENV, ORIGIN_VERIFY_HEADER } from '#shared/http/originCheck';
import { isPublic, routes, type Route } from '#shared/contract/routes';
import { EdgeFirewall } from '../../infra/constructs/edgeFirewall.ts';
import { RouteApi } from '../../infra/constructs/routeApi.ts';
import { EDGE_REGION } from '../../infra/edgeStack.ts';
import { buildTestApp, logicalIdOf, onlyResourceOf, resourcesOf, synthStack } from './synth.ts';

const dev = synthStack('dev');
const prod = buildTestApp('prod');
const prodTemplate = Template.fromStack(prod.stack);
const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

describe('throttling: the signed-in routes and the anonymous ones draw on separate budgets', () => {
  const [, stage] = onlyResourceOf(dev.template, 'AWS::ApiGatewayV2::Stage');
  const settings = stage.Properties?.RouteSettings as Record<string, Record<string, number>>;

  it('gives every route the authenticated budget by default (API Gateway applies it per route)', () => {
    expect(stage.Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: RouteApi.DEFAULT_THROTTLE.rateLimit,
      ThrottlingBurstLimit: RouteApi.DEFAULT_THROTTLE.burstLimit,
    });
  });

  it('gives each public route a small budget of its own, and no signed-in route an override', () => {
    const publicKeys = routes.filter(isPublic).map(routeKey).sort();
    expect(publicKeys.length).toBeGreaterThan(0);
    expect(Object.keys(settings).sort()).toEqual(publicKeys);
    for (const key of publicKeys) {
      expect(settings[key], key).toEqual({
        ThrottlingRateLimit: RouteApi.DEFAULT_ANONYMOUS_THROTTLE.rateLimit,
        ThrottlingBurstLimit: RouteApi.DEFAULT_ANONYMOUS_THROTTLE.burstLimit,
      });
    }
    expect(RouteApi.DEFAULT_ANONYMOUS_THROTTLE.rateLimit).toBeLessThan(RouteApi.DEFAULT_THROTTLE.rateLimit);
    expect(RouteApi.DEFAULT_ANONYMOUS_THROTTLE.burstLimit).toBeLessThan(RouteApi.DEFAULT_THROTTLE.burstLimit);
  });

  it('creates the stage after the routes its settings name (CloudFormation refuses an unknown route key)', () => {
    const routeIds = Object.entries(resourcesOf(dev.template, 'AWS::ApiGatewayV2::Route'))
      .filter(([, r]) => Object.keys(settings).includes((r.Properties as { RouteKey: string }).RouteKey))
      .map(([id]) => id);
    const [, stageJson] = Object.entries(dev.template.toJSON().Resources as Record<string, unknown>).find(
      ([, r]) => (r as { Type: string }).Type === 'AWS::ApiGatewayV2::Stage',
    ) as [string, { DependsOn: string[] }];
    for (const id of routeIds) expect(stageJson.DependsOn).toContain(id);
  });
});

describe('/health: anonymous and storage-free; the deep check is for admins', () => {
  const envOf = (routeId: string) =>
    (
      resourcesOf(dev.template, 'AWS::Lambda::Function')[logicalIdOf(dev.stack.api.functions.get(routeId)!)]
        ?.Properties?.Environment as { Variables: Record<string, unknown> }
    ).Variables;

  it('GET /health is public and its function is given no table and no bucket', () => {
    const health = routes.find((r) => r.id === 'getHealth')!;
    expect(isPublic(health)).toBe(true);
    expect(health.access).toEqual({});
    expect(Object.keys(envOf('getHealth')).filter((k) => /TABLE|BUCKET/.test(k))).toEqual([]);
  });

  it('GET /health/deep is for admins only and reads the table and both buckets', () => {
    const deep = routes.find((r) => r.id === 'getDeepHealth')!;
    expect(deep.auth).toEqual(['admin']);
    expect(
      Object.keys(envOf('getDeepHealth'))
        .filter((k) => /TABLE|BUCKET/.test(k))
        .sort(),
    ).toEqual(['EVIDENCE_BUCKET', 'REPORTS_BUCKET', 'TABLE_NAME'].sort());
  });
});

describe('prod: a WAFv2 web ACL on the distribution', () => {
  const edge = prod.edge!;
  const edgeTemplate = Template.fromStack(edge);
  const [aclId, acl] = onlyResourceOf(edgeTemplate, 'AWS::WAFv2::WebACL');
  const rules = acl.Properties?.Rules as {
    Name: string;
    Statement: Record<string, Record<string, unknown>>;
    Action?: unknown;
    OverrideAction?: unknown;
  }[];

  it('lives in us-east-1 with scope CLOUDFRONT, allowing what no rule blocks', () => {
    expect(edge.region).toBe(EDGE_REGION);
    expect(acl.Properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it('runs the AWS managed rule groups, each with its metrics', () => {
    const managed = rules.filter((r) => r.Statement.ManagedRuleGroupStatement);
    expect(managed.map((r) => r.Statement.ManagedRuleGroupStatement!.Name)).toEqual(
      EdgeFirewall.MANAGED_RULE_GROUPS.map((g) => g.name),
    );
    for (const rule of managed) {
      expect(rule.Statement.ManagedRuleGroupStatement!.VendorName).toBe('AWS');
      expect(rule.OverrideAction).toEqual({ None: {} });
    }
    expect(managed.map((r) => r.Statement.ManagedRuleGroupStatement!.Name)).toContain(
      'AWSManagedRulesCommonRuleSet',
    );
  });

  it('blocks a client address past its rate, per IP', () => {
    const rate = rules.find((r) => r.Statement.RateBasedStatement);
    expect(rate?.Action).toEqual({ Block: {} });
    expect(rate?.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 300,
    });
    expect(rate?.Statement.RateBasedStatement?.Limit as number).toBeGreaterThanOrEqual(100);
  });

  it('is attached to the distribution, read across regions from the edge stack', () => {
    const [, distribution] = onlyResourceOf(prodTemplate, 'AWS::CloudFront::Distribution');
    const webAcl = (distribution.Properties as { DistributionConfig: { WebACLId: unknown } })
      .DistributionConfig.WebACLId as {
      'Fn::GetStackOutput': { StackName: string; Region: string; OutputName: string };
    };
    expect(webAcl['Fn::GetStackOutput']).toMatchObject({ StackName: edge.stackName, Region: EDGE_REGION });
    const outputs = edgeTemplate.toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(outputs[webAcl['Fn::GetStackOutput'].OutputName]?.Value).toEqual({ 'Fn::GetAtt': [aclId, 'Arn'] });
  });

  it('is not made for dev, which attaches none unless given one', () => {
    expect(buildTestApp('dev').edge).toBeUndefined();
    const [, distribution] = onlyResourceOf(dev.template, 'AWS::CloudFront::Distribution');
    expect((distribution.Properties as { DistributionConfig: object }).DistributionConfig).not.toHaveProperty(
      'WebACLId',
    );
  });
});

describe('the API answers only requests that came through CloudFront', () => {
  for (const [stage, { stack, template }] of [
    ['dev', dev],
    ['prod', { stack: prod.stack, template: prodTemplate }],
  ] as const) {
    const secretRef = {
      'Fn::Join': [
        '',
        ['{{resolve:secretsmanager:', { Ref: logicalIdOf(stack.originSecret) }, ':SecretString:::}}'],
      ],
    };

    it(`${stage}: CloudFront sends the origin secret to the API origin, and to no other origin`, () => {
      const [, distribution] = onlyResourceOf(template, 'AWS::CloudFront::Distribution');
      const origins = (
        distribution.Properties as {
          DistributionConfig: {
            Origins: {
              DomainName: unknown;
              OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[];
            }[];
          };
        }
      ).DistributionConfig.Origins;
      const withHeader = origins.filter((o) => o.OriginCustomHeaders?.length);
      expect(withHeader).toHaveLength(1);
      expect(JSON.stringify(withHeader[0]!.DomainName)).toContain('execute-api');
      expect(withHeader[0]!.OriginCustomHeaders).toEqual([
        { HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: secretRef },
      ]);
    });

    it(`${stage}: every route's function is given the same secret to check`, () => {
      const lambdas = resourcesOf(template, 'AWS::Lambda::Function');
      for (const [routeId, fn] of stack.api.functions) {
        const vars = (
          lambdas[logicalIdOf(fn)]?.Properties?.Environment as { Variables: Record<string, unknown> }
        ).Variables;
        expect(vars[ORIGIN_VERIFY_ENV], routeId).toEqual(secretRef);
      }
    });

    it(`${stage}: the secret is generated at deploy time, never written into the template`, () => {
      const [, secret] = onlyResourceOf(template, 'AWS::SecretsManager::Secret');
      expect(secret.Properties).toMatchObject({
        GenerateSecretString: { PasswordLength: expect.any(Number) as number },
      });
      expect(secret.Properties?.GenerateSecretString as { PasswordLength: number }).toMatchObject({
        PasswordLength: expect.toSatisfy((n: number) => n >= 32) as number,
      });
      expect(secret.Properties).not.toHaveProperty('SecretString');
    });
  }
});

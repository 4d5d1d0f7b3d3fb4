import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { ACCESS_LOG_FIELDS, RouteApi } from '../../infra/constructs/routeApi.ts';
import { onlyResourceOf, resourcesOf, synthStack, testApp } from './synth.ts';

const { stack, template } = synthStack('dev');
const [, stage] = onlyResourceOf(template, 'AWS::ApiGatewayV2::Stage');
const [, api] = onlyResourceOf(template, 'AWS::ApiGatewayV2::Api');

describe('the HTTP API stage', () => {
  it('throttles the whole stage (rate and burst)', () => {
    expect(stage.Properties?.DefaultRouteSettings).toEqual({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
  });

  it('writes one JSON access log line per request, with the request id, status and caller', () => {
    const settings = stage.Properties?.AccessLogSettings as { Format: string; DestinationArn: unknown };
    const line = JSON.parse(settings.Format) as Record<string, string>;
    expect(line).toEqual(ACCESS_LOG_FIELDS);
    expect(line).toMatchObject({
      requestId: '$context.requestId',
      status: '$context.status',
      sub: '$context.authorizer.claims.sub',
    });
  });

  it('keeps the access logs for the stage’s retention', () => {
    const settings = stage.Properties?.AccessLogSettings as {
      DestinationArn: { 'Fn::GetAtt': [string, string] };
    };
    const group = resourcesOf(template, 'AWS::Logs::LogGroup')[settings.DestinationArn['Fn::GetAtt'][0]];
    expect(group?.Properties?.RetentionInDays).toBe(30);
  });

  it('deploys automatically to the stage the site serves under /api', () => {
    expect(stage.Properties).toMatchObject({ StageName: 'api', AutoDeploy: true });
    expect(stack.api.stage.stageName).toBe('api');
  });

  it('has no CORS configuration: the site calls it on its own origin', () => {
    expect(api.Properties?.CorsConfiguration).toBeUndefined();
  });

  it('when given browser origins, allows exactly those, with the methods and headers the site uses', () => {
    const other = new Stack(testApp(), 'Cors');
    new RouteApi(other, 'Api', { corsAllowedOrigins: ['https://baocao.example.gov.vn'] });
    const [, corsApi] = onlyResourceOf(Template.fromStack(other), 'AWS::ApiGatewayV2::Api');
    expect(corsApi.Properties?.CorsConfiguration).toEqual({
      AllowOrigins: ['https://baocao.example.gov.vn'],
      AllowMethods: ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS'],
      AllowHeaders: ['authorization', 'content-type', 'idempotency-key', 'if-match'],
      ExposeHeaders: ['etag'],
      MaxAge: 3600,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { isPublic, routes, type Route } from '#shared/contract/routes';
import { logicalIdOf, onlyResourceOf, resourcesOf, synthStack } from './synth.ts';

const { stack, template } = synthStack('dev');
const templateRoutes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map(
  (r) => r.Properties as { RouteKey: string; AuthorizationType?: string; AuthorizerId?: unknown },
);
const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;
const routeFor = (r: Route) => templateRoutes.find((t) => t.RouteKey === routeKey(r));

describe('API routes come from the route table', () => {
  it('has exactly one API route per row, by method and path, and no route that is not a row', () => {
    expect(templateRoutes.map((r) => r.RouteKey).sort()).toEqual(routes.map(routeKey).sort());
  });

  it('puts the Cognito JWT authorizer on every row that is not public', () => {
    const [authorizerId] = onlyResourceOf(template, 'AWS::ApiGatewayV2::Authorizer');
    for (const row of routes.filter((r) => !isPublic(r))) {
      expect(routeFor(row), routeKey(row)).toMatchObject({
        AuthorizationType: 'JWT',
        AuthorizerId: { Ref: authorizerId },
      });
    }
  });

  it('puts no authorizer on public rows', () => {
    for (const row of routes.filter(isPublic)) {
      const route = routeFor(row);
      expect(route?.AuthorizationType, routeKey(row)).toBe('NONE');
      expect(route?.AuthorizerId, routeKey(row)).toBeUndefined();
    }
  });

  it('trusts only the user pool as issuer and the web client as audience (the site sends the ID token)', () => {
    const [, authorizer] = onlyResourceOf(template, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: logicalIdOf(stack.users.webClient) }],
        Issuer: {
          'Fn::Join': [
            '',
            [
              'https://cognito-idp.',
              { Ref: 'AWS::Region' },
              '.amazonaws.com/',
              { Ref: logicalIdOf(stack.users.userPool) },
            ],
          ],
        },
      },
    });
  });

  it('has no local-only /dev route', () => {
    expect(templateRoutes.filter((r) => / \/dev(\/|$)/.test(r.RouteKey))).toEqual([]);
  });

  it('serves any number of rows with no code change', () => {
    const many: Route[] = Array.from({ length: 7 }, (_, i) => ({
      id: `synthetic${i}`,
      method: (['GET', 'PUT', 'POST', 'DELETE'] as const)[i % 4] ?? 'GET',
      path: `/synthetic/{year}/item${i}`,
      handler: 'getMe',
      auth: i % 3 === 0 ? 'public' : ['admin'],
      access: {},
      summary: { vi: 'thử', en: 'synthetic' },
    }));
    const other = synthStack('dev', { stackProps: { routes: many } });
    const keys = Object.values(resourcesOf(other.template, 'AWS::ApiGatewayV2::Route')).map(
      (r) => (r.Properties as { RouteKey: string }).RouteKey,
    );
    expect(keys.sort()).toEqual(many.map(routeKey).sort());
    expect([...other.stack.api.functions.keys()].sort()).toEqual(many.map((r) => r.id).sort());
  });
});

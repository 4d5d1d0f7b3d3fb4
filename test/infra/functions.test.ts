import { Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { routes } from '#shared/contract/routes';
import { HandlerFunction } from '../../infra/constructs/handlerFunction.ts';
import { logicalIdOf, resourcesOf, synthStack, type CfnResourceJson } from './synth.ts';

const { stack, template } = synthStack('dev');
const lambdas = resourcesOf(template, 'AWS::Lambda::Function');
const appFunctions: [string, CfnResourceJson][] = [...stack.api.functions.entries()].map(([routeId, fn]) => {
  const resource = lambdas[logicalIdOf(fn)];
  if (!resource) throw new Error(`No Lambda function for route ${routeId}`);
  return [routeId, resource];
});

/** The newest nodejsNN.x that this aws-cdk-lib knows. */
const newestNode = Runtime.ALL.map((r) => r.name)
  .filter((n) => /^nodejs\d+\.x$/.test(n))
  .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]))
  .at(-1);

describe('one function per route, with the shared defaults', () => {
  it('builds exactly one HandlerFunction per route row, named after its method and path', () => {
    expect([...stack.api.functions.keys()].sort()).toEqual(routes.map((r) => r.id).sort());
    for (const row of routes) {
      const fn = stack.api.functions.get(row.id);
      expect(fn).toBeInstanceOf(HandlerFunction);
      expect(lambdas[logicalIdOf(fn!)]?.Properties?.Description).toMatch(`${row.method} ${row.path}:`);
    }
  });

  it('runs every function on arm64 with the newest Node.js runtime aws-cdk-lib offers', () => {
    expect(HandlerFunction.RUNTIME.name).toBe(newestNode);
    for (const [id, fn] of appFunctions) {
      expect(fn.Properties, id).toMatchObject({ Architectures: ['arm64'], Runtime: newestNode });
    }
  });

  it('traces every function with X-Ray', () => {
    for (const [id, fn] of appFunctions) expect(fn.Properties?.TracingConfig, id).toEqual({ Mode: 'Active' });
  });

  it('gives every function source maps and the Powertools logger settings', () => {
    for (const [id, fn] of appFunctions) {
      expect(fn.Properties?.Environment, id).toMatchObject({
        Variables: {
          NODE_OPTIONS: '--enable-source-maps',
          POWERTOOLS_SERVICE_NAME: 'bao-cao-cntt',
          POWERTOOLS_LOG_LEVEL: 'INFO',
        },
      });
    }
  });

  it('sets a memory size and a timeout within API Gateway’s 30 s', () => {
    for (const [id, fn] of appFunctions) {
      expect(fn.Properties?.MemorySize, id).toBe(512);
      expect(fn.Properties?.Timeout, id).toBeLessThan(30);
    }
  });

  it('logs each function to a log group of its own, with the stage’s retention', () => {
    const groups = resourcesOf(template, 'AWS::Logs::LogGroup');
    const seen = new Set<string>();
    for (const [id, fn] of appFunctions) {
      const ref = (fn.Properties?.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect(seen.has(ref), id).toBe(false);
      seen.add(ref);
      expect(groups[ref]?.Properties?.RetentionInDays, id).toBe(30);
    }
  });

  it('gives every function a role of its own with no AWS managed policy', () => {
    const roles = resourcesOf(template, 'AWS::IAM::Role');
    const seen = new Set<string>();
    for (const [id, fn] of appFunctions) {
      const roleId = (fn.Properties?.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
      expect(seen.has(roleId), id).toBe(false);
      seen.add(roleId);
      expect(roles[roleId]?.Properties?.ManagedPolicyArns, id).toBeUndefined();
    }
  });
});

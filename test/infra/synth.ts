import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll } from 'vitest';
import { buildApp, type BuildAppOptions } from '../../infra/buildApp.ts';
import { flatten } from '../../infra/constructs/nag.ts';
import { REPO_ROOT } from '../../infra/paths.ts';
import type { BaoCaoStack } from '../../infra/stack.ts';
import type { StageName } from '../../infra/stage.ts';

/** The context the CLI gives the app: cdk.json's, so tests see the same feature flags as `cdk synth`. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> })
    .context;

/**
 * Every cloud assembly of a test file goes under one temporary folder, removed after the file's tests: each
 * assembly holds a copy of the 20 MB AWS CLI layer that BucketDeployment uses.
 */
const ASSEMBLIES = mkdtempSync(join(tmpdir(), 'infra-test-'));
afterAll(() => rmSync(ASSEMBLIES, { recursive: true, force: true }));
export const testOutdir = (): string => mkdtempSync(join(ASSEMBLIES, 'cdk.out-'));

/** An empty app for construct tests, writing under the test process's temporary folder. */
export const testApp = (): App => new App({ outdir: testOutdir() });

export const TEST_REMINDER_SENDER = 'bao-cao-cntt@stttt.dienbien.gov.vn';

/** The account and region a prod synth is given, as the CLI would from credentials. */
export const TEST_ENVIRONMENT = { account: '123456789012', region: 'ap-southeast-1' } as const;

/** The real app for a stage, with bundling skipped: fast, and otherwise the real template. */
export function buildTestApp(
  stage: StageName = 'dev',
  options: Omit<BuildAppOptions, 'context' | 'outdir'> = {},
) {
  return buildApp({
    ...options,
    outdir: testOutdir(),
    context: {
      ...cdkJsonContext(),
      stage,
      'aws:cdk:bundling-stacks': [],
      // A deployment that sends reminders: the sender's SES identity and grant exist (the stack without one
      // is tested in test/infra/mail.test.ts).
      reminderSender: TEST_REMINDER_SENDER,
      // Prod's web ACL lives in us-east-1, and a reference across regions needs both regions known.
      ...(stage === 'prod' ? TEST_ENVIRONMENT : {}),
    },
  });
}

export interface Synthesized {
  readonly stack: BaoCaoStack;
  readonly template: Template;
}

/**
 * The stack's template. Synthesis runs the app's validation plugins, so a cdk-nag finding that is not
 * acknowledged fails every test that calls this, not only the cdk-nag test.
 */
export function synthStack(
  stage: StageName = 'dev',
  options: Omit<BuildAppOptions, 'context'> = {},
): Synthesized {
  const { stack } = buildTestApp(stage, options);
  return { stack, template: Template.fromStack(stack) };
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export const resourcesOf = (template: Template, type: string): Record<string, CfnResourceJson> =>
  template.findResources(type) as Record<string, CfnResourceJson>;

export const onlyResourceOf = (template: Template, type: string): [string, CfnResourceJson] => {
  const all = Object.entries(resourcesOf(template, type));
  if (all.length !== 1) throw new Error(`Expected one ${type}, found ${all.length}`);
  return all[0] as [string, CfnResourceJson];
};

/** The logical id CloudFormation sees for an L2 construct (its default child) or an L1 element. */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(construct).getLogicalId(element);
}

export interface Grant {
  readonly action: string;
  /** Flattened as cdk-nag names resources: `<Logical.Arn>/evidence/*`. */
  readonly resource: string;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** Every (action, resource) pair that the role's policies allow, flattened. */
export function grantsOfRole(template: Template, roleLogicalId: string): Grant[] {
  const grants: Grant[] = [];
  for (const policy of Object.values(resourcesOf(template, 'AWS::IAM::Policy'))) {
    const roles = asArray(policy.Properties?.Roles as unknown[]).map((r) => (r as { Ref?: string }).Ref);
    if (!roles.includes(roleLogicalId)) continue;
    const doc = policy.Properties?.PolicyDocument as { Statement: Statement[] };
    for (const st of doc.Statement) {
      if (st.Effect !== 'Allow') continue;
      for (const action of asArray(st.Action))
        for (const resource of asArray(st.Resource)) grants.push({ action, resource: flatten(resource) });
    }
  }
  return grants;
}

export const grantKey = (g: Grant): string => `${g.action} on ${g.resource}`;

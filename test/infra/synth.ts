import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildAppOptions } from '../../infra/buildApp.ts';
import { REPO_ROOT } from '../../infra/paths.ts';
import type { BaoCaoStack } from '../../infra/stack.ts';
import type { StageName } from '../../infra/stage.ts';

/** The context the CLI gives the app: cdk.json's, so tests see the same feature flags as `cdk synth`. */
export const cdkJsonContext = (): Record<string, unknown> =>
  (JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> })
    .context;

/** Builds the real app for a stage with bundling skipped: fast, and the template is otherwise the real one. */
export function buildTestApp(stage: StageName = 'dev', options: Omit<BuildAppOptions, 'context'> = {}) {
  return buildApp({
    ...options,
    context: { ...cdkJsonContext(), stage, 'aws:cdk:bundling-stacks': [] },
  });
}

export interface Synthesized {
  readonly stack: BaoCaoStack;
  readonly template: Template;
}

/** The stack's template; the app is not synthesised as a whole, so cdk-nag does not run here. */
export function synthStack(
  stage: StageName = 'dev',
  options: Omit<BuildAppOptions, 'context'> = {},
): Synthesized {
  const { stack } = buildTestApp(stage, options);
  return { stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [k: string]: unknown }>;

export const resourcesOf = (template: Template, type: string): Resources =>
  template.findResources(type) as Resources;

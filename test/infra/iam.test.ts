import { Stack, Validations } from 'aws-cdk-lib';
import { Policy } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { buckets } from '#shared/buckets';
import { dataModel } from '#shared/model';
import { jobFunctionEnv, jobs, type Job } from '#shared/jobs';
import { routes, type Route, type RouteAccess } from '#shared/contract/routes';
import { BUCKET_ACTIONS, listsBucket, OBJECT_ACTIONS, TABLE_ACTIONS } from '../../infra/constructs/bind.ts';
import { flatten, wildcardResourceFinding } from '../../infra/constructs/nag.ts';
import type { BaoCaoStack } from '../../infra/stack.ts';
import { grantKey, grantsOfRole, logicalIdOf, resourcesOf, synthStack, type Grant } from './synth.ts';

/**
 * Every mode of each resource on its own, and each pair of evidence and reports modes with a table mode, on top
 * of the real table (a full product would pass CloudFormation's 500 resources).
 */
const TABLE_MODES = ['read', 'readwrite'] as const;
const EVIDENCE_MODES = Object.keys(OBJECT_ACTIONS.evidence) as NonNullable<RouteAccess['evidence']>[];
const REPORTS_MODES = Object.keys(OBJECT_ACTIONS.reports) as NonNullable<RouteAccess['reports']>[];
const combos: RouteAccess[] = [
  {},
  ...TABLE_MODES.map((table) => ({ table })),
  ...EVIDENCE_MODES.flatMap((evidence, i) =>
    REPORTS_MODES.map((reports) => ({ table: TABLE_MODES[i % 2]!, evidence, reports })),
  ),
];
const syntheticRoutes: Route[] = combos.map((access, i) => ({
  id: `access${i}`,
  method: 'GET',
  path: `/access/${i}`,
  handler: 'getMe',
  auth: ['admin'],
  access,
  summary: { vi: 'thử', en: `access ${JSON.stringify(access)}` },
  params: {},
  errors: [],
}));
const job: Job = {
  id: 'syntheticJob',
  handler: 'getHealth',
  schedule: { expression: 'cron(30 0 1 2 ? *)', timeZone: 'Asia/Ho_Chi_Minh' },
  access: { table: 'read', reports: 'readwrite' },
};
const real = synthStack('dev');
// The synthetic stack carries a few real rows (public, invoking a job) beside the synthetic ones, to stay
// under CloudFormation's 500 resources.
const sampleRoutes = routes.filter((r) => ['getHealth', 'getMe', 'startRollup'].includes(r.id));
const synthetic = synthStack('dev', {
  stackProps: { routes: [...sampleRoutes, ...syntheticRoutes], jobs: [...jobs, job] },
});

function dataResources(stack: BaoCaoStack) {
  return {
    table: logicalIdOf(stack.data.table),
    evidence: logicalIdOf(stack.data.evidence),
    reports: logicalIdOf(stack.data.reports),
    anchors: logicalIdOf(stack.data.anchors),
  };
}

/** What a row's access should turn into, and nothing else touching the table or the data buckets. */
function expectedGrants(stack: BaoCaoStack, access: RouteAccess): string[] {
  const ids = dataResources(stack);
  const out: Grant[] = [];
  if (access.table) {
    const table = `<${ids.table}.Arn>`;
    for (const action of TABLE_ACTIONS[access.table]) out.push({ action, resource: table });
    for (const index of Object.keys(dataModel.indexes))
      out.push({ action: 'dynamodb:Query', resource: `${table}/index/${index}` });
  }
  for (const purpose of ['evidence', 'reports'] as const) {
    const mode = access[purpose];
    if (!mode) continue;
    const bucket = `<${ids[purpose]}.Arn>`;
    for (const action of (OBJECT_ACTIONS[purpose] as Record<string, readonly string[]>)[mode]!)
      out.push({ action, resource: `${bucket}/${buckets[purpose].keyPrefix}*` });
    if (listsBucket(purpose, mode))
      for (const action of BUCKET_ACTIONS) out.push({ action, resource: bucket });
  }
  if (access.audit === 'verify' || access.audit === 'anchor') {
    const bucket = `<${ids.anchors}.Arn>`;
    for (const action of access.audit === 'anchor' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'])
      out.push({ action, resource: `${bucket}/${buckets.anchors.keyPrefix}*` });
    for (const action of BUCKET_ACTIONS) out.push({ action, resource: bucket });
  }
  return [...new Set(out.map(grantKey))].sort();
}

function dataGrantsOf(stack: BaoCaoStack, routeId: string, fn = stack.api.functions.get(routeId)!): string[] {
  const ids = Object.values(dataResources(stack));
  const template = stack === real.stack ? real.template : synthetic.template;
  return [
    ...new Set(
      grantsOfRole(template, logicalIdOf(fn.executionRole))
        .filter((g) => ids.some((id) => g.resource.includes(`<${id}.`)) || /^(dynamodb|s3):/.test(g.action))
        .map(grantKey),
    ),
  ].sort();
}

function acknowledgedIds(construct: IConstruct): Map<string, string> {
  const out = new Map<string, string>();
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
      for (const [id, reason] of Object.entries(entry.data as Record<string, string>))
        out.set(id.replace(/^[^:]*::/, ''), reason);
    }
  }
  return out;
}

describe('IAM: least privilege from each row’s access', () => {
  it('lets a row that starts a job invoke that one function, named in its environment, and no other row', () => {
    const jobArn = (id: string) => `<${logicalIdOf(real.stack.jobs.get(id)!.fn)}.Arn>`;
    for (const row of routes) {
      const fn = real.stack.api.functions.get(row.id)!;
      const invokes = grantsOfRole(real.template, logicalIdOf(fn.executionRole)).filter((g) =>
        g.action.startsWith('lambda:'),
      );
      const wanted = ((row.access as RouteAccess).invokes ?? []).map((id) => ({
        action: 'lambda:InvokeFunction',
        resource: jobArn(id),
      }));
      expect(invokes.map(grantKey), row.id).toEqual(wanted.map(grantKey));
    }
    const starter =
      real.template.toJSON().Resources[logicalIdOf(real.stack.api.functions.get('startRollup')!)];
    expect(Object.keys(starter.Properties.Environment.Variables)).toContain(jobFunctionEnv('rollupYear'));
  });

  it('grants each route’s function exactly what its row’s access names', () => {
    for (const row of routes)
      expect(dataGrantsOf(real.stack, row.id), row.id).toEqual(expectedGrants(real.stack, row.access));
  });

  it('grants exactly the row’s access for every combination of table, evidence and reports modes', () => {
    for (const row of syntheticRoutes) {
      expect(dataGrantsOf(synthetic.stack, row.id), JSON.stringify(row.access)).toEqual(
        expectedGrants(synthetic.stack, row.access),
      );
    }
  });

  it('grants a job’s function exactly what its job row’s access names', () => {
    const fn = synthetic.stack.jobs.get(job.id)!.fn;
    expect(dataGrantsOf(synthetic.stack, job.id, fn)).toEqual(expectedGrants(synthetic.stack, job.access));
  });

  it('gives a function whose row has access {} no table or bucket permission at all', () => {
    const empty = [...routes, ...syntheticRoutes].filter((r) => Object.keys(r.access).length === 0);
    expect(empty.length).toBeGreaterThan(0);
    for (const row of empty) {
      const stack = routes.includes(row as (typeof routes)[number]) ? real.stack : synthetic.stack;
      expect(dataGrantsOf(stack, row.id), row.id).toEqual([]);
    }
  });

  it('sets the environment variable that the data model and bucket table name, only for what the row uses', () => {
    const lambdas = resourcesOf(real.template, 'AWS::Lambda::Function');
    for (const row of routes as readonly Route[]) {
      const vars = (
        lambdas[logicalIdOf(real.stack.api.functions.get(row.id)!)]?.Properties?.Environment as {
          Variables: Record<string, unknown>;
        }
      ).Variables;
      expect(dataModel.tableNameEnv in vars, row.id).toBe(Boolean(row.access.table));
      expect(buckets.evidence.env in vars, row.id).toBe(Boolean(row.access.evidence));
      expect(buckets.reports.env in vars, row.id).toBe(Boolean(row.access.reports));
    }
  });

  it('has no wildcard action in any policy except the CDK BucketDeployment role’s fixed grants', () => {
    const deploymentRole = logicalIdOf(synthetic.stack.site.node.findChild('DeploymentRole'));
    for (const [id, policy] of Object.entries(resourcesOf(synthetic.template, 'AWS::IAM::Policy'))) {
      const roles = (policy.Properties?.Roles as { Ref: string }[]).map((r) => r.Ref);
      if (roles.includes(deploymentRole)) continue;
      const statements = (policy.Properties?.PolicyDocument as { Statement: { Action: string | string[] }[] })
        .Statement;
      const wildcards = statements.flatMap((s) => [s.Action].flat()).filter((a) => a.includes('*'));
      expect(wildcards, id).toEqual([]);
    }
  });

  it('has no role with an AWS managed policy', () => {
    for (const [id, role] of Object.entries(resourcesOf(synthetic.template, 'AWS::IAM::Role'))) {
      if (id.startsWith('CustomS3AutoDeleteObjectsCustomResourceProvider')) continue; // a CDK provider, dev only
      // aws-cdk-lib's handler that sets the evidence bucket's notifications at deploy time; acknowledged in nag.ts.
      if (id.startsWith('BucketNotificationsHandler')) continue;
      expect(role.Properties?.ManagedPolicyArns, id).toBeUndefined();
    }
  });

  it('acknowledges every wildcard resource, one finding at a time, with a reason, on the policy’s owner', () => {
    const policies = synthetic.stack.node.findAll().filter((c): c is Policy => c instanceof Policy);
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      const doc = Stack.of(policy).resolve(policy.document.toJSON()) as {
        Statement: { Effect: string; Resource: unknown }[];
      };
      const acknowledged = acknowledgedIds(policy);
      for (const st of doc.Statement.filter((s) => s.Effect === 'Allow')) {
        for (const resource of [st.Resource].flat()) {
          const flat = flatten(resource);
          if (!flat.includes('*')) continue;
          const finding = `AwsSolutions-IAM5[Resource::${flat}]`;
          expect(acknowledged.get(finding), `${policy.node.path}: ${finding}`).toMatch(/.{20,}/);
        }
      }
    }
  });

  it('names the wildcard finding the way cdk-nag does', () => {
    const evidence = real.stack.data.evidence;
    expect(wildcardResourceFinding(evidence, evidence.arnForObjects('evidence/*'))).toBe(
      `AwsSolutions-IAM5[Resource::<${logicalIdOf(evidence)}.Arn>/evidence/*]`,
    );
  });
});

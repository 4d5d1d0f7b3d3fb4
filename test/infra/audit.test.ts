import { describe, expect, it } from 'vitest';
import { AUDIT_METRICS } from '#shared/domain/auditChain';
import { jobs } from '#shared/jobs';
import { keys } from '#shared/model';
import { routes, type RouteAccess } from '#shared/contract/routes';
import { grantsOfRole, logicalIdOf, resourcesOf, synthStack } from './synth.ts';

const { stack, template } = synthStack('dev');
const prod = synthStack('prod');

interface Statement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}
const statementsOfRole = (roleId: string): Statement[] =>
  Object.values(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter((p) => (p.Properties?.Roles as { Ref: string }[]).some((r) => r.Ref === roleId))
    .flatMap((p) => (p.Properties?.PolicyDocument as { Statement: Statement[] }).Statement);
const actionsOf = (s: Statement) => [s.Action].flat();
const functionsWithAccess = (): [string, RouteAccess, string][] => [
  ...routes.map(
    (r) =>
      [r.id, r.access as RouteAccess, logicalIdOf(stack.api.functions.get(r.id)!.executionRole)] as [
        string,
        RouteAccess,
        string,
      ],
  ),
  ...jobs.map(
    (j) =>
      [j.id, j.access as RouteAccess, logicalIdOf(stack.jobs.get(j.id)!.fn.executionRole)] as [
        string,
        RouteAccess,
        string,
      ],
  ),
];

describe('the audit log’s tamper evidence, in the template', () => {
  it('alarms as soon as one chain fails verification', () => {
    const alarm = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).find(
      (a) => a.Properties?.MetricName === AUDIT_METRICS.verificationFailed,
    );
    expect(alarm?.Properties).toMatchObject({
      Namespace: AUDIT_METRICS.namespace,
      Dimensions: [{ Name: 'service', Value: AUDIT_METRICS.service }],
      Statistic: 'Sum',
      Threshold: 1,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: logicalIdOf(stack.alerts.topic) }],
    });
  });

  it('lets only the anchoring job MAC with the audit key; verifiers may only check', () => {
    const key = logicalIdOf(stack.data.auditKey);
    for (const [id, access, role] of functionsWithAccess()) {
      const kms = grantsOfRole(template, role)
        .filter((g) => g.resource.includes(key))
        .map((g) => g.action);
      const expected =
        access.audit === 'anchor'
          ? ['kms:GenerateMac', 'kms:VerifyMac']
          : access.audit === 'verify'
            ? ['kms:VerifyMac']
            : [];
      expect(kms.sort(), id).toEqual(expected);
    }
    expect(jobs.filter((j) => (j.access as RouteAccess).audit === 'anchor').map((j) => j.id)).toEqual([
      'anchorAudit',
    ]);
    const [, keyJson] = Object.entries(resourcesOf(template, 'AWS::KMS::Key')).find(([k]) => k === key)!;
    expect(keyJson.Properties).toMatchObject({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
  });

  it('lets only the anchoring job write to the anchors bucket', () => {
    const bucket = logicalIdOf(stack.data.anchors);
    const writers = functionsWithAccess().filter(([, , role]) =>
      grantsOfRole(template, role).some(
        (g) => g.resource.includes(`<${bucket}.`) && /Put|Delete/.test(g.action),
      ),
    );
    expect(writers.map(([id]) => id)).toEqual(['anchorAudit']);
  });

  it('keeps anchors under Object Lock in prod', () => {
    const bucket = resourcesOf(prod.template, 'AWS::S3::Bucket')[logicalIdOf(prod.stack.data.anchors)];
    expect(bucket?.Properties).toMatchObject({
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'GOVERNANCE' } },
      },
    });
  });

  it('closes the audit partitions by dynamodb:LeadingKeys: no role deletes there, and only appenders write', () => {
    const table = logicalIdOf(stack.data.table);
    for (const [id, access, role] of functionsWithAccess()) {
      if (access.table !== 'readwrite') continue;
      const denies = statementsOfRole(role).filter(
        (s) =>
          s.Effect === 'Deny' &&
          JSON.stringify(s.Resource).includes(table) &&
          JSON.stringify(s.Condition) ===
            JSON.stringify({
              'ForAnyValue:StringLike': { 'dynamodb:LeadingKeys': [`${keys.auditPartitionPrefix}*`] },
            }),
      );
      const denied = denies.flatMap(actionsOf);
      expect(denied, id).toContain('dynamodb:DeleteItem');
      if (access.audit === 'append') expect(denied, id).not.toContain('dynamodb:PutItem');
      else expect(denied, id).toEqual(expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem']));
    }
  });

  it('anchors daily, and the rollup job may start the anchoring job for its year', () => {
    const anchor = jobs.find((j) => j.id === 'anchorAudit')!;
    expect(anchor.schedule.expression).toMatch(/^cron\(\d+ \d+ \* \* \? \*\)$/);
    const rollupRole = logicalIdOf(stack.jobs.get('rollupYear')!.fn.executionRole);
    expect(grantsOfRole(template, rollupRole).filter((g) => g.action === 'lambda:InvokeFunction')).toEqual([
      {
        action: 'lambda:InvokeFunction',
        resource: `<${logicalIdOf(stack.jobs.get('anchorAudit')!.fn)}.Arn>`,
      },
    ]);
  });
});

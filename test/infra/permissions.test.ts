import { describe, expect, it } from 'vitest';
import { jobs, uploadTriggers } from '#shared/jobs';
import { routes, type RouteAccess } from '#shared/contract/routes';
import { TABLE_ACTIONS } from '../../infra/constructs/bind.ts';
import type { HandlerFunction } from '../../infra/constructs/handlerFunction.ts';
import type { BaoCaoStack } from '../../infra/stack.ts';
import { readRecordedFile, type Needed } from '../iam/recorded.ts';
import { flatten } from '../../infra/constructs/nag.ts';
import { grantsOfRole, logicalIdOf, synthStack, type Grant } from './synth.ts';

/**
 * The deployed permissions, proven by what the functions were seen to do: the integration and reliability
 * suites record every AWS SDK command each function sends (test/iam/recorded-permissions.json), and here each
 * function's synthesized policy must allow every one of them, and nothing else on the data but ALLOWANCE.
 */
const { stack, template } = synthStack('prod');
const recorded = readRecordedFile();

function functionOf(s: BaoCaoStack, id: string): HandlerFunction | undefined {
  return s.api.functions.get(id) ?? s.jobs.get(id)?.fn ?? s.triggers.get(id);
}

/** The synthesized resource, flattened as grants are, that a recorded resource stands for. */
function arnOf(s: BaoCaoStack, resource: string): string {
  const [kind, ...rest] = resource.split('/');
  const path = rest.join('/');
  if (kind === 'table') return `<${logicalIdOf(s.data.table)}.Arn>${path ? `/${path}` : ''}`;
  if (kind === 'function') return `<${logicalIdOf(s.jobs.get(path)!.fn)}.Arn>`;
  if (kind === 'identity') return flatten(s.resolve(s.senderIdentity!.emailIdentityArn));
  const [purpose, ...key] = rest;
  const bucket = `<${logicalIdOf(s.data[purpose as 'evidence' | 'reports'])}.Arn>`;
  return kind === 'bucket' ? bucket : `${bucket}/${key.join('/')}`;
}

const glob = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
const allows = (grant: Grant, action: string, resource: string) =>
  glob(grant.action).test(action) && glob(grant.resource).test(resource);

interface Row {
  readonly id: string;
  readonly access: RouteAccess;
}
const rows: readonly Row[] = [...routes, ...jobs, ...uploadTriggers];
const rowOf = (fn: string) => rows.find((r) => r.id === fn);

/**
 * What a function may hold on the data without a recorded call needing it, and why. Nothing else: a grant
 * that no recorded call uses and no entry here explains fails the test.
 */
const ALLOWANCE: readonly {
  readonly why: string;
  readonly covers: (row: Row, grant: Grant) => boolean;
}[] = [
  {
    why:
      'The table is granted by mode (bind.ts TABLE_ACTIONS: item-level actions only, no Scan, Query on each index ' +
      'by name): which of them a request sends depends on its path (an Idempotency-Key adds a write, a retry a ' +
      'read), not on the route. That each function uses its mode is checked below.',
    covers: (row, g) =>
      row.access.table !== undefined &&
      g.resource.startsWith(`<${logicalIdOf(stack.data.table)}.Arn>`) &&
      TABLE_ACTIONS[row.access.table].includes(g.action),
  },
  {
    why:
      'S3 answers a GET of a missing key with 404 NoSuchKey only to a principal that may list the bucket, 403 ' +
      'otherwise: settling an upload that has not arrived (UPLOAD_MISSING) and reading a rollup not yet written ' +
      'rely on the 404 (bind.ts LISTING_MODES).',
    covers: (row, g) =>
      g.action === 's3:ListBucket' &&
      (['evidence', 'reports'] as const).some(
        (p) => row.access[p] !== undefined && g.resource === `<${logicalIdOf(stack.data[p])}.Arn>`,
      ),
  },
  {
    why:
      'A rollup file streamed in parts is aborted only when a part fails, which the emulator cannot be made to do; ' +
      'test/unit/store/multipartOutput.test.ts sends it through a mocked client.',
    covers: (row, g) => row.access.reports === 'readwrite' && g.action === 's3:AbortMultipartUpload',
  },
];

const DATA_ACTION = /^(dynamodb|s3|lambda|ses):/;

describe('IAM, proven by the recorded SDK calls', () => {
  const fns = [...new Set(recorded.map((n) => n.fn))].sort();

  it('has a recording for every route, job and upload trigger that touches AWS', () => {
    const needing = [...routes.filter((r) => Object.keys(r.access).length), ...jobs, ...uploadTriggers].map(
      (r) => r.id,
    );
    expect(needing.filter((id) => !fns.includes(id))).toEqual([]);
  });

  it.each(fns)('%s: its policy allows every call it was seen to make', (fn) => {
    const role = functionOf(stack, fn)?.executionRole;
    expect(role, `${fn} is no function of the stack`).toBeDefined();
    const grants = grantsOfRole(template, logicalIdOf(role!));
    const missing = recorded
      .filter((n) => n.fn === fn)
      .filter((n) => !grants.some((g) => allows(g, n.action, arnOf(stack, n.resource))))
      .map((n: Needed) => `${n.action} on ${n.resource}`);
    expect(missing).toEqual([]);
  });

  it.each(fns)(
    '%s: its policy allows nothing on the data that no call needed, beyond the allowance',
    (fn) => {
      const grants = grantsOfRole(template, logicalIdOf(functionOf(stack, fn)!.executionRole));
      const needs = recorded.filter((n) => n.fn === fn).map((n) => ({ ...n, arn: arnOf(stack, n.resource) }));
      const unused = grants
        .filter((g) => DATA_ACTION.test(g.action))
        .filter((g) => !needs.some((n) => allows(g, n.action, n.arn)))
        .filter((g) => !ALLOWANCE.some((a) => a.covers(rowOf(fn)!, g)))
        .map((g) => `${g.action} on ${g.resource}`);
      expect(unused).toEqual([]);
    },
  );

  it.each(fns.filter((fn) => rowOf(fn)?.access.table === 'readwrite'))(
    '%s: holds the table in readwrite mode and was seen writing to it',
    (fn) => {
      const writes = recorded.filter(
        (n) => n.fn === fn && n.resource === 'table' && !TABLE_ACTIONS.read.includes(n.action),
      );
      expect(writes.length).toBeGreaterThan(0);
    },
  );
});

describe('write-once evidence', () => {
  // Anything that removes a stored version, or lets a principal remove one early.
  const DESTRUCTIVE = [
    's3:DeleteObjectVersion',
    's3:BypassGovernanceRetention',
    's3:PutObjectRetention',
    's3:PutObjectLegalHold',
    's3:PutBucketObjectLockConfiguration',
    's3:PutLifecycleConfiguration',
    's3:PutBucketVersioning',
    's3:PutBucketPolicy',
    's3:DeleteBucket',
  ];
  const evidence = `<${logicalIdOf(stack.data.evidence)}.Arn>`;
  const functionIds = rows.map((r) => r.id);

  it('no function policy can delete or unlock a stored evidence version, in prod', () => {
    for (const id of functionIds) {
      const grants = grantsOfRole(template, logicalIdOf(functionOf(stack, id)!.executionRole)).filter(
        (g) => g.resource.startsWith(evidence) || g.resource === '*',
      );
      const destructive = grants.filter((g) => DESTRUCTIVE.some((a) => glob(g.action).test(a)));
      expect(
        destructive.map((g) => `${g.action} on ${g.resource}`),
        id,
      ).toEqual([]);
      // The one delete left (hiding a rejected upload) only adds a delete marker to a versioned, locked bucket.
      for (const g of grants.filter((x) => /Delete/.test(x.action)))
        expect(g.action, id).toBe('s3:DeleteObject');
    }
  });

  it('a withdrawal touches no stored object: its function has no grant on the evidence bucket', () => {
    const grants = grantsOfRole(
      template,
      logicalIdOf(stack.api.functions.get('withdrawEvidence')!.executionRole),
    );
    expect(grants.filter((g) => g.resource.startsWith(evidence))).toEqual([]);
  });
});

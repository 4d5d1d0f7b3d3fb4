import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Tests prove the deployed permissions by recording every AWS SDK command the functions send: when the
 * variable below names a folder (only the test harness sets it), each command is appended there as a JSON
 * line, with the function it ran for and the parameters that decide its IAM action and resource. An infra
 * test then checks each function's synthesized policy against what it was seen to need.
 */
export const SDK_CALL_LOG_ENV = 'SDK_CALL_LOG_DIR';

/** The route, job or trigger id of the function a call belongs to; the local Lambda stand-ins set it. */
export const runningFunction = new AsyncLocalStorage<string>();

export interface RecordedCall {
  readonly fn: string;
  readonly service: 'dynamodb' | 's3' | 'lambda' | 'ses';
  readonly command: string;
  readonly input: Record<string, unknown>;
}

// Only what changes the IAM action or resource: a VersionId turns s3:GetObject into s3:GetObjectVersion.
const KEPT = [
  'TableName',
  'IndexName',
  'Bucket',
  'Key',
  'VersionId',
  'BypassGovernanceRetention',
  'ObjectLockMode',
  'ObjectLockLegalHoldStatus',
  'Tagging',
  'CopySource',
  'FunctionName',
];

function essentials(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEPT) if (input[key] !== undefined) out[key] = input[key];
  if (input.RequestItems) out.RequestItems = Object.keys(input.RequestItems as object);
  if (Array.isArray(input.TransactItems)) {
    out.TransactItems = (input.TransactItems as Record<string, { TableName?: string }>[]).map((item) => {
      const [kind, body] = Object.entries(item)[0] ?? [];
      return { kind, TableName: body?.TableName };
    });
  }
  return out;
}

interface MiddlewareClient {
  middlewareStack: {
    add(
      mw: (
        next: (args: { input: object }) => Promise<unknown>,
        context: { commandName?: string },
      ) => (args: { input: object }) => Promise<unknown>,
      options: { step: 'initialize'; name: string },
    ): void;
  };
}

/** Adds the recording middleware to a module-scope client; it does nothing unless the variable is set. */
export function recordCalls(client: MiddlewareClient, service: RecordedCall['service']): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const dir = process.env[SDK_CALL_LOG_ENV];
      const fn = runningFunction.getStore();
      if (dir && fn) {
        const call: RecordedCall = {
          fn,
          service,
          command: (context.commandName ?? '').replace(/Command$/, ''),
          input: essentials(args.input as Record<string, unknown>),
        };
        appendFileSync(join(dir, `${process.pid}.jsonl`), `${JSON.stringify(call)}\n`);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordSdkCall' },
  );
}

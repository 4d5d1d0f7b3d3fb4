import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { catalogFor } from '../catalog/index.ts';
import { NotFoundError } from '../errors.ts';
import { bi } from '../i18n.ts';
import { logger } from '../http/logger.ts';
import { rollupYear } from './rollupYear.ts';

/** In AWS the rollup runs as its own function; set by the stack. Locally it runs in this process. */
const ROLLUP_FUNCTION = process.env.ROLLUP_FUNCTION_NAME || undefined;
const lambda = ROLLUP_FUNCTION ? new LambdaClient({}) : undefined;

export interface RollupRequest {
  readonly year: number;
  readonly requestedBy: string;
}

export const newRunId = (now: Date) =>
  `${now.toISOString().replace(/[-:.]/g, '')}-${Math.random().toString(36).slice(2, 8)}`;

/** The year before the one it is now in Vietnam (UTC+7): what a run on 1 February reports on. */
export function previousReportingYear(now: Date): number {
  return new Date(now.getTime() + 7 * 3600_000).getUTCFullYear() - 1;
}

export async function runRollup(request: RollupRequest, runId: string) {
  const catalog = catalogFor(request.year);
  if (!catalog) {
    throw new NotFoundError(
      bi(`Không có danh mục chỉ tiêu năm ${request.year}.`, `No catalog for ${request.year}.`),
      {
        code: 'NO_REPORTING_PERIOD',
      },
    );
  }
  return rollupYear({ ...request, catalog, runId, now: () => new Date() });
}

/** Starts a run without waiting for it: an HTTP request cannot outlast API Gateway's 30 seconds. */
export async function startRollup(request: RollupRequest, runId: string): Promise<void> {
  if (lambda) {
    await lambda.send(
      new InvokeCommand({
        FunctionName: ROLLUP_FUNCTION,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify({ ...request, runId })),
      }),
    );
    return;
  }
  void runRollup(request, runId).catch((error: unknown) =>
    logger.error('rollup failed', { error: error as Error }),
  );
}

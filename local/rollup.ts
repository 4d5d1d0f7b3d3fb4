process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startDynamoLocal } from './dynamo.ts';
import { applyLocalEnv, localBucketName, localBucketPurposes } from './env.ts';
import { isPortFree, StartupError } from './ports.ts';
import { startS3Emulator } from './s3.ts';
import { LOCAL_TABLE, LOCAL_BUCKET_PREFIX } from './stack.ts';

/*
 * `npm run rollup -- --year 2025`: runs the yearly rollup against the local data, with a progress bar. It uses
 * the running `npm start` stack when there is one, and otherwise starts DynamoDB Local and the S3 emulator on
 * the same data folder for the length of the run.
 */
const { values } = parseArgs({ options: { year: { type: 'string' } } });
const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? port + 1);
const s3Port = Number(process.env.S3_PORT ?? port + 2);
const dataDir = resolve(process.env.DATA_DIR ?? resolve(import.meta.dirname, '../.data'));

function bar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.min(width, Math.round((width * done) / total)) : width;
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} đơn vị / units`;
}

async function main() {
  const stops: (() => Promise<void>)[] = [];
  if (await isPortFree(dynamoPort)) {
    const dynamo = await startDynamoLocal({ port: dynamoPort, dataDir: resolve(dataDir, 'dynamodb') });
    stops.push(dynamo.stop);
  }
  if (await isPortFree(s3Port)) {
    const s3 = await startS3Emulator({
      port: s3Port,
      bucketNames: localBucketPurposes.map((p) => localBucketName(LOCAL_BUCKET_PREFIX, p)),
      corsOrigins: [],
      dataDir: resolve(dataDir, 's3'),
    });
    stops.push(s3.stop);
  }
  try {
    applyLocalEnv({
      tableName: LOCAL_TABLE,
      dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
      s3Endpoint: `http://127.0.0.1:${s3Port}`,
      bucketPrefix: LOCAL_BUCKET_PREFIX,
    });
    const { newRunId, previousReportingYear, runRollup } = await import('#shared/rollup/runner');
    const { catalogFor } = await import('#shared/catalog/index');
    const { listUnits } = await import('#shared/store/units');
    const year = values.year ? Number(values.year) : previousReportingYear(new Date());
    if (!catalogFor(year)) throw new StartupError(`No catalog for ${year}.`);
    const { getPeriod } = await import('#shared/store/periods');
    const { hierarchyDayOf, inYearHierarchy } = await import('#shared/domain/yearHierarchy');
    // The units of the year's hierarchy, the ones the pass goes through.
    const day = hierarchyDayOf(await getPeriod(year));
    const total = (await listUnits()).filter((u) => inYearHierarchy(u, day)).length;
    const started = Date.now();
    const { counts } = await runRollup({ year, requestedBy: 'cli' }, newRunId(new Date()), {
      onProgress: ({ units }) => process.stderr.write(`\r${bar(units, total)}`),
    });
    process.stderr.write('\n');
    console.log(`Rollup ${year} done in ${((Date.now() - started) / 1000).toFixed(1)} s:`, counts);
    console.log(
      `Files: s3://${localBucketName(LOCAL_BUCKET_PREFIX, 'reports')}/rollups/${year}/runs/ (GET /rollups/${year} links the published run)`,
    );
  } finally {
    for (const stop of stops.reverse()) await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof StartupError ? `Cannot run: ${error.message}` : error);
  process.exit(1);
});

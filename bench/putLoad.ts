import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '#shared/model';
import { BENCH_YEAR, valuesWith } from './lib/data.ts';
import { percentile } from './lib/stats.ts';

/*
 * The write-path baseline, in a process of its own like the API: conditional PutItems
 * (attribute_not_exists(pk)) on fresh keys, `concurrency` at a time for `seconds`, against the same table.
 * The items have the shape and size of a report's current item. Prints one JSON line.
 * Two more modes break a save down into its storage calls: `get` (a consistent GetItem of an existing
 * item, as a save does three times) and `transact` (a TransactWriteItems of a report, its revision and an
 * idempotency claim, each conditional on a fresh key, as a save's commit).
 * Usage: putLoad.ts <concurrency> <seconds> <runTag> [put|get|transact]
 */
const [concurrency, seconds, tag, mode = 'put'] = process.argv.slice(2) as [string, string, string, string?];
const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: process.env.DYNAMODB_ENDPOINT, maxAttempts: 1 }),
  { marshallOptions: { removeUndefinedValues: true } },
);
const TABLE = process.env.TABLE_NAME as string;
const latencies: number[] = [];
let ok = 0;
let errors = 0;
let next = 0;
const values = valuesWith(1);

async function worker(deadline: number) {
  while (Date.now() < deadline) {
    const n = next++;
    const unitId = `put-${tag}-${n}`;
    const started = performance.now();
    const item = {
      ...keys.report(BENCH_YEAR, unitId),
      ...keys.reportYearIndex(BENCH_YEAR + 1000, unitId),
      entity: 'bench-put',
      year: BENCH_YEAR,
      unitId,
      status: 'draft',
      version: 1,
      values,
      updatedAt: new Date().toISOString(),
    };
    try {
      if (mode === 'get') {
        await ddb.send(
          new GetCommand({ TableName: TABLE, Key: keys.period(BENCH_YEAR), ConsistentRead: true }),
        );
      } else if (mode === 'transact') {
        const fresh = { ConditionExpression: 'attribute_not_exists(pk)', TableName: TABLE };
        await ddb.send(
          new TransactWriteCommand({
            TransactItems: [
              { Put: { ...fresh, Item: item } },
              {
                Put: {
                  ...fresh,
                  Item: { ...item, ...keys.revision(BENCH_YEAR, unitId, 1), gsi1pk: undefined },
                },
              },
              {
                Put: {
                  ...fresh,
                  Item: { ...keys.idempotency(unitId, 'k'), entity: 'bench-idem', result: {} },
                },
              },
            ],
          }),
        );
      } else {
        await ddb.send(
          new PutCommand({ TableName: TABLE, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }),
        );
      }
      ok += 1;
      latencies.push(performance.now() - started);
    } catch {
      errors += 1;
    }
  }
}

// A short warm-up, as the API gets one, then the measured run.
await Promise.all(Array.from({ length: Number(concurrency) }, () => worker(Date.now() + 2000)));
ok = 0;
errors = 0;
latencies.length = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Number(concurrency) }, () => worker(Date.now() + Number(seconds) * 1000)),
);
const elapsed = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({
    requests: ok,
    errors,
    seconds: elapsed,
    rps: ok / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  })}\n`,
);
ddb.destroy();

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { chainEntry, GENESIS_HASH, type AuditEntry, type AuditEntryInput } from '../domain/auditChain.ts';
import { entities, keys, type AuditHead } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll } from './pages.ts';
import { jittered, retry } from './retry.ts';
import { conditioned, transact, WriteConflict, type Write } from './transact.ts';

const table = () => tableName();

async function readHead(year: number): Promise<AuditHead> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: table(), Key: keys.auditHead(year), ConsistentRead: true }),
  );
  return Item ? entities.auditHead.decode(Item) : { seq: 0, hash: GENESIS_HASH };
}

/**
 * The writes that append one entry: the head moves from the sequence number just read to the next, so two
 * appenders can never both land on one number; the loser's transaction fails and it retries.
 */
export async function auditAppendItems(input: AuditEntryInput): Promise<Write[]> {
  const head = await readHead(input.year);
  const entry = chainEntry(input, head.seq + 1, head.hash);
  return [
    conditioned('AUDIT_HEAD_MOVED', {
      Put: {
        TableName: table(),
        Item: entities.auditHead.encode({ seq: entry.seq, hash: entry.hash }, keys.auditHead(input.year)),
        ConditionExpression: head.seq === 0 ? 'attribute_not_exists(pk)' : 'seq = :seq',
        ...(head.seq === 0 ? {} : { ExpressionAttributeValues: { ':seq': head.seq } }),
      },
    }),
    conditioned('AUDIT_ENTRY_EXISTS', {
      Put: {
        TableName: table(),
        Item: entities.auditEntry.encode(entry),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    }),
  ];
}

/** Appends on its own, retrying when another appender took the sequence number first. */
export async function appendAudit(input: AuditEntryInput): Promise<void> {
  await retry(
    jittered(8, 15),
    (error) => error instanceof WriteConflict,
    async () => transact(await auditAppendItems(input)),
  );
}

/** The year's chain up to its head, in order. */
export async function readAuditChain(year: number): Promise<{ entries: AuditEntry[]; head: AuditHead }> {
  // The head first: entries appended after it was read are left out, not mistaken for a break.
  const head = await readHead(year);
  const items = await queryAll({
    TableName: table(),
    KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
    ExpressionAttributeValues: {
      ':pk': keys.auditHead(year).pk,
      ':first': keys.auditEntry(year, 1).sk,
      ':last': keys.auditEntry(year, Math.max(head.seq, 1)).sk,
    },
    ConsistentRead: true,
  });
  const entries = items.map((item) => entities.auditEntry.decode(item));
  return { entries: head.seq === 0 ? [] : entries, head };
}

import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { chainEntry, GENESIS_HASH, type AuditEntry, type AuditEntryInput } from '../domain/auditChain.ts';
import { keys } from '../model.ts';
import { ddb, tableName } from './dynamo.ts';
import { queryAll } from './pages.ts';
import { transact, WriteConflict, type TransactItem } from './transact.ts';

const table = () => tableName();

async function readHead(year: number): Promise<{ seq: number; hash: string }> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: table(), Key: keys.auditHead(year), ConsistentRead: true }),
  );
  return Item ? { seq: Item.seq as number, hash: Item.hash as string } : { seq: 0, hash: GENESIS_HASH };
}

/**
 * The writes that append one entry: the head moves from the sequence number just read to the next, so two
 * appenders can never both land on one number; the loser's transaction fails and it retries.
 */
export async function auditAppendItems(input: AuditEntryInput): Promise<TransactItem[]> {
  const head = await readHead(input.year);
  const entry = chainEntry(input, head.seq + 1, head.hash);
  return [
    {
      Put: {
        TableName: table(),
        Item: { ...keys.auditHead(input.year), entity: 'auditHead', seq: entry.seq, hash: entry.hash },
        ConditionExpression: head.seq === 0 ? 'attribute_not_exists(pk)' : 'seq = :seq',
        ...(head.seq === 0 ? {} : { ExpressionAttributeValues: { ':seq': head.seq } }),
      },
    },
    {
      Put: {
        TableName: table(),
        Item: { ...keys.auditEntry(input.year, entry.seq), entity: 'auditEntry', ...entry },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** Appends on its own, retrying when another appender took the sequence number first. */
export async function appendAudit(input: AuditEntryInput): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await transact(await auditAppendItems(input));
      return;
    } catch (error) {
      if (!(error instanceof WriteConflict) || attempt >= 8) throw error;
      await new Promise((r) => setTimeout(r, Math.random() * 15 * attempt));
    }
  }
}

/** The year's chain up to its head, in order. */
export async function readAuditChain(
  year: number,
): Promise<{ entries: AuditEntry[]; head: { seq: number; hash: string } }> {
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
  const entries = items.map(({ pk: _pk, sk: _sk, entity: _e, ...entry }) => entry as unknown as AuditEntry);
  return { entries: head.seq === 0 ? [] : entries, head };
}

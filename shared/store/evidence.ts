import { dataModel, keys } from '../model.ts';
import { tableName } from './clients.ts';
import { queryPages } from './pages.ts';

const TABLE = tableName();

/** Codes of the catalog fields that at least one verified evidence file of the report supports. */
export async function verifiedEvidenceFields(year: number, unitId: string): Promise<Set<string>> {
  const out = new Set<string>();
  const { partitionKey } = dataModel.indexes.byCollection;
  const { gsi2pk } = keys.evidenceCollection(year, unitId);
  for await (const page of queryPages({
    TableName: TABLE,
    IndexName: 'byCollection',
    KeyConditionExpression: '#pk = :pk',
    FilterExpression: '#status = :verified',
    ExpressionAttributeNames: { '#pk': partitionKey, '#status': 'status', '#fields': 'fields' },
    ExpressionAttributeValues: { ':pk': gsi2pk, ':verified': 'verified' },
    ProjectionExpression: '#fields',
  })) {
    for (const item of page) for (const field of (item.fields as string[] | undefined) ?? []) out.add(field);
  }
  return out;
}

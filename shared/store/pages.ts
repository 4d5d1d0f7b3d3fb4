import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './dynamo.ts';

/** Every page of a Query, in order, without holding more than one page at a time. */
export async function* queryPages(input: QueryCommandInput): AsyncGenerator<Record<string, unknown>[]> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    yield (page.Items ?? []) as Record<string, unknown>[];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/**
 * Every page of a Query, with the next page asked for as soon as one is handed over, so DynamoDB answers while
 * the caller works: at most two pages are held.
 */
export async function* queryPagesAhead(input: QueryCommandInput): AsyncGenerator<Record<string, unknown>[]> {
  const pages = queryPages(input);
  let next = pages.next();
  try {
    for (;;) {
      const page = await next;
      if (page.done) return;
      next = pages.next();
      yield page.value;
    }
  } finally {
    // A caller that stops early leaves one page in flight; its failure then concerns no one.
    next.catch(() => undefined);
  }
}

export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const page of queryPages(input)) out.push(...page);
  return out;
}

/** The query with only `attributes` read, each through a placeholder name so that reserved words are safe. */
export function withProjection<Q extends { ExpressionAttributeNames?: Record<string, string> }>(
  query: Q,
  attributes: readonly string[] | undefined,
): Q & { ProjectionExpression?: string } {
  if (!attributes) return query;
  const names: Record<string, string> = { ...query.ExpressionAttributeNames };
  const placeholders = attributes.map((attribute, i) => {
    names[`#p${i}`] = attribute;
    return `#p${i}`;
  });
  return { ...query, ExpressionAttributeNames: names, ProjectionExpression: placeholders.join(', ') };
}

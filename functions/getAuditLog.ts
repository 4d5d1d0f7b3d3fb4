import { coerce, object, string } from 'zod';
import { parseWith } from '#shared/api/zodIssues';
import { verifyChain } from '#shared/domain/auditChain';
import { UNIT_ID_PATTERN } from '#shared/hierarchy';
import { apiHandler } from '#shared/http/apiHandler';
import { readAuditChain } from '#shared/store/audit';

const query = object({
  year: coerce.number().int().min(2000).max(2100),
  unit: string().regex(UNIT_ID_PATTERN).optional(),
}).strict();

/** The year's log, checked link by link; `unit` narrows what is listed, never what is verified. */
export const handler = apiHandler('getAuditLog', async (req) => {
  const { year, unit } = parseWith(query, req.query, 'query');
  const { entries, head } = await readAuditChain(year);
  const chain = verifyChain(entries, head);
  return { body: { year, chain, entries: unit ? entries.filter((e) => e.unitId === unit) : entries } };
});

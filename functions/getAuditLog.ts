import { queryParams } from '#shared/api/params';
import { routeById } from '#shared/contract/routes';
import { verifyChain } from '#shared/domain/auditChain';
import { apiHandler } from '#shared/http/apiHandler';
import { readAuditChain } from '#shared/store/audit';

const route = routeById('getAuditLog');

/** The year's log, checked link by link; `unit` narrows what is listed, never what is verified. */
export const handler = apiHandler('getAuditLog', async (req) => {
  const { year, unit } = queryParams(route, req.query) as { year: number; unit?: string };
  const { entries, head } = await readAuditChain(year);
  const chain = verifyChain(entries, head);
  return { body: { year, chain, entries: unit ? entries.filter((e) => e.unitId === unit) : entries } };
});

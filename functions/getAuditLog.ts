import { encodeCursor, parseAuditQuery } from '#shared/api/auditQuery';
import { apiHandler } from '#shared/http/apiHandler';
import { auditPage } from '#shared/store/audit';

/** One page of the year's log in time order, narrowed by unit, action, actor and time; `next` continues it. */
export const handler = apiHandler('getAuditLog', async (req) => {
  const query = parseAuditQuery(req.query);
  const page = await auditPage(query);
  return {
    body: {
      year: query.year,
      entries: page.entries,
      ...(page.next ? { next: encodeCursor(page.next) } : {}),
    },
  };
});

import { decodeCursor, encodeCursor } from '#shared/api/auditQuery';
import { queryParams, reportingYear } from '#shared/api/params';
import { routeById } from '#shared/contract/routes';
import { apiHandler } from '#shared/http/apiHandler';
import { keys } from '#shared/model';
import { reminderPage } from '#shared/store/reminders';

const route = routeById('listReminders');
const DEFAULT_LIMIT = 100;

/** The year's outbox, newest first: every reminder written, to whom, what it said and what became of it. */
export const handler = apiHandler('listReminders', async (req) => {
  const { year } = reportingYear(req);
  const q = queryParams(route, req.query) as { limit?: number; cursor?: string };
  // A cursor of another year (or another list) would be another index partition: refused, not sent on.
  const after = q.cursor
    ? decodeCursor(q.cursor, { gsi2pk: keys.remindersCollection(year).gsi2pk })
    : undefined;
  const page = await reminderPage(year, q.limit ?? DEFAULT_LIMIT, after);
  return { body: { year, items: page.items, ...(page.next ? { next: encodeCursor(page.next) } : {}) } };
});

import { reportingYear } from '#shared/api/params';
import { apiHandler } from '#shared/http/apiHandler';
import { getPeriod } from '#shared/store/periods';

export const handler = apiHandler('getPeriod', async (req) => ({
  body: await getPeriod(reportingYear(req).year),
}));

import { ownUnit, reportingYear } from '#shared/api/params';
import { apiHandler } from '#shared/http/apiHandler';
import { listEvidence } from '#shared/store/evidence';

export const handler = apiHandler('listMyEvidence', async (req) => ({
  body: { items: await listEvidence(reportingYear(req).year, ownUnit(req)) },
}));

import { apiHandler } from '#shared/http/apiHandler';
import { LEVELS } from '#shared/hierarchy';
import { listUnits } from '#shared/store/units';

export const handler = apiHandler('listUnits', async () => ({
  body: { levels: LEVELS, units: await listUnits() },
}));

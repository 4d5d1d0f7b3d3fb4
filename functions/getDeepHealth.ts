import { apiHandler } from '#shared/http/apiHandler';
import { checkStorage } from '#shared/store/health';

export const handler = apiHandler('getDeepHealth', async () => {
  const checks = await checkStorage();
  const down = Object.entries(checks)
    .filter(([, status]) => status === 'down')
    .map(([name]) => name);
  return {
    status: down.length ? 503 : 200,
    body: { status: down.length ? 'degraded' : 'ok', checks, ...(down.length ? { down } : {}) },
  };
});

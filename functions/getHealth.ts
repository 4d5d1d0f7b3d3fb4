import { publicHandler } from '#shared/http/apiHandler';

/** Anyone may ask, so it answers from the function alone; GET /health/deep checks storage, for admins. */
export const handler = publicHandler('getHealth', async () => ({ body: { status: 'ok' } }));

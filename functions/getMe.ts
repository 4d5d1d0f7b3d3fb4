import { apiHandler } from '#shared/http/apiHandler';

export const handler = apiHandler('getMe', async ({ identity }) => ({ body: identity }));

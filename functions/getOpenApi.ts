import { publicHandler } from '#shared/http/apiHandler';
// Written by `npm run openapi` from the route table and the contracts; a unit test keeps it current.
import document from '../shared/api/openapi.json' with { type: 'json' };

export const handler = publicHandler('getOpenApi', async () => ({ body: document }));

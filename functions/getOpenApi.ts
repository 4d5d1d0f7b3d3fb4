import { openApiDocument } from '#shared/api/openapi';
import { publicHandler } from '#shared/http/apiHandler';

// Built once per cold start: the document depends only on code.
const document = openApiDocument();

export const handler = publicHandler('getOpenApi', async () => ({ body: document }));

import { catalogYears } from '#shared/catalog/index';
import { publicHandler } from '#shared/http/apiHandler';

const body = { years: catalogYears };

export const handler = publicHandler('listCatalogYears', async () => ({
  body,
  headers: { 'cache-control': 'public, max-age=300' },
}));

import { catalogFor, catalogYears, publicCatalog } from '#shared/catalog/index';
import { NotFoundError } from '#shared/errors';
import { publicHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';

// Built once per cold start: the catalogs are constant for the life of a deployment.
const bodies = new Map<number, unknown>();
for (const year of catalogYears) {
  const catalog = catalogFor(year);
  if (catalog) bodies.set(year, publicCatalog(catalog));
}

export const handler = publicHandler('getCatalog', async ({ path: { year } }) => {
  const body = bodies.get(year);
  if (body === undefined) {
    throw new NotFoundError(
      bi(
        `Chưa có danh mục chỉ tiêu cho năm ${year}. Các năm hiện có: ${catalogYears.join(', ')}.`,
        `There is no catalog for ${year}. Years available: ${catalogYears.join(', ')}.`,
      ),
    );
  }
  return { body, headers: { 'cache-control': 'public, max-age=300' } };
});

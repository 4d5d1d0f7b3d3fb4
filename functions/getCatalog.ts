import { catalogFor, catalogYears, publicCatalog } from '#shared/catalog/index';
import { NotFoundError } from '#shared/errors';
import { publicHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';

// Built on a year's first request, then kept: the catalogs are constant for the life of a deployment, and
// building every year's at import (number formats and their locale data) made this cold start 2x an empty Node.
const bodies = new Map<number, unknown>();
function bodyOf(year: number) {
  let body = bodies.get(year);
  const catalog = body ? undefined : catalogFor(year);
  if (catalog) bodies.set(year, (body = publicCatalog(catalog, catalogYears)));
  return body;
}

export const handler = publicHandler('getCatalog', async (req) => {
  const { year } = req.path;
  const body = bodyOf(year);
  if (body === undefined) {
    throw new NotFoundError(
      bi(
        `Chưa có danh mục chỉ tiêu cho năm ${year}. Các năm hiện có: ${catalogYears.join(', ')}.`,
        `There is no catalog for ${year}. Years available: ${catalogYears.join(', ')}.`,
      ),
    );
  }
  // Cached for five minutes, then revalidated (a conditional route): a repeat visit costs a 304.
  return { body, headers: { 'cache-control': 'public, max-age=300' } };
});

import { catalogFor, catalogYears, publicCatalog } from '#shared/catalog/index';
import { NotFoundError } from '#shared/errors';
import { publicHandler } from '#shared/http/apiHandler';
import { conditionalAnswer, weakEtagOf } from '#shared/http/conditionalGet';
import { bi } from '#shared/contract/i18n';

// Built on a year's first request, then kept: the catalogs are constant for the life of a deployment, and
// building every year's at import (number formats and their locale data) made this cold start 2x an empty Node.
const bodies = new Map<number, { readonly body: unknown; readonly etag: string }>();
function bodyOf(year: number) {
  let entry = bodies.get(year);
  const catalog = entry ? undefined : catalogFor(year);
  if (catalog) {
    const body = publicCatalog(catalog, catalogYears);
    bodies.set(year, (entry = { body, etag: weakEtagOf(body) }));
  }
  return entry;
}

export const handler = publicHandler('getCatalog', async (req) => {
  const { year } = req.path;
  const entry = bodyOf(year);
  if (entry === undefined) {
    throw new NotFoundError(
      bi(
        `Chưa có danh mục chỉ tiêu cho năm ${year}. Các năm hiện có: ${catalogYears.join(', ')}.`,
        `There is no catalog for ${year}. Years available: ${catalogYears.join(', ')}.`,
      ),
    );
  }
  // Cached for five minutes, then revalidated: a repeat visit costs a 304.
  return conditionalAnswer(req.headers, entry.body, entry.etag, 'public, max-age=300');
});

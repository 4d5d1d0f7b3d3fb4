import { catalogFor, catalogYears, publicCatalog } from '#shared/catalog/index';
import { NotFoundError } from '#shared/errors';
import { publicHandler } from '#shared/http/apiHandler';
import { conditionalAnswer, weakEtagOf } from '#shared/http/conditionalGet';
import { bi } from '#shared/contract/i18n';

// Built once per cold start: the catalogs are constant for the life of a deployment.
const bodies = new Map<number, { readonly body: unknown; readonly etag: string }>();
for (const year of catalogYears) {
  const catalog = catalogFor(year);
  if (catalog) {
    const body = publicCatalog(catalog, catalogYears);
    bodies.set(year, { body, etag: weakEtagOf(body) });
  }
}

export const handler = publicHandler('getCatalog', async (req) => {
  const { year } = req.path;
  const entry = bodies.get(year);
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

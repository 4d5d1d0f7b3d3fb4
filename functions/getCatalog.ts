import { catalogFor, catalogYears, publicCatalog } from '#shared/catalog/index';
import { NotFoundError, ValidationError } from '#shared/errors';
import { publicHandler } from '#shared/http/apiHandler';
import { bi } from '#shared/contract/i18n';

// Built once per cold start: the catalogs are constant for the life of a deployment.
const bodies = new Map<number, unknown>();
for (const year of catalogYears) {
  const catalog = catalogFor(year);
  if (catalog) bodies.set(year, publicCatalog(catalog));
}

function parseYear(raw: string | undefined): number {
  const year = raw !== undefined && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(year)) {
    throw new ValidationError(bi('Năm không hợp lệ.', 'The year is not valid.'), {
      issues: [
        {
          path: 'year',
          code: 'invalid_year',
          message: bi('Năm phải là số nguyên, ví dụ 2025.', 'The year must be a whole number, e.g. 2025.'),
        },
      ],
    });
  }
  return year;
}

export const handler = publicHandler('getCatalog', async ({ params }) => {
  const year = parseYear(params.year);
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

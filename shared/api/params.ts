import { catalogFor, type Catalog } from '../catalog/index.ts';
import { NotFoundError, PreconditionFailedError } from '../errors.ts';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import { bi } from '../contract/i18n.ts';
import type { AuthedRequest, PublicRequest } from '../http/types.ts';
import { invalidInput } from './zodIssues.ts';

/*
 * Path parameters are parsed by hand rather than with zod: every handler reads them, and zod would otherwise be
 * most of a small handler's bundle.
 */
export function pathParam(
  req: PublicRequest,
  name: string,
  pattern: RegExp,
  what: { vi: string; en: string },
): string {
  const value = req.params[name];
  if (value !== undefined && pattern.test(value)) return value;
  throw invalidInput([
    { path: name, code: 'invalid_format', message: bi(`${what.vi} không hợp lệ`, `Invalid ${what.en}`) },
  ]);
}

function intParam(
  req: PublicRequest,
  name: string,
  min: number,
  max: number,
  what: { vi: string; en: string },
): number {
  const n = Number(pathParam(req, name, /^\d{1,7}$/, what));
  if (n >= min && n <= max) return n;
  throw invalidInput([
    {
      path: name,
      code: n < min ? 'too_small' : 'too_big',
      message: bi(`${what.vi} phải từ ${min} đến ${max}`, `${what.en} must be from ${min} to ${max}`),
    },
  ]);
}

/** The `{year}` path parameter: an integer year that has a catalog, i.e. a year that can be reported on. */
export function reportingYear(req: PublicRequest): { year: number; catalog: Catalog } {
  const year = intParam(req, 'year', 2000, 2100, { vi: 'Năm báo cáo', en: 'reporting year' });
  const catalog = catalogFor(year);
  if (!catalog) {
    throw new NotFoundError(
      bi(`Không có kỳ báo cáo cho năm ${year}.`, `There is no reporting period for ${year}.`),
      { code: 'NO_REPORTING_PERIOD' },
    );
  }
  return { year, catalog };
}

export const unitParam = (req: PublicRequest): string =>
  pathParam(req, 'unitId', UNIT_ID_PATTERN, { vi: 'Mã đơn vị', en: 'unit id' });
export const versionParam = (req: PublicRequest): number =>
  intParam(req, 'n', 1, 1_000_000, { vi: 'Số phiên bản', en: 'version number' });

/** An agency's own unit, from its token; never from the body or the path. */
export function ownUnit(req: AuthedRequest): string {
  return req.identity.unitId as string;
}

/** `If-Match: "v3"` → 3. A malformed value cannot match anything, so it is a failed precondition. */
export function ifMatchVersion(req: PublicRequest): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const match = /^(?:W\/)?"v(\d+)"$/.exec(raw.trim());
  if (!match) {
    throw new PreconditionFailedError(
      bi('If-Match phải có dạng "v<số phiên bản>".', 'If-Match must look like "v<version>".'),
    );
  }
  return Number(match[1]);
}

export const etagOf = (version: number): string => `"v${version}"`;

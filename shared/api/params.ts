import { coerce, string } from 'zod';
import { catalogFor, type Catalog } from '../catalog/index.ts';
import { NotFoundError, PreconditionFailedError } from '../errors.ts';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import { bi } from '../i18n.ts';
import type { AuthedRequest, PublicRequest } from '../http/types.ts';
import { parseWith } from './zodIssues.ts';

const yearSchema = coerce.number().int().min(2000).max(2100);
const versionSchema = coerce.number().int().min(1).max(1_000_000);
const unitIdSchema = string().regex(UNIT_ID_PATTERN);

/** The `{year}` path parameter: an integer year that has a catalog, i.e. a year that can be reported on. */
export function reportingYear(req: PublicRequest): { year: number; catalog: Catalog } {
  const year = parseWith(yearSchema, req.params.year, 'year');
  const catalog = catalogFor(year);
  if (!catalog) {
    throw new NotFoundError(
      bi(`Không có kỳ báo cáo cho năm ${year}.`, `There is no reporting period for ${year}.`),
      { code: 'NO_REPORTING_PERIOD' },
    );
  }
  return { year, catalog };
}

export const unitParam = (req: PublicRequest): string => parseWith(unitIdSchema, req.params.unitId, 'unitId');
export const versionParam = (req: PublicRequest): number => parseWith(versionSchema, req.params.n, 'n');

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

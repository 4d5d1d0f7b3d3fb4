import { catalogFor, type Catalog } from '../catalog/index.ts';
import { CODE, unknownField } from '../contract/errors.ts';
import type { ParamSchema } from '../contract/params.ts';
import type { Route } from '../contract/routes.ts';
import { NotFoundError, PreconditionFailedError } from '../errors.ts';
import { bi } from '../contract/i18n.ts';
import type { AuthedRequest, PublicRequest } from '../http/types.ts';
import { invalidInput } from './zodIssues.ts';

/*
 * Path and query parameters are parsed here and nowhere else, from the schemas the route table declares
 * (shared/contract/params.ts). By hand rather than with zod: every handler reads them, and zod would otherwise
 * be most of a small handler's bundle.
 */
const WHOLE_NUMBER = /^-?\d{1,16}$/;

function parseParam(schema: ParamSchema, path: string, raw: string | undefined): string | number {
  const { label } = schema;
  if (raw === undefined) {
    throw invalidInput([
      { path, code: 'required', message: bi(`Cần ${label.vi}`, `The ${label.en} is required`) },
    ]);
  }
  if (schema.type === 'string') {
    if (schema.pattern.test(raw)) return raw;
    throw invalidInput([
      { path, code: 'invalid_format', message: bi(`${label.vi} không hợp lệ`, `Invalid ${label.en}`) },
    ]);
  }
  const n = WHOLE_NUMBER.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n)) {
    throw invalidInput([
      {
        path,
        code: schema.malformed,
        message: bi(`${label.vi} phải là số nguyên, ví dụ 2025.`, `The ${label.en} must be a whole number.`),
      },
    ]);
  }
  const { minimum = -Infinity, maximum = Infinity } = schema;
  if (n >= minimum && n <= maximum) return n;
  throw invalidInput([
    {
      path,
      code: n < minimum ? 'too_small' : 'too_big',
      message: bi(
        `${label.vi} phải từ ${minimum} đến ${maximum}`,
        `The ${label.en} must be from ${minimum} to ${maximum}`,
      ),
    },
  ]);
}

/** The route's path parameters, in path order: the first that is malformed is the 400. */
export function pathParams(
  route: Route,
  raw: Readonly<Record<string, string>>,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, schema] of Object.entries(route.params)) out[name] = parseParam(schema, name, raw[name]);
  return out;
}

/** The route's query parameters; one it does not declare is refused, so a misspelt filter is not ignored. */
export function queryParams(
  route: Route,
  raw: Readonly<Record<string, string>>,
): Record<string, string | number | undefined> {
  const declared = route.query ?? {};
  const unknown = Object.keys(raw).filter((k) => !Object.hasOwn(declared, k));
  if (unknown.length) throw invalidInput(unknown.map((k) => unknownField(`query.${k}`, k)));
  const out: Record<string, string | number | undefined> = {};
  for (const [name, { schema, required }] of Object.entries(declared)) {
    const value = raw[name];
    if (value === undefined && !required) continue;
    out[name] = parseParam(schema, `query.${name}`, value);
  }
  return out;
}

/** A year that can be reported on has a catalog; any other is 404. */
export function reportingYear(req: { readonly path: { readonly year: number } }): {
  year: number;
  catalog: Catalog;
} {
  const { year } = req.path;
  const catalog = catalogFor(year);
  if (!catalog) {
    throw new NotFoundError(
      bi(`Không có kỳ báo cáo cho năm ${year}.`, `There is no reporting period for ${year}.`),
      { code: CODE.NO_REPORTING_PERIOD },
    );
  }
  return { year, catalog };
}

/** An agency's own unit, from its token; never from the body or the path. */
export function ownUnit(req: AuthedRequest): string {
  return req.identity.unitId as string;
}

/**
 * `If-Match: "v3"` → 3; also the tag a conditional GET answered with (`W/"v3-<digest>"`, http/conditionalGet.ts):
 * a change needs the version it was made on, and the digest only says which answer showed it. A malformed
 * value cannot match anything, so it is a failed precondition.
 */
export function ifMatchVersion(req: PublicRequest): number | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined) return undefined;
  const match = /^(?:W\/)?"v(\d+)(?:-[\w-]+)?"$/.exec(raw.trim());
  if (!match) {
    throw new PreconditionFailedError(
      bi('If-Match phải có dạng "v<số phiên bản>".', 'If-Match must look like "v<version>".'),
    );
  }
  return Number(match[1]);
}

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsPlugin from 'ajv-formats';
import { matchPath, routes, type Route } from '#shared/contract/routes';
import document from '../../shared/api/openapi.json' with { type: 'json' };

/*
 * Every answer the integration suite gets from the API is checked here against the OpenAPI document the API
 * serves: the operation must document the status, and the body must match that status's schema. A mismatch
 * fails the test that made the request.
 */
// ajv-formats is CommonJS with a default export; under ESM its function sits on `default`.
const addFormats = (addFormatsPlugin as unknown as { default: typeof addFormatsPlugin }).default;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, 'openapi');

const pointer = (...parts: string[]) =>
  parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');
const validators = new Map<string, ValidateFunction | undefined>();

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
const paths = document.paths as unknown as Record<string, Record<string, Operation>>;

/** The route table's row a request reached, as the gateway would route it; undefined for /dev, files, 404s. */
export function routeOf(method: string, path: string): Route | undefined {
  const { pathname } = new URL(path, 'http://api.invalid');
  return (routes as readonly Route[]).find((r) => r.method === method && matchPath(r.path, pathname));
}

/** The answers checked so far in this worker, in order. */
export const checkedResponses: { routeId: string; status: number }[] = [];

/** Checks one answer the suite received; throws, failing the test that made the request, on a mismatch. */
export function checkResponse(method: string, path: string, status: number, body: unknown): void {
  const route = routeOf(method, path);
  if (!route) return;
  checkedResponses.push({ routeId: route.id, status });
  const problem = responseProblem(route, status, body);
  if (problem) throw new Error(`${method} ${path}: ${problem}`);
}

/** Why an answer does not match its operation in the document, or undefined when it does. */
export function responseProblem(route: Route, status: number, body: unknown): string | undefined {
  const op = paths[route.path]?.[route.method.toLowerCase()];
  if (!op) return `${route.id} is not in the OpenAPI document`;
  const response = op.responses[String(status)];
  if (!response) return `${route.id} answered ${status}, a status its operation does not document`;
  if (!response.content)
    return body === undefined ? undefined : `${route.id} ${status} has no documented body`;
  const ref = `openapi#/${pointer('paths', route.path, route.method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`;
  if (!validators.has(ref)) validators.set(ref, ajv.getSchema(ref));
  const validate = validators.get(ref);
  if (!validate) return `${route.id} ${status}: no schema at ${ref}`;
  if (validate(body)) return undefined;
  return `${route.id} ${status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors, { separator: '; ' })}`;
}

import { defaultTargetSet, resolveTargetSet, type Catalog } from '../catalog/index.ts';
import { targetSetBody } from '../contract/bodies.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

/** The body checked in shape and against the catalog, over its defaults: what the OpenAPI example must pass. */
export function parseTargetSet(catalog: Catalog, body: unknown) {
  const input = parseWith(targetSetBody, body);
  const resolved = resolveTargetSet(catalog, defaultTargetSet(catalog), input, {
    version: 1,
    setBy: 'example',
    setAt: `${catalog.year}-01-01T00:00:00.000Z`,
  });
  if (!resolved.set) throw invalidInput(resolved.problems);
  return resolved.set;
}

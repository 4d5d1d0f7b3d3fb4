import { array, number, object, optional, record, string } from 'zod';
import { defaultTargetSet, resolveTargetSet, type Catalog, type TargetSetInput } from '../catalog/index.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

/*
 * PUT /targets/{year}: the targets, point weights and band cut-offs an admin sets for a year, each citing a
 * source. The shape is checked here; what the values mean (known indicators and levels, sources that exist,
 * bands in order) is checked against the catalog by resolveTargetSet.
 */
const text = string().trim().min(1).max(2000);
const bilingual = object({ vi: text, en: text }).strict();
const sourced = object({ value: number(), source: string().min(1).max(64) }).strict();

export const targetSetBody = object({
  sources: optional(
    array(
      object({
        id: string().min(1).max(64),
        document: string().trim().min(1).max(200),
        title: bilingual,
        note: optional(bilingual),
        links: optional(array(string().url().max(500)).max(10)),
      }).strict(),
    ).max(50),
  ),
  indicators: optional(
    record(
      string().max(64),
      object({ targets: optional(record(string().max(32), sourced)), maxPoints: optional(sourced) }).strict(),
    ),
  ),
  bands: optional(
    array(object({ id: string().max(32), minShare: number(), source: string().min(1).max(64) }).strict()).max(
      10,
    ),
  ),
}).strict() satisfies { parse(v: unknown): TargetSetInput };

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

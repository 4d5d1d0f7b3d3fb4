import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { openApiDocument } from '#shared/api/openapi';

const OPENAPI_FILE = resolve(import.meta.dirname, '../shared/api/openapi.json');

/*
 * `npm run openapi`: writes the OpenAPI document that GET /openapi.json serves. It depends only on code (the
 * route table, the request contracts, the newest catalog), so it is built here rather than at every cold start,
 * where building it would load all of zod's JSON Schema machinery. A unit test fails when it is out of date.
 */
writeFileSync(OPENAPI_FILE, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log(`Wrote ${OPENAPI_FILE}`);

import { describe, expect, it } from 'vitest';
import { openApiDocument } from '#shared/api/openapi';
import served from '../../shared/api/openapi.json' with { type: 'json' };

describe('the OpenAPI document GET /openapi.json serves', () => {
  it('is the one the route table and the contracts give today (if not: npm run openapi)', () => {
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});

import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The import boundaries of eslint.config.js, run on small snippets as if they sat in the files named: each
 * forbidden import is reported, and each allowed one is not.
 */
const eslint = new ESLint({ cwd: resolve(import.meta.dirname, '../..') });

async function restricted(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nvoid x;\n`, { filePath: file });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const cases: [string, string, string][] = [
  ['web/src/x.ts', "import { x } from '#shared/store/reports';", 'the store'],
  ['web/src/x.ts', "import { x } from '#shared/domain/report';", 'the domain'],
  ['web/src/x.ts', "import { x } from '#shared/http/apiHandler';", 'HTTP middleware'],
  ['web/src/x.ts', "import { x } from '#shared/api/reportView';", 'the API layer'],
  ['web/src/x.ts', "import type { x } from '#shared/errors';", 'the server’s typed errors, even as a type'],
  [
    'web/src/agency/x.ts',
    "import { x } from '../../../shared/hierarchy.ts';",
    'a relative path into shared/',
  ],
  ['web/src/x.ts', "import { x } from '@aws-sdk/client-s3';", 'the AWS SDK'],
  ['shared/contract/x.ts', "import { x } from '../domain/report.ts';", 'the contract reaching the domain'],
  ['shared/contract/x.ts', "import { x } from '../errors.ts';", 'the contract reaching server errors'],
  ['shared/catalog/x.ts', "import { x } from '../store/reports.ts';", 'the catalog reaching the store'],
  ['shared/catalog/x.ts', "import { x } from '../http/types.ts';", 'the catalog reaching HTTP'],
  ['shared/catalog/x.ts', "import { x } from 'node:crypto';", 'the catalog reaching Node.js'],
  ['shared/domain/x.ts', "import { x } from '../store/units.ts';", 'the domain reaching the store'],
  ['shared/domain/x.ts', "import { x } from '#shared/http/respond';", 'the domain reaching HTTP'],
  ['shared/domain/x.ts', "import { x } from '../api/params.ts';", 'the domain reaching the API layer'],
  ['shared/store/x.ts', "import type { x } from '../http/types.ts';", 'the store reaching HTTP'],
  ['shared/store/x.ts', "import { x } from '../api/zodIssues.ts';", 'the store reaching the API layer'],
  ['functions/x.ts', "import { x } from '../local/api.ts';", 'anything reaching local/'],
];

const allowed: [string, string][] = [
  ['web/src/x.ts', "import { x } from '#shared/contract/routes';"],
  ['web/src/x.ts', "import { x } from '#shared/catalog/validate';"],
  ['shared/contract/x.ts', "import { x } from '../catalog/public.ts';"],
  ['shared/domain/x.ts', "import { x } from '../contract/errors.ts';"],
  ['shared/store/x.ts', "import { x } from '../domain/report.ts';"],
  ['shared/http/x.ts', "import { x } from '../store/idempotency.ts';"],
];

describe('import boundaries', () => {
  it.each(cases)('%s: %s is refused (%s)', async (file, source) => {
    expect(await restricted(file, source)).toHaveLength(1);
  });

  it.each(allowed)('%s: %s is allowed', async (file, source) => {
    expect(await restricted(file, source)).toEqual([]);
  });
});

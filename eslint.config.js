import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/*
 * Who may import what. ESLint keeps one setting per rule and file, so each boundary below restates the ones
 * that also apply to its files; test/unit/lintBoundaries.test.ts proves each one refuses a violating import.
 */
const NO_LOCAL = { group: ['**/local/*', '../local/*'], message: 'Nothing imports local/.' };
/** A part of shared/, by the #shared alias, a path through shared/, or `../` from a sibling part. */
const sharedPart = (parts) => `(^#shared/|(^|/)shared/|^(\\.\\./)+)(${parts})(/|\\.ts$|$)`;
const SERVER_ONLY = {
  regex: '^(node:|@aws-sdk/|@middy/|aws-lambda$)',
  message: 'Browser-safe code uses no Node.js, AWS SDK or middy.',
};
const STORE = {
  regex: sharedPart('store'),
  message: 'Rules and the catalog take what they need as arguments.',
};
const HTTP = {
  regex: sharedPart('http|api'),
  message: 'HTTP (middleware, request parsing, the OpenAPI builder) sits above this layer.',
};
const restrict = (...patterns) => ['error', { patterns: [NO_LOCAL, ...patterns] }];

export const boundaries = [
  {
    // The browser shares the contract and the catalog with the server, and nothing else of shared/.
    files: ['web/src/**'],
    rules: {
      'no-restricted-imports': restrict(
        {
          regex: '(^#shared/|(^|/)shared/)(?!(contract|catalog)/)',
          message: 'web/ imports from shared/ only shared/contract and shared/catalog.',
        },
        SERVER_ONLY,
      ),
    },
  },
  {
    files: ['shared/contract/**'],
    rules: {
      'no-restricted-imports': restrict(SERVER_ONLY, STORE, HTTP, {
        regex: sharedPart('domain|rollup|errors|config|model|buckets|jobs'),
        message: 'The contract is browser-safe: it imports no server-only code.',
      }),
    },
  },
  { files: ['shared/catalog/**'], rules: { 'no-restricted-imports': restrict(SERVER_ONLY, STORE, HTTP) } },
  { files: ['shared/domain/**'], rules: { 'no-restricted-imports': restrict(STORE, HTTP) } },
  { files: ['shared/store/**'], rules: { 'no-restricted-imports': restrict(HTTP) } },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'web/dist/', '.data/', 'bench/.work/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': restrict(),
    },
  },
  { files: ['web/**'], languageOptions: { globals: { ...globals.browser } } },
  ...boundaries,
  {
    files: ['local/**', 'test/**', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);

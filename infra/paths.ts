import { join, resolve } from 'node:path';

/** The repository root: infra/ sits directly under it. */
export const REPO_ROOT = resolve(import.meta.dirname, '..');

/** The handler module a route or job row names, under functions/. */
export const functionEntry = (handler: string): string => join(REPO_ROOT, 'functions', `${handler}.ts`);

/** Where `npm run build:web` writes the static site. */
export const DEFAULT_WEB_ASSET_PATH = join(REPO_ROOT, 'web', 'dist');

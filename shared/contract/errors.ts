import type { Bilingual } from './i18n.ts';

/** One failing field: where, what kind of failure, and what to tell the user in both languages. */
export interface FieldIssue {
  readonly path: string;
  readonly code: string;
  readonly message: Bilingual;
}

/** Everything a user reads is Vietnamese first, with English beside it. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

export const bi = (vi: string, en: string): Bilingual => ({ vi, en });

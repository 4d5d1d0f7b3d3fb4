import type { FieldValue, ReportValues } from '#shared/catalog/types';
import { clear, createStore, del, get, keys, set } from 'idb-keyval';

/*
 * The edits not yet on the server, one draft per unit and year, in IndexedDB: they survive a reload, a closed
 * tab and a night without a connection, and go to the server with the version they were made on (If-Match).
 */
export interface Draft {
  /** The server's version these edits were made on. */
  readonly baseVersion: number;
  /** The values as the server held them at baseVersion: what a later conflict is judged against. */
  readonly base: ReportValues;
  /** Everything typed, including text that is not yet a valid value, so nothing is lost on reload. */
  readonly raw: Record<string, FieldValue | string>;
  readonly at: string;
}

const store = () => createStore('bccntt-drafts', 'drafts');
const copiedStore = () => createStore('bccntt-copied', 'copied');
const keyOf = (unitId: string, year: number) => `${unitId}/${year}`;

export async function readDraft(unitId: string, year: number): Promise<Draft | undefined> {
  try {
    return await get<Draft>(keyOf(unitId, year), store());
  } catch {
    // A browser that refuses IndexedDB (private mode in some) keeps no draft.
    return undefined;
  }
}

export async function writeDraft(unitId: string, year: number, draft: Draft): Promise<boolean> {
  try {
    await set(keyOf(unitId, year), draft, store());
    return true;
  } catch {
    return false;
  }
}

export async function dropDraft(unitId: string, year: number): Promise<void> {
  await del(keyOf(unitId, year), store()).catch(() => undefined);
}

export async function hasDrafts(): Promise<boolean> {
  return (await keys(store()).catch(() => [])).length > 0;
}

/** On sign-out at a shared computer. */
export async function forgetDrafts(): Promise<void> {
  await clear(store()).catch(() => undefined);
  await clear(copiedStore()).catch(() => undefined);
}

/** The fields filled from last year's report and not yet confirmed or changed: they stay marked over reloads. */
export async function readCopied(unitId: string, year: number): Promise<string[]> {
  return (await get<string[]>(keyOf(unitId, year), copiedStore()).catch(() => undefined)) ?? [];
}

export async function writeCopied(unitId: string, year: number, codes: readonly string[]): Promise<void> {
  await set(keyOf(unitId, year), [...codes], copiedStore()).catch(() => undefined);
}

export interface Conflict {
  readonly code: string;
  readonly mine: FieldValue | undefined;
  readonly theirs: FieldValue | undefined;
}

/**
 * Three-way merge of this computer's edits (`mine`, made on `base`) into the server's newer `theirs`. A field
 * only one side changed takes that side's value; a field both changed to different values is a conflict, left
 * at their value until the user chooses. Nothing is overwritten silently.
 */
export function mergeEdits(
  base: ReportValues,
  mine: ReportValues,
  theirs: ReportValues,
): { merged: ReportValues; conflicts: Conflict[] } {
  const merged: Record<string, FieldValue> = { ...theirs };
  const conflicts: Conflict[] = [];
  for (const code of new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)])) {
    if (base[code] === mine[code]) continue;
    if (base[code] !== theirs[code] && mine[code] !== theirs[code]) {
      conflicts.push({ code, mine: mine[code], theirs: theirs[code] });
      continue;
    }
    if (mine[code] === undefined) delete merged[code];
    else merged[code] = mine[code] as FieldValue;
  }
  return { merged, conflicts };
}

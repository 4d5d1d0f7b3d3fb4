import type { FieldValue, ReportValues } from '#shared/catalog/types';
import type { Bilingual } from '#shared/contract/i18n';
import { ApiError, NetworkError, call, get, newKey } from '../api.ts';
import type { Report } from '../types.ts';

/*
 * Autosave: every change is written to localStorage at once and to the server after a pause in typing. When
 * the server cannot be reached the local copy waits and is sent when the browser is back online. A save that
 * loses a race with another tab (412) is merged: this tab's own edits are laid over the newer version.
 */
export type SaveState =
  | { readonly kind: 'saved'; readonly at?: Date; readonly version: number }
  | { readonly kind: 'dirty' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'locked'; readonly report: Report }
  | { readonly kind: 'error'; readonly message: Bilingual | undefined; readonly code: string };

export interface LocalCopy {
  readonly baseVersion: number;
  /** Everything typed, including text that is not yet a valid value, so nothing is lost on reload. */
  readonly raw: Record<string, FieldValue | string>;
  readonly at: string;
}

const storageKey = (unitId: string, year: number) => `bccntt.draft.${unitId}.${year}`;

export function readLocalCopy(unitId: string, year: number): LocalCopy | undefined {
  try {
    const raw = localStorage.getItem(storageKey(unitId, year));
    return raw ? (JSON.parse(raw) as LocalCopy) : undefined;
  } catch {
    return undefined;
  }
}

export function dropLocalCopy(unitId: string, year: number): void {
  try {
    localStorage.removeItem(storageKey(unitId, year));
  } catch {
    // Nothing to clean up when storage is unavailable.
  }
}

function sameValues(a: ReportValues, b: ReportValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/** This tab's edits since `base`, laid over `theirs`: a field the user did not touch takes their value. */
export function mergeOver(base: ReportValues, mine: ReportValues, theirs: ReportValues): ReportValues {
  const out: Record<string, FieldValue> = { ...theirs };
  for (const k of new Set([...Object.keys(base), ...Object.keys(mine)])) {
    if (base[k] === mine[k]) continue;
    if (mine[k] === undefined) delete out[k];
    else out[k] = mine[k] as FieldValue;
  }
  return out;
}

export interface AutosaveOptions {
  readonly year: number;
  readonly unitId: string;
  readonly report: Report;
  readonly delayMs?: number;
  onState(state: SaveState): void;
  /** A save landed; `merged` is set when the values differ from what this tab sent (another tab's edits). */
  onSaved(report: Report, merged: boolean): void;
}

export class Autosave {
  private version: number;
  private base: ReportValues;
  private pending: ReportValues | undefined;
  private inflight: Promise<void> | undefined;
  private timer: number | undefined;
  private retryMs = 2000;
  private lastBody = '';
  private lastKey = '';
  private stopped = false;
  private readonly online = () => this.schedule(0);

  constructor(private readonly opts: AutosaveOptions) {
    this.version = opts.report.version;
    this.base = opts.report.values;
    window.addEventListener('online', this.online);
  }

  get currentVersion(): number {
    return this.version;
  }

  /** `values` is what the server should hold; `raw` is everything on screen, for the local copy. */
  change(values: ReportValues, raw: Record<string, FieldValue | string>): void {
    this.pending = values;
    try {
      const copy: LocalCopy = { baseVersion: this.version, raw, at: new Date().toISOString() };
      localStorage.setItem(storageKey(this.opts.unitId, this.opts.year), JSON.stringify(copy));
    } catch {
      // Storage full or refused: the server copy is still on its way.
    }
    this.opts.onState({ kind: 'dirty' });
    this.schedule(this.opts.delayMs ?? 1200);
  }

  /** Sends anything pending now; true when the server holds the latest values. */
  async flush(): Promise<boolean> {
    window.clearTimeout(this.timer);
    await this.run();
    return this.pending === undefined;
  }

  dispose(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    window.removeEventListener('online', this.online);
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.run(), ms);
  }

  private async run(): Promise<void> {
    while (this.inflight) await this.inflight;
    if (this.pending === undefined || this.stopped) return;
    this.inflight = this.saveOnce(this.pending).finally(() => (this.inflight = undefined));
    await this.inflight;
  }

  private async saveOnce(values: ReportValues): Promise<void> {
    if (this.version > 0 && sameValues(values, this.base)) {
      if (this.pending === values) this.pending = undefined;
      this.opts.onState({ kind: 'saved', version: this.version });
      return;
    }
    const body = JSON.stringify(values);
    const ifMatch = `"v${this.version}"`;
    // The same body retried after a lost answer keeps its key, so the server replays instead of conflicting.
    if (body + ifMatch !== this.lastBody) {
      this.lastBody = body + ifMatch;
      this.lastKey = newKey();
    }
    this.opts.onState({ kind: 'saving' });
    try {
      const { data } = await call<Report>(`/reports/${this.opts.year}`, {
        method: 'PUT',
        body: { values },
        headers: { 'if-match': ifMatch, 'idempotency-key': this.lastKey },
      });
      this.accept(data);
      if (this.pending === values) {
        this.pending = undefined;
        dropLocalCopy(this.opts.unitId, this.opts.year);
      }
      this.retryMs = 2000;
      this.opts.onState({ kind: 'saved', at: new Date(), version: data.version });
      this.opts.onSaved(data, false);
    } catch (error) {
      await this.failed(error, values);
    }
  }

  private accept(report: Report): void {
    this.version = report.version;
    this.base = report.values;
  }

  private async failed(error: unknown, values: ReportValues): Promise<void> {
    if (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)) {
      this.opts.onState({ kind: 'offline' });
      this.schedule(this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 60_000);
      return;
    }
    if (error instanceof ApiError && error.status === 401) {
      this.opts.onState({ kind: 'unauthorized' });
      return;
    }
    if (error instanceof ApiError && error.code === 'VERSION_MISMATCH') {
      try {
        const theirs = await get<Report>(`/reports/${this.opts.year}`);
        if (!theirs.editable) {
          this.pending = undefined;
          this.opts.onState({ kind: 'locked', report: theirs });
          return;
        }
        const merged = mergeOver(this.base, values, theirs.values);
        this.accept(theirs);
        if (this.pending === values) this.pending = merged;
        this.opts.onSaved({ ...theirs, values: { ...merged } }, true);
        this.schedule(0);
      } catch (again) {
        await this.failed(again, values);
      }
      return;
    }
    if (error instanceof ApiError && error.code === 'REPORT_LOCKED') {
      try {
        this.pending = undefined;
        this.opts.onState({ kind: 'locked', report: await get<Report>(`/reports/${this.opts.year}`) });
      } catch (again) {
        await this.failed(again, values);
      }
      return;
    }
    const api = error instanceof ApiError ? error : undefined;
    this.opts.onState({ kind: 'error', message: api?.bilingual, code: api?.code ?? 'UNKNOWN' });
  }
}

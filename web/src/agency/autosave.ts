import type { FieldValue, ReportValues } from '#shared/catalog/types';
import type { Bilingual } from '#shared/contract/i18n';
import { CLIENT_CODE, CODE } from '#shared/contract/errors';
import { ApiError, NetworkError, call, get, newKey } from '../api.ts';
import type { Report } from '../types.ts';

import { dropDraft, mergeEdits, writeDraft, type Conflict } from './drafts.ts';

/*
 * Autosave: every change is written to IndexedDB at once (drafts.ts) and to the server after a pause in
 * typing, with the version it was made on (If-Match). When the server cannot be reached the draft waits and is
 * sent when the browser is back online, also after a reload. A save that loses a race (412) is merged three
 * ways; a field changed on both sides is a conflict the user settles, never overwritten silently.
 */
export type SaveState =
  | { readonly kind: 'saved'; readonly at?: Date; readonly version: number }
  | { readonly kind: 'dirty'; readonly kept: boolean }
  | { readonly kind: 'saving' }
  | { readonly kind: 'offline' }
  | { readonly kind: 'unauthorized' }
  | { readonly kind: 'conflict'; readonly count: number }
  | { readonly kind: 'locked'; readonly report: Report }
  | { readonly kind: 'error'; readonly message: Bilingual | undefined; readonly code: string };

function sameValues(a: ReportValues, b: ReportValues): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

const savedAtOf = (report: Report): Date | undefined =>
  report.updatedAt ? new Date(report.updatedAt) : undefined;

export interface AutosaveOptions {
  readonly year: number;
  readonly unitId: string;
  readonly report: Report;
  /** The version and values a restored draft was made on, when they are not the report's own. */
  readonly madeOn?: { readonly version: number; readonly values: ReportValues };
  readonly delayMs?: number;
  onState(state: SaveState): void;
  /** A save landed; `merged` is set when the values differ from what this tab sent (another tab's edits). */
  onSaved(report: Report, merged: boolean): void;
  /** The server moved on and both sides changed these fields: nothing is sent until the user chooses. */
  onConflict(conflicts: readonly Conflict[], theirs: Report, merged: ReportValues): void;
}

export class Autosave {
  private version: number;
  private base: ReportValues;
  /** When the server last saved the report, by its own clock: said again when there is nothing new to send. */
  private savedAt: Date | undefined;
  private pending: ReportValues | undefined;
  private inflight: Promise<void> | undefined;
  private timer: number | undefined;
  private retryMs = 2000;
  private lastBody = '';
  private lastKey = '';
  private stopped = false;
  /** Set while a conflict waits for the user: nothing is sent, so their values cannot be written over. */
  private held = false;
  private readonly online = () => this.schedule(0);

  constructor(private readonly opts: AutosaveOptions) {
    this.version = opts.madeOn?.version ?? opts.report.version;
    this.base = opts.madeOn?.values ?? opts.report.values;
    this.savedAt = savedAtOf(opts.report);
    window.addEventListener('online', this.online);
  }

  get currentVersion(): number {
    return this.version;
  }

  /** `values` is what the server should hold; `raw` is everything on screen, for the draft. */
  change(values: ReportValues, raw: Record<string, FieldValue | string>): void {
    this.pending = values;
    if (!this.held) this.opts.onState({ kind: 'dirty', kept: false });
    void writeDraft(this.opts.unitId, this.opts.year, {
      baseVersion: this.version,
      base: this.base,
      raw,
      at: new Date().toISOString(),
    }).then((kept) => {
      if (kept && this.pending === values && !this.inflight && !this.held)
        this.opts.onState({ kind: 'dirty', kept });
    });
    this.schedule(this.opts.delayMs ?? 1200);
  }

  /** The user has chosen between the conflicting values; saving resumes with the next change. */
  resolved(): void {
    this.held = false;
  }

  /** Sends anything pending now; true when the server holds the latest values. */
  async flush(): Promise<boolean> {
    window.clearTimeout(this.timer);
    await this.run();
    return this.pending === undefined && !this.held;
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
    if (this.pending === undefined || this.stopped || this.held) return;
    this.inflight = this.saveOnce(this.pending).finally(() => (this.inflight = undefined));
    await this.inflight;
  }

  private async saveOnce(values: ReportValues): Promise<void> {
    if (this.version > 0 && sameValues(values, this.base)) {
      if (this.pending === values) this.pending = undefined;
      this.opts.onState({
        kind: 'saved',
        version: this.version,
        ...(this.savedAt ? { at: this.savedAt } : {}),
      });
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
      const { data } = await call('saveMyReport', {
        params: { year: this.opts.year },
        body: { values },
        ifMatch,
        idempotencyKey: this.lastKey,
      });
      this.accept(data);
      if (this.pending === values) {
        this.pending = undefined;
        await dropDraft(this.opts.unitId, this.opts.year);
      }
      this.retryMs = 2000;
      this.opts.onState({ kind: 'saved', at: this.savedAt ?? new Date(), version: data.version });
      this.opts.onSaved(data, false);
    } catch (error) {
      await this.failed(error, values);
    }
  }

  private accept(report: Report): void {
    this.version = report.version;
    this.base = report.values;
    this.savedAt = savedAtOf(report);
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
    if (error instanceof ApiError && error.code === CODE.VERSION_MISMATCH) {
      try {
        const theirs = await get('getMyReport', { params: { year: this.opts.year } });
        if (!theirs.editable) {
          this.pending = undefined;
          this.opts.onState({ kind: 'locked', report: theirs });
          return;
        }
        const { merged, conflicts } = mergeEdits(this.base, values, theirs.values);
        this.accept(theirs);
        if (conflicts.length) {
          // Held back until the user has chosen; the draft keeps the edits meanwhile.
          this.held = true;
          if (this.pending === values) this.pending = undefined;
          this.opts.onState({ kind: 'conflict', count: conflicts.length });
          this.opts.onConflict(conflicts, theirs, merged);
          return;
        }
        if (this.pending === values) this.pending = merged;
        this.opts.onSaved({ ...theirs, values: { ...merged } }, true);
        this.schedule(0);
      } catch (again) {
        await this.failed(again, values);
      }
      return;
    }
    if (error instanceof ApiError && error.code === CODE.REPORT_LOCKED) {
      try {
        this.pending = undefined;
        this.opts.onState({
          kind: 'locked',
          report: await get('getMyReport', { params: { year: this.opts.year } }),
        });
      } catch (again) {
        await this.failed(again, values);
      }
      return;
    }
    const api = error instanceof ApiError ? error : undefined;
    this.opts.onState({ kind: 'error', message: api?.bilingual, code: api?.code ?? CLIENT_CODE.UNKNOWN });
  }
}

import { CODE } from '#shared/contract/errors';
import {
  EVIDENCE_PART_BYTES,
  hasLapsed,
  isMultipart,
  type EvidenceContentType,
} from '#shared/contract/evidence';
import type { EvidencePurpose } from '#shared/contract/evidence';
import type { Bilingual } from '#shared/contract/i18n';
import { ApiError, NetworkError, call, newKey } from '../api.ts';
import type { EvidenceDocument, EvidenceItem, UploadTicket } from '../types.ts';
import { partChecksums, sha256Base64 } from './checksum.ts';
import { E } from './messages.ts';
import { putFile, UploadError } from './upload.ts';
import type { EvidenceStore } from './store.ts';

export type JobState =
  | { readonly step: 'hashing' | 'declaring' | 'checking' }
  | {
      readonly step: 'uploading';
      readonly loaded: number;
      readonly total: number;
      /** This attempt's rate so far, once there is one: what "time left" is estimated from. */
      readonly bytesPerSecond?: number;
    }
  | { readonly step: 'done'; readonly item: EvidenceItem }
  | {
      readonly step: 'failed';
      readonly network: boolean;
      readonly message?: Bilingual;
      readonly retryable: boolean;
    }
  | { readonly step: 'rejected'; readonly reason?: Bilingual };

type Step = 'hash' | 'declare' | 'upload' | 'complete';

type MultipartTicket = Extract<UploadTicket, { method: 'MULTIPART' }>;

/**
 * One file's way in: checksums in the browser (the file's, and each part's for a file over
 * EVIDENCE_PART_BYTES), declaration (which returns a presigned PUT, or one per part of a multipart upload),
 * the upload with progress, then the server's check of the stored bytes. A failure keeps what already
 * succeeded, so "try again" resumes at the step that failed; a large file resumes after its last part stored,
 * and a file picked again after a reload resumes its own pending declaration instead of starting over.
 */
export class UploadJob {
  private sha256 = '';
  private parts: string[] | undefined;
  /** The declaration, and the links to send its bytes with (none yet for a declaration found again). */
  private declared: { evidence: EvidenceItem; upload?: UploadTicket } | undefined;
  private declareKey = newKey();
  private failedAt: Step = 'hash';
  /** After a failed or cut upload, storage's own account of what arrived decides what is sent again. */
  private askStorage = false;
  private twinRefused = false;
  /** The server said the declaration cannot be resumed: complete it, or declare afresh if nothing arrived. */
  private notResumable = false;

  constructor(
    private readonly store: EvidenceStore,
    private readonly year: number,
    private readonly file: File,
    private readonly contentType: EvidenceContentType,
    private readonly fields: readonly string[],
    private readonly document: EvidenceDocument,
    private readonly onChange: (state: JobState) => void,
    /** `official_report`: the signed report itself, which backs no field (`fields` is empty). */
    private readonly purpose?: EvidencePurpose,
  ) {}

  start(): Promise<void> {
    return this.runFrom('hash');
  }

  retry(): Promise<void> {
    return this.runFrom(this.failedAt);
  }

  private async runFrom(step: Step): Promise<void> {
    const order: Step[] = ['hash', 'declare', 'upload', 'complete'];
    for (const s of order.slice(order.indexOf(step))) {
      this.failedAt = s;
      const ok = await this[s]();
      if (!ok) return;
    }
  }

  private async hash(): Promise<boolean> {
    this.onChange({ step: 'hashing' });
    try {
      this.sha256 = await sha256Base64(this.file);
      if (isMultipart(this.file.size)) this.parts = await partChecksums(this.file, EVIDENCE_PART_BYTES);
      return true;
    } catch {
      this.onChange({ step: 'failed', network: false, retryable: true });
      return false;
    }
  }

  /**
   * The same file declared before for the same fields and still waiting for its bytes (the page was reloaded
   * mid-upload): resumed rather than declared twice. Not once the server has said it cannot be resumed.
   */
  private pendingTwin(): EvidenceItem | undefined {
    if (this.twinRefused) return undefined;
    const fields = [...this.fields].sort().join('\n');
    return this.store.items.find(
      (i) =>
        i.status === 'pending' &&
        !hasLapsed(i, new Date()) &&
        i.sha256 === this.sha256 &&
        i.size === this.file.size &&
        i.fileName === this.file.name &&
        [...i.fields].sort().join('\n') === fields,
    );
  }

  private async declare(): Promise<boolean> {
    this.onChange({ step: 'declaring' });
    const twin = this.declared ? undefined : this.pendingTwin();
    if (twin) {
      this.declared = { evidence: twin };
      return true;
    }
    try {
      const { data } = await call('declareEvidence', {
        params: { year: this.year },
        idempotencyKey: this.declareKey,
        body: {
          fileName: this.file.name,
          contentType: this.contentType,
          size: this.file.size,
          sha256: this.sha256,
          ...(this.parts ? { parts: this.parts } : {}),
          fields: [...this.fields],
          ...(this.purpose ? { purpose: this.purpose } : {}),
          document: this.document,
        },
      });
      this.declared = data;
      this.store.upsert(data.evidence);
      return true;
    } catch (error) {
      return this.apiFailed(error);
    }
  }

  /**
   * Fresh links for what storage still lacks (GET /evidence/{id}/upload). `settled`: the declaration can no
   * longer be resumed. Its bytes may well have arrived and been checked (a PUT whose answer the link lost, then
   * settled by the upload trigger), so the job goes on to complete it rather than declaring the file twice;
   * only if nothing arrived (it lapsed) is it declared again.
   */
  private async refreshTicket(): Promise<boolean | 'settled'> {
    const evidence = this.declared?.evidence;
    if (!evidence) return this.declare();
    try {
      const { data } = await call('resumeEvidenceUpload', { params: { evidenceId: evidence.evidenceId } });
      this.declared = data;
      this.askStorage = false;
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === CODE.EVIDENCE_NOT_LIVE)) return this.apiFailed(error);
      this.notResumable = true;
      return 'settled';
    }
  }

  private async upload(): Promise<boolean> {
    if (!this.declared) return this.declare();
    const fresh = this.declared.upload;
    if (!fresh || this.askStorage || Date.parse(fresh.expiresAt) - 5_000 < Date.now()) {
      const refreshed = await this.refreshTicket();
      if (refreshed === 'settled') return true;
      if (!refreshed) return false;
    }
    const ticket = this.declared?.upload;
    if (!ticket) return false;
    this.askStorage = true;
    try {
      if (ticket.method === 'PUT') {
        this.onChange({ step: 'uploading', loaded: 0, total: this.file.size });
        const t0 = performance.now();
        await putFile(ticket, this.file, (loaded) => this.progress(loaded, 0, t0)).done;
      } else {
        await this.sendParts(ticket);
      }
      this.askStorage = false;
      return true;
    } catch (error) {
      const status = error instanceof UploadError ? error.status : 0;
      const code = error instanceof UploadError ? error.storageCode : undefined;
      const message =
        status === 0 ? undefined : code === 'BadDigest' ? E.badDigest : E.storageRefused(status);
      this.onChange({
        step: 'failed',
        network: status === 0,
        retryable: true,
        ...(message ? { message } : {}),
      });
      return false;
    }
  }

  private progress(sent: number, base: number, t0: number): void {
    const seconds = (performance.now() - t0) / 1000;
    const rate = seconds > 0.5 ? (sent - base) / seconds : 0;
    this.onChange({
      step: 'uploading',
      loaded: sent,
      total: this.file.size,
      ...(rate > 0 ? { bytesPerSecond: rate } : {}),
    });
  }

  /** The parts storage does not hold yet, one after another; each is one PUT under its own checksum. */
  private async sendParts(ticket: MultipartTicket): Promise<void> {
    const sizeOf = (n: number) => Math.min(ticket.partBytes, this.file.size - (n - 1) * ticket.partBytes);
    let stored = ticket.done.reduce((sum, n) => sum + sizeOf(n), 0);
    const base = stored;
    const t0 = performance.now();
    this.progress(stored, base, t0);
    for (const part of ticket.parts) {
      const start = (part.partNumber - 1) * ticket.partBytes;
      const bytes = this.file.slice(start, start + sizeOf(part.partNumber));
      await putFile(part, bytes, (loaded) => this.progress(stored + loaded, base, t0)).done;
      stored += sizeOf(part.partNumber);
    }
  }

  private async complete(): Promise<boolean> {
    const evidence = this.declared?.evidence;
    if (!evidence) return false;
    this.onChange({ step: 'checking' });
    try {
      const { data } = await call('completeEvidence', {
        params: { evidenceId: evidence.evidenceId },
        idempotencyKey: `complete-${evidence.evidenceId}`,
      });
      this.store.upsert(data.evidence);
      this.onChange({ step: 'done', item: data.evidence });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === CODE.EVIDENCE_REJECTED) {
        this.store.upsert({ ...evidence, status: 'rejected', rejectedReason: error.bilingual });
        this.onChange({ step: 'rejected', reason: error.bilingual });
        return false;
      }
      if (error instanceof ApiError && error.code === CODE.UPLOAD_MISSING) {
        this.failedAt = 'upload';
        this.askStorage = true;
        if (this.notResumable) {
          // It lapsed with nothing stored: "try again" declares the file afresh, under a new key.
          this.declared = undefined;
          this.twinRefused = true;
          this.notResumable = false;
          this.declareKey = newKey();
          this.failedAt = 'declare';
        }
      }
      return this.apiFailed(error);
    }
  }

  private apiFailed(error: unknown): false {
    const network = error instanceof NetworkError;
    const api = error instanceof ApiError ? error : undefined;
    // A 409 may pass (another file withdrawn, a race lost), except a file the report already has: sending
    // it again is refused again.
    const retryable =
      network ||
      !api ||
      api.status >= 500 ||
      (api.status === 409 && api.code !== CODE.DUPLICATE_EVIDENCE) ||
      api.status === 401;
    this.onChange({ step: 'failed', network, message: api?.bilingual, retryable });
    return false;
  }
}

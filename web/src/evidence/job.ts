import type { Bilingual } from '#shared/contract/i18n';
import { ApiError, NetworkError, call, newKey } from '../api.ts';
import type { EvidenceDocument, EvidenceItem, UploadTicket } from '../types.ts';
import { sha256Base64 } from './checksum.ts';
import { putFile, UploadError } from './upload.ts';
import type { EvidenceStore } from './store.ts';

export type JobState =
  | { readonly step: 'hashing' | 'declaring' | 'checking' }
  | { readonly step: 'uploading'; readonly loaded: number; readonly total: number }
  | { readonly step: 'done'; readonly item: EvidenceItem }
  | {
      readonly step: 'failed';
      readonly network: boolean;
      readonly message?: Bilingual;
      readonly retryable: boolean;
    }
  | { readonly step: 'rejected'; readonly reason?: Bilingual };

type Step = 'hash' | 'declare' | 'upload' | 'complete';

/**
 * One file's way in: checksum in the browser, declaration (which returns a presigned PUT), the PUT itself with
 * progress, then the server's check of the stored bytes. A failure keeps what already succeeded, so "try
 * again" resumes at the step that failed instead of sending 50 MB twice over a slow link.
 */
export class UploadJob {
  private sha256 = '';
  private declared: { evidence: EvidenceItem; upload: UploadTicket } | undefined;
  private declareKey = newKey();
  private failedAt: Step = 'hash';

  constructor(
    private readonly store: EvidenceStore,
    private readonly year: number,
    private readonly file: File,
    private readonly contentType: string,
    private readonly fields: readonly string[],
    private readonly document: EvidenceDocument,
    private readonly onChange: (state: JobState) => void,
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
      return true;
    } catch {
      this.onChange({ step: 'failed', network: false, retryable: true });
      return false;
    }
  }

  private async declare(): Promise<boolean> {
    this.onChange({ step: 'declaring' });
    try {
      const { data } = await call<{ evidence: EvidenceItem; upload: UploadTicket }>(
        `/reports/${this.year}/evidence`,
        {
          method: 'POST',
          headers: { 'idempotency-key': this.declareKey },
          body: {
            fileName: this.file.name,
            contentType: this.contentType,
            size: this.file.size,
            sha256: this.sha256,
            fields: this.fields,
            document: this.document,
          },
        },
      );
      this.declared = data;
      this.store.upsert(data.evidence);
      return true;
    } catch (error) {
      return this.apiFailed(error);
    }
  }

  private async upload(): Promise<boolean> {
    const ticket = this.declared?.upload;
    if (!ticket) return this.declare();
    if (Date.parse(ticket.expiresAt) - 5_000 < Date.now()) {
      // The link has expired: declare again under a fresh key for a fresh link.
      this.declareKey = newKey();
      if (!(await this.declare())) return false;
      return this.upload();
    }
    this.onChange({ step: 'uploading', loaded: 0, total: this.file.size });
    try {
      await putFile(ticket, this.file, (loaded, total) => this.onChange({ step: 'uploading', loaded, total }))
        .done;
      return true;
    } catch (error) {
      const status = error instanceof UploadError ? error.status : 0;
      this.onChange({ step: 'failed', network: status === 0, retryable: true });
      return false;
    }
  }

  private async complete(): Promise<boolean> {
    const evidence = this.declared?.evidence;
    if (!evidence) return false;
    this.onChange({ step: 'checking' });
    try {
      const { data } = await call<{ evidence: EvidenceItem }>(`/evidence/${evidence.evidenceId}/complete`, {
        method: 'POST',
        headers: { 'idempotency-key': `complete-${evidence.evidenceId}` },
      });
      this.store.upsert(data.evidence);
      this.onChange({ step: 'done', item: data.evidence });
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === 'EVIDENCE_REJECTED') {
        this.store.upsert({ ...evidence, status: 'rejected', rejectedReason: error.bilingual });
        this.onChange({ step: 'rejected', reason: error.bilingual });
        return false;
      }
      if (error instanceof ApiError && error.code === 'UPLOAD_MISSING') this.failedAt = 'upload';
      return this.apiFailed(error);
    }
  }

  private apiFailed(error: unknown): false {
    const network = error instanceof NetworkError;
    const api = error instanceof ApiError ? error : undefined;
    const retryable = network || !api || api.status >= 500 || api.status === 409 || api.status === 401;
    this.onChange({ step: 'failed', network, message: api?.bilingual, retryable });
    return false;
  }
}

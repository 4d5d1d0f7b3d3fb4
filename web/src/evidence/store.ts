import { CLIENT_CODE } from '#shared/contract/errors';
import { bi } from '#shared/contract/i18n';
import { ApiError, call, get } from '../api.ts';
import { hasLapsed } from '#shared/contract/evidence';
import type { EvidenceItem } from '../types.ts';
import { sha256Base64 } from './checksum.ts';

const M = {
  checksumMismatch: bi(
    'Tệp tải về không khớp mã SHA-256 đã ghi khi nộp; không mở tệp này.',
    'The downloaded file does not match the SHA-256 recorded at upload; it was not opened.',
  ),
};

/** The report's evidence as last seen from the API, shared by every place on the page that shows it. */
export class EvidenceStore {
  items: EvidenceItem[] = [];
  /** False when the list could not be read; the form still works without it. */
  available = true;
  private readonly subs = new Set<() => void>();

  /** `list` reads the report's evidence: the agency's own route or an auditor's. */
  constructor(private readonly list: () => Promise<{ readonly items: readonly EvidenceItem[] }>) {}

  async load(): Promise<void> {
    try {
      this.items = [...(await this.list()).items];
      this.available = true;
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) throw error;
      this.available = false;
    }
    this.notify();
  }

  subscribe(fn: () => void): () => void {
    this.subs.add(fn);
    return () => this.subs.delete(fn);
  }

  private notify(): void {
    for (const fn of this.subs) fn();
  }

  upsert(item: EvidenceItem): void {
    const i = this.items.findIndex((x) => x.evidenceId === item.evidenceId);
    if (i >= 0) this.items[i] = item;
    else this.items.push(item);
    this.notify();
  }

  /** What counts against the report: not withdrawn, and no declaration whose upload never came in time. */
  live(now = new Date()): EvidenceItem[] {
    return this.items.filter((i) => i.status !== 'withdrawn' && !hasLapsed(i, now));
  }

  forField(code: string): EvidenceItem[] {
    return this.live().filter((i) => i.fields.includes(code));
  }

  verifiedFields(): Set<string> {
    return new Set(this.items.filter((i) => i.status === 'verified').flatMap((i) => i.fields));
  }

  async withdraw(item: EvidenceItem): Promise<void> {
    const { data } = await call('withdrawEvidence', {
      params: { evidenceId: item.evidenceId },
      idempotencyKey: `withdraw-${item.evidenceId}`,
    });
    this.upsert(data.evidence);
  }
}

/**
 * Fetches the file through a short-lived link and checks its SHA-256 against the one recorded at upload before
 * anything shows it or hands it to the user, so what an auditor opens is provably what the agency sent. Fetching (rather than
 * navigating to the link) also keeps the page when storage refuses, so the error shows here.
 */
export async function fetchCheckedEvidence(
  item: Pick<EvidenceItem, 'evidenceId'>,
): Promise<{ readonly blob: Blob; readonly fileName: string }> {
  const link = await get('downloadEvidence', { params: { evidenceId: item.evidenceId } });
  // Loaded on the first download or preview: the form's first visit on a slow link does without it.
  const { fetchLinked } = await import('../savedFile.ts');
  const blob = await fetchLinked(link.url);
  if ((await sha256Base64(blob)) !== link.sha256) {
    throw new ApiError(409, CLIENT_CODE.CHECKSUM_MISMATCH, M.checksumMismatch);
  }
  return { blob, fileName: link.fileName };
}

export async function downloadEvidence(item: Pick<EvidenceItem, 'evidenceId'>): Promise<void> {
  const { blob, fileName } = await fetchCheckedEvidence(item);
  const { saveAs } = await import('../savedFile.ts');
  saveAs(blob, fileName);
}

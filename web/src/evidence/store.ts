import { bi } from '#shared/contract/i18n';
import { ApiError, NetworkError, call, get } from '../api.ts';
import type { EvidenceItem } from '../types.ts';
import { sha256Base64 } from './checksum.ts';

const M = {
  downloadFailed: bi(
    'Kho lưu trữ từ chối tải tệp (liên kết có thể đã hết hạn). Hãy thử lại.',
    'Storage refused the download (the link may have expired). Please try again.',
  ),
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

  constructor(private readonly listPath: string) {}

  async load(): Promise<void> {
    try {
      this.items = (await get<{ items: EvidenceItem[] }>(this.listPath)).items;
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

  live(): EvidenceItem[] {
    return this.items.filter((i) => i.status !== 'withdrawn');
  }

  forField(code: string): EvidenceItem[] {
    return this.live().filter((i) => i.fields.includes(code));
  }

  verifiedFields(): Set<string> {
    return new Set(this.items.filter((i) => i.status === 'verified').flatMap((i) => i.fields));
  }

  async withdraw(item: EvidenceItem): Promise<void> {
    const { data } = await call<{ evidence: EvidenceItem }>(`/evidence/${item.evidenceId}`, {
      method: 'DELETE',
      headers: { 'idempotency-key': `withdraw-${item.evidenceId}` },
    });
    this.upsert(data.evidence);
  }
}

/**
 * Fetches the file through a short-lived link and checks its SHA-256 against the one recorded at upload before
 * handing it to the user, so what an auditor opens is provably what the agency sent. Fetching (rather than
 * navigating to the link) also keeps the page when storage refuses, so the error shows here.
 */
export async function downloadEvidence(
  item: Pick<EvidenceItem, 'evidenceId' | 'fileName' | 'sha256'>,
): Promise<void> {
  const link = await get<{ url: string; fileName: string; sha256?: string }>(
    `/evidence/${item.evidenceId}/download`,
  );
  let res: Response;
  try {
    res = await fetch(link.url, { credentials: 'omit', cache: 'no-store' });
  } catch (error) {
    throw new NetworkError(error instanceof Error ? error.message : String(error));
  }
  if (!res.ok) throw new ApiError(res.status === 403 ? 409 : res.status, 'DOWNLOAD_FAILED', M.downloadFailed);
  const blob = await res.blob();
  if ((await sha256Base64(blob)) !== (link.sha256 ?? item.sha256)) {
    throw new ApiError(409, 'CHECKSUM_MISMATCH', M.checksumMismatch);
  }
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = link.fileName;
  document.body.append(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

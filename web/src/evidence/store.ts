import { ApiError, call, get } from '../api.ts';
import type { EvidenceItem } from '../types.ts';

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

/** Asks for a short-lived link and lets the browser fetch the file (the link answers as an attachment). */
export async function downloadEvidence(item: Pick<EvidenceItem, 'evidenceId' | 'fileName'>): Promise<void> {
  const link = await get<{ url: string; fileName: string }>(`/evidence/${item.evidenceId}/download`);
  const a = document.createElement('a');
  a.href = link.url;
  a.download = link.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

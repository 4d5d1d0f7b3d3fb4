import type { Page } from 'playwright-core';
import {
  catalogFor,
  exampleValues,
  type Catalog,
  type CatalogField,
  type FieldValue,
} from '#shared/catalog/index';

/** The reporting year the site opens on: the current year, which has a catalog. */
export const YEAR = new Date().getFullYear();
export const catalog = catalogFor(YEAR) as Catalog;
if (!catalog) throw new Error(`No catalog for ${YEAR}; the browser tests follow the site's default year`);

export const completeValues = (): Record<string, FieldValue> => ({ ...exampleValues(catalog) });
export const fieldByCode = (code: string) => catalog.fields.find((f) => f.code === code) as CatalogField;

/** Types a value the way a Vietnamese user would: decimal comma, Có/Không radios, the choice's option. */
export async function fillField(page: Page, f: CatalogField, value: FieldValue): Promise<void> {
  const id = `#f-${f.code}`;
  if (value === null) return;
  switch (f.type) {
    case 'boolean':
      await page.check(`${id}-${value ? 'yes' : 'no'}`);
      return;
    case 'choice':
      await page.selectOption(id, String(value));
      return;
    case 'text':
    case 'date':
      await page.fill(id, String(value));
      return;
    default:
      await page.fill(id, String(value).replace('.', ','));
  }
}

export async function fillReport(page: Page, values: Record<string, FieldValue>): Promise<void> {
  for (const f of catalog.fields) {
    const v = values[f.code];
    if (v !== undefined) await fillField(page, f, v);
  }
}

export async function waitSaved(page: Page): Promise<void> {
  await page.waitForSelector('.savebar[data-save-state="saved"]', { timeout: 20_000 });
}

export const fieldsNeedingEvidence = (values: Record<string, FieldValue>) =>
  catalog.fields
    .filter(
      (f) =>
        f.evidence.rule === 'required' || (f.evidence.rule === 'requiredIfTrue' && values[f.code] === true),
    )
    .map((f) => f.code);

/** Uploads through the field's own evidence box: opens it, picks or drops the file, describes the document. */
export async function uploadEvidence(
  page: Page,
  opts: {
    field: string;
    file: { name: string; mimeType: string; buffer: Buffer };
    title: string;
    number?: string;
    issuedOn?: string;
    alsoCovers?: readonly string[];
    drop?: boolean;
  },
): Promise<void> {
  const box = page.locator(`[data-evidence-for="${opts.field}"]`);
  await box.locator('button[aria-controls]').click();
  const panel = page.locator(`#up-${opts.field}`);
  if (opts.drop) {
    const dataTransfer = await page.evaluateHandle(
      ({ name, type, b64 }) => {
        const dt = new DataTransfer();
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        dt.items.add(new File([bytes], name, { type }));
        return dt;
      },
      { name: opts.file.name, type: opts.file.mimeType, b64: opts.file.buffer.toString('base64') },
    );
    await panel.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
  } else {
    await panel.locator('input[type=file]').setInputFiles(opts.file);
  }
  if (opts.number) await panel.locator(`#up-${opts.field}-number`).fill(opts.number);
  await panel.locator(`#up-${opts.field}-title`).fill(opts.title);
  if (opts.issuedOn) await panel.locator(`#up-${opts.field}-issued`).fill(opts.issuedOn);
  for (const code of opts.alsoCovers ?? []) await panel.locator(`#up-${opts.field}-cover-${code}`).check();
  await panel.getByRole('button', { name: /^(Tải lên|Upload)$/ }).click();
  await panel.locator('.upload__status', { hasText: /xác minh|verified/ }).waitFor({ timeout: 30_000 });
}

/** The draft kept on this computer for a unit and year (web/src/agency/drafts.ts), read from the page's IndexedDB. */
export function draftInPage(
  page: Page,
  unitId: string,
  year: number,
): Promise<{ raw: Record<string, unknown> } | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<{ raw: Record<string, unknown> } | undefined>((resolve, reject) => {
        const open = indexedDB.open('bccntt-drafts');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) return resolve(undefined);
          const read = db.transaction('drafts').objectStore('drafts').get(key);
          read.onsuccess = () => resolve(read.result as { raw: Record<string, unknown> } | undefined);
          read.onerror = () => reject(read.error);
        };
      }),
    `${unitId}/${year}`,
  );
}

/** The submission step: the head of the agency's name and title, the attestation ticked, then submit. */
export async function attestAndSubmit(page: Page, head = { name: 'Lò Văn Minh', title: 'Chủ tịch UBND xã' }) {
  await page.locator('[data-action="submit-now"]').waitFor();
  await page.fill('#head-name', head.name);
  await page.fill('#head-title', head.title);
  await page.check('#head-attest');
  await page.click('[data-action="submit-now"]');
  await page.waitForURL(/#\/report\/\d+\/receipt$/);
}

import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import type { Unit } from '#shared/hierarchy';
import { evidenceObjectKey } from '#shared/domain/evidence';
import { entities } from '#shared/model';
import { sha256b64 } from './evidenceFiles.ts';
import type { TestApi } from './harness.ts';

export const YEAR = 2025;
export const catalog = catalogFor(YEAR) as Catalog;
export const completeValues = () => ({ ...exampleValues(catalog) });
/** What a submission carries: the head of the agency vouching for the figures (POST /reports/{year}/submit). */
export const HEAD_OF_AGENCY = {
  head: { name: 'Nguyễn Thị Hoa', title: 'Giám đốc Sở' },
  attest: true,
} as const;
export const SUBMISSION = { body: HEAD_OF_AGENCY } as const;

export { timelessLevels } from '../fixtures/hierarchies.ts';

const since = '2000-01-01';

export const units: Unit[] = [
  {
    id: 'tinh',
    code: '11',
    name: { vi: 'Tỉnh', en: 'Province' },
    level: 'province',
    reports: false,
    validFrom: since,
  },
  {
    id: 'so-a',
    code: 'A',
    name: { vi: 'Sở A', en: 'Dept A' },
    level: 'province',
    parentId: 'tinh',
    reports: true,
    validFrom: since,
  },
  {
    id: 'so-b',
    code: 'B',
    name: { vi: 'Sở B', en: 'Dept B' },
    level: 'province',
    parentId: 'tinh',
    reports: true,
    validFrom: since,
  },
  {
    id: 'huyen-c',
    code: 'C',
    name: { vi: 'Huyện C', en: 'District C' },
    level: 'district',
    parentId: 'tinh',
    reports: true,
    validFrom: since,
  },
  {
    id: 'xa-d',
    code: 'D',
    name: { vi: 'Xã D', en: 'Commune D' },
    level: 'commune',
    parentId: 'huyen-c',
    reports: true,
    validFrom: since,
  },
];

export const agencyA = { sub: 'agency-a', role: 'agency', unitId: 'so-a' } as const;
export const agencyB = { sub: 'agency-b', role: 'agency', unitId: 'so-b' } as const;
export const auditor = { sub: 'auditor-1', role: 'auditor' } as const;
export const admin = { sub: 'admin-1', role: 'admin' } as const;

let doc: DynamoDBDocumentClient | undefined;
/** The test run's DynamoDB Local, for writes a test makes behind the API's back. */
export function client() {
  doc ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    }),
  );
  return doc;
}

/** The whole table, for before/after comparisons in tests (a Scan is fine in a test, never in the system). */
export async function snapshotTable(tableName: string): Promise<string> {
  const items: unknown[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await client().send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return JSON.stringify(items.map((i) => JSON.stringify(i)).sort());
}

/** Opens the year with a deadline `daysAhead` from now (negative: already passed). */
export async function openPeriod(api: TestApi, daysAhead = 30, lockExceptions: unknown[] = []) {
  const deadline = new Date(Date.now() + daysAhead * 86_400_000).toISOString();
  const res = await api.call(admin, 'PUT', `/periods/${YEAR}`, {
    body: { opensAt: `${YEAR}-01-01T00:00:00+07:00`, deadline, lockExceptions },
  });
  if (res.status !== 200) throw new Error(`openPeriod failed: ${JSON.stringify(res.json)}`);
  return deadline;
}

/** Fields whose evidence the catalog demands for the example report. */
export function fieldsNeedingEvidence(
  c: Catalog = catalog,
  values: Record<string, unknown> = completeValues(),
): string[] {
  return c.fields
    .filter(
      (f) =>
        f.evidence.rule === 'required' || (f.evidence.rule === 'requiredIfTrue' && values[f.code] === true),
    )
    .map((f) => f.code);
}

/** A valid body for POST /reports/{year}/evidence declaring `bytes` as a PDF for the first field needing one. */
export function evidenceDeclaration(bytes: Buffer, over: Record<string, unknown> = {}) {
  return {
    fileName: 'quy-che.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: sha256b64(bytes),
    fields: [fieldsNeedingEvidence()[0]],
    document: { title: 'Quy chế an toàn thông tin' },
    ...over,
  };
}

/**
 * Records verified evidence for fields directly in the table, as the evidence flow does after checking an
 * upload; the evidence tests do the real upload.
 */
export async function recordVerifiedEvidence(
  tableName: string,
  unitId: string,
  fields: string[],
  year = YEAR,
) {
  const evidenceId = `ev-${unitId}-${Math.random().toString(36).slice(2, 10)}`;
  await client().send(
    new PutCommand({
      TableName: tableName,
      Item: verifiedEvidenceItem({ evidenceId, year, unitId, fields }),
    }),
  );
}

/**
 * Saves `values` as the unit, records verified evidence for every field that needs it (the budget decision as a
 * file of its own, so that a test can reject it alone), and submits: a report ready for the inspection team.
 */
export async function submittedForReview(api: TestApi, unitId: string, values = completeValues()) {
  const who = { sub: `agency-${unitId}`, role: 'agency', unitId } as const;
  const saved = await api.call(who, 'PUT', `/reports/${YEAR}`, { body: { values } });
  if (saved.status !== 200) throw new Error(`save failed: ${JSON.stringify(saved.json)}`);
  const needing = fieldsNeedingEvidence(undefined, values);
  await recordVerifiedEvidence(api.tableName, unitId, ['budget_total']);
  await recordVerifiedEvidence(
    api.tableName,
    unitId,
    needing.filter((f) => f !== 'budget_total'),
  );
  const res = await api.call(who, 'POST', `/reports/${YEAR}/submit`, SUBMISSION);
  if (res.status !== 200) throw new Error(`submit failed: ${JSON.stringify(res.json)}`);
  return who;
}

/** A verified evidence item as the store writes it once an upload checked out. */
export function verifiedEvidenceItem(e: {
  evidenceId: string;
  year: number;
  unitId: string;
  fields: string[];
}) {
  const bytes = Buffer.from(`evidence ${e.evidenceId}`);
  return entities.evidence.encode({
    ...e,
    status: 'verified',
    objectKey: evidenceObjectKey(e.year, e.unitId, e.evidenceId),
    uploadedBy: `agency-${e.unitId}`,
    createdAt: new Date().toISOString(),
    verifiedAt: new Date().toISOString(),
    fileName: 'kiem-chung.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: sha256b64(bytes),
    document: { title: 'Quy chế an toàn thông tin' },
  });
}

/** An integer field that no cross-field rule mentions, so changing it alone keeps a report valid. */
export const freeInteger: string = (() => {
  const mentioned = new Set(
    catalog.rules.flatMap((r) =>
      r.kind === 'compare' ? [...r.left, ...r.right] : [r.when.field, ...r.then],
    ),
  );
  const inIndicators = new Set(catalog.indicators.flatMap((i) => [...i.numerator, ...(i.denominator ?? [])]));
  const f = catalog.fields.find(
    (x) => x.type === 'integer' && !mentioned.has(x.code) && !inIndicators.has(x.code),
  );
  return (f ?? catalog.fields.find((x) => x.type === 'integer' && !mentioned.has(x.code)))!.code;
})();

let reportsBucket: S3Client | undefined;
/** A file of the year's published run (the pointer names it), as the S3 emulator holds it. */
export async function rollupFile(year: number, name: string): Promise<Buffer> {
  const { publishedRollup } = await import('#shared/store/rollupOutputs');
  const published = await publishedRollup(year);
  if (!published) throw new Error(`No published rollup for ${year}`);
  reportsBucket ??= new S3Client({
    endpoint: inject('s3Endpoint'),
    forcePathStyle: true,
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const res = await reportsBucket.send(
    new GetObjectCommand({
      Bucket: process.env.REPORTS_BUCKET,
      Key: `rollups/${year}/runs/${published.runId}/${name}`,
    }),
  );
  return Buffer.from(await res.Body!.transformToByteArray());
}

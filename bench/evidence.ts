import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { EvidenceItem } from '#shared/domain/evidence';
import { BENCH_YEAR, benchCatalog, benchLevels, communeUnits, districtUnits } from './lib/data.ts';
import { openBenchPeriod } from './lib/period.ts';
import { startApiChild, type BenchStack } from './lib/benchStack.ts';
import { runLoad, type LoadFigures } from './lib/load.ts';
import { log, median, ratio, round } from './lib/stats.ts';

export interface EvidenceResult {
  readonly declare: LoadFigures;
  readonly barePresign: { readonly calls: number; readonly seconds: number; readonly perSecond: number };
  /** Declarations through the API per second over bare presign calls per second. */
  readonly declareRatio: number;
  readonly upload: {
    readonly bytes: number;
    readonly repeats: number;
    readonly presignedMiBps: number[];
    readonly directMiBps: number[];
    readonly presignedMedianMiBps: number;
    readonly directMedianMiBps: number;
    readonly ratio: number;
  };
}

const evidenceField =
  benchCatalog.fields.find((f) => f.evidence.rule !== 'none')?.code ?? benchCatalog.fields[0]!.code;
const sha256b64 = (b: Uint8Array) => createHash('sha256').update(b).digest('base64');

function benchItem(bytes: Uint8Array, unitId = 'bench-upload'): EvidenceItem {
  const evidenceId = randomBytes(16).toString('base64url');
  return {
    fileName: 'bench.pdf',
    contentType: 'application/pdf',
    size: bytes.length,
    sha256: sha256b64(bytes),
    fields: [evidenceField],
    document: { title: 'Bench' },
    evidenceId,
    year: BENCH_YEAR,
    unitId,
    status: 'pending',
    objectKey: `evidence/${BENCH_YEAR}/${unitId}/${evidenceId}`,
    uploadedBy: 'bench',
    createdAt: new Date().toISOString(),
  };
}

/**
 * Evidence: POST /reports/{year}/evidence through the adapter (a declaration: a transaction and a presigned
 * PUT URL), the bare presign call, and uploads of `uploadBytes` through a presigned PUT against a direct
 * PutObject of the same bytes to the same emulator, alternating.
 */
export async function evidenceBench(
  stack: BenchStack,
  opts: { connections: number; seconds: number; units: number; uploadBytes: number; repeats: number },
): Promise<EvidenceResult> {
  const { presignUpload } = await import('#shared/store/evidenceObjects');
  const { s3, bucketName } = await import('#shared/store/s3');
  // A different file each time: the same file twice for a field is refused (DUPLICATE_EVIDENCE).
  const declaration = (n: number) => {
    const pdf = Buffer.from(`%PDF-1.4\n% bench ${n}\n%%EOF\n`);
    return JSON.stringify({
      fileName: 'Quyết định 12-QĐ.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: sha256b64(pdf),
      fields: [evidenceField],
      document: { title: 'Quy chế an toàn thông tin', number: '12/QĐ' },
    });
  };

  // Each declaring agency is a unit of the hierarchy (the API refuses a token whose unit is not: the figure was
  // 0 from then until this load), the write path's own units, which the rollup's hierarchy loads over; and the
  // period must be open.
  const { loadHierarchy } = await import('#shared/store/units');
  const units = communeUnits(0, opts.units, 10);
  await loadHierarchy(benchLevels, [...districtUnits(10), ...units]);
  // The limit on files per report is a product rule, not what this measures.
  const api = await startApiChild(stack, { EVIDENCE_MAX_FILES: '100000000' });
  let declare: LoadFigures;
  try {
    await openBenchPeriod(stack, api.url);
    const tokens = await Promise.all(
      units.map((u) => stack.issuer.sign({ sub: `bench-ev-${u.id}`, role: 'agency', unitId: u.id })),
    );
    let n = 0;
    const next = () => ({
      method: 'POST',
      path: `/reports/${BENCH_YEAR}/evidence`,
      headers: {
        authorization: `Bearer ${tokens[n % tokens.length]}`,
        'content-type': 'application/json',
        'idempotency-key': `bench-${randomUUID()}`,
      },
      body: declaration(n++),
    });
    await runLoad({ url: api.url, connections: opts.connections, seconds: 2, next });
    log(`evidence: POST /reports/${BENCH_YEAR}/evidence for ${opts.seconds} s`);
    declare = await runLoad({ url: api.url, connections: opts.connections, seconds: opts.seconds, next });
    log(`evidence: ${round(declare.rps, 1)} declarations/s (${JSON.stringify(declare.statusCodes)})`);
    // Refusals are fast and would read as a figure: every declaration must have been one.
    if (declare.non2xx || declare.errors)
      throw new Error(`declarations refused or failed: ${JSON.stringify(declare.statusCodes)}`);
  } finally {
    await api.stop();
  }

  const sample = benchItem(Buffer.from('x'));
  for (let i = 0; i < 200; i++) await presignUpload(sample, new Date());
  let calls = 0;
  const t0 = performance.now();
  const until = t0 + opts.seconds * 1000;
  while (performance.now() < until) {
    await presignUpload(sample, new Date());
    calls += 1;
  }
  const presignSeconds = (performance.now() - t0) / 1000;
  log(`evidence: bare presign ${round(calls / presignSeconds, 0)} URLs/s`);

  const bytes = randomBytes(opts.uploadBytes);
  const mib = opts.uploadBytes / (1024 * 1024);
  const presigned: number[] = [];
  const direct: number[] = [];
  const bucket = bucketName('evidence');
  const viaPresigned = async () => {
    const item = benchItem(bytes);
    const ticket = await presignUpload(item, new Date());
    if (ticket.method !== 'PUT') throw new Error(`a ${mib} MiB bench file must go up in one PUT`);
    const t = performance.now();
    const res = await fetch(ticket.url, {
      method: 'PUT',
      headers: ticket.headers,
      body: new Uint8Array(bytes),
    });
    if (res.status !== 200) throw new Error(`presigned PUT answered ${res.status}: ${await res.text()}`);
    presigned.push(mib / ((performance.now() - t) / 1000));
  };
  const viaPutObject = async () => {
    const item = benchItem(bytes);
    const t = performance.now();
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: item.objectKey,
        Body: bytes,
        ContentType: item.contentType,
      }),
    );
    direct.push(mib / ((performance.now() - t) / 1000));
  };
  await viaPresigned();
  await viaPutObject();
  presigned.length = 0;
  direct.length = 0;
  for (let i = 0; i < opts.repeats; i++) {
    if (i % 2 === 0) {
      await viaPresigned();
      await viaPutObject();
    } else {
      await viaPutObject();
      await viaPresigned();
    }
  }
  const p = median(presigned);
  const d = median(direct);
  log(`evidence: ${round(mib)} MiB uploads: presigned ${round(p, 1)} MiB/s, PutObject ${round(d, 1)} MiB/s`);
  const barePerSecond = calls / presignSeconds;
  return {
    declare: { ...declare, rps: round(declare.rps, 1) },
    barePresign: { calls, seconds: round(presignSeconds), perSecond: round(barePerSecond, 0) },
    declareRatio: ratio(declare.rps, barePerSecond),
    upload: {
      bytes: opts.uploadBytes,
      repeats: opts.repeats,
      presignedMiBps: presigned.map((x) => round(x, 1)),
      directMiBps: direct.map((x) => round(x, 1)),
      presignedMedianMiBps: round(p, 1),
      directMedianMiBps: round(d, 1),
      ratio: ratio(p, d),
    },
  };
}

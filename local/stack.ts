import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { startApi, type LocalApi } from './api.ts';
import { startDynamoLocal, type DynamoLocal } from './dynamo.ts';
import { applyLocalEnv, localBucketName, localBucketPurposes } from './env.ts';
import { createLocalIssuer, type LocalIssuer } from './identity.ts';
import { OIDC_MOUNT } from './oidcProvider.ts';
import { freePort, isPortFree, StartupError } from './ports.ts';
import { ensureTable } from './provision.ts';
import { startS3Emulator, type S3Emulator } from './s3.ts';
import { startSesEmulator, type SesEmulator } from './ses.ts';
import { seedLevels, seedUnits } from './seedData.ts';
import { seedReportStates } from './seedReports.ts';

export const LOCAL_TABLE = 'bao-cao-cntt';
export const LOCAL_BUCKET_PREFIX = 'bao-cao-cntt';

export interface LocalStackOptions {
  readonly port: number;
  readonly dynamoPort: number;
  readonly s3Port: number;
  /** @default a free port */
  readonly sesPort?: number;
  /** Undefined keeps everything in memory. */
  readonly dataDir?: string;
  readonly webDir?: string;
  readonly log?: (line: string) => void;
}

export interface LocalStack {
  readonly url: string;
  readonly issuer: LocalIssuer;
  readonly seeded: boolean;
  /** The SES emulator: what reminders were sent (`${sesEndpoint}/store`, or its page). */
  readonly sesEndpoint: string;
  readonly s3Endpoint: string;
  stop(): Promise<void>;
}

/** A secret kept in a file beside the data, made on first use. */
function localSecret(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** DynamoDB Local, the S3 emulator and the API, started in order and stopped in reverse. */
export async function startLocalStack(opts: LocalStackOptions): Promise<LocalStack> {
  const log = opts.log ?? (() => undefined);
  const dataDir = opts.dataDir ? resolve(opts.dataDir) : undefined;
  if (!(await isPortFree(opts.port))) {
    throw new StartupError(`Port ${opts.port} is taken; set PORT to another port.`);
  }
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const part of started.reverse()) await part.stop().catch(() => undefined);
  };
  try {
    const dynamo: DynamoLocal = await startDynamoLocal({
      port: opts.dynamoPort,
      ...(dataDir ? { dataDir: join(dataDir, 'dynamodb') } : {}),
    });
    started.push(dynamo);
    log(
      `DynamoDB Local  ${dynamo.endpoint}${dataDir ? ` (data in ${join(dataDir, 'dynamodb')})` : ' (in memory)'}`,
    );
    const origins = [`http://127.0.0.1:${opts.port}`, `http://localhost:${opts.port}`];
    const s3: S3Emulator = await startS3Emulator({
      port: opts.s3Port,
      bucketNames: localBucketPurposes.map((p) => localBucketName(LOCAL_BUCKET_PREFIX, p)),
      corsOrigins: origins,
      ...(dataDir ? { dataDir: join(dataDir, 's3') } : {}),
    });
    started.push(s3);
    log(`S3 emulator     ${s3.endpoint}`);
    const ses: SesEmulator = await startSesEmulator({ port: opts.sesPort ?? (await freePort()) });
    started.push(ses);
    log(`SES emulator    ${ses.endpoint} (the reminders sent: its page, or ${ses.endpoint}/store)`);
    applyLocalEnv({
      tableName: LOCAL_TABLE,
      dynamoEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      bucketPrefix: LOCAL_BUCKET_PREFIX,
      sesEndpoint: ses.endpoint,
      ...(dataDir ? { auditMacKey: localSecret(join(dataDir, 'audit-mac-key')) } : {}),
    });
    await ensureTable(dynamo.endpoint, LOCAL_TABLE);
    const { getHierarchyHead, loadHierarchy } = await import('#shared/store/units');
    const seeded = (await getHierarchyHead()).version === 0;
    if (seeded) {
      await loadHierarchy(seedLevels, seedUnits);
      const { transitionItems } = await import('#shared/store/reports');
      const { transact } = await import('#shared/store/transact');
      const reports = seedReportStates(seedUnits);
      try {
        for (const { revisions } of reports) {
          for (const t of revisions) await transact(transitionItems(t.next.version - 1, t));
        }
      } catch (error) {
        // A data folder from before units had dates has reports but no hierarchy head: it cannot be seeded.
        throw new Error(
          `${dataDir ?? 'The store'} holds reports but no dated hierarchy (made before units had dates). ` +
            'Remove the data folder (rm -rf .data) or run with --in-memory.',
          { cause: error },
        );
      }
      log(
        `Seeded ${seedUnits.length} units of Điện Biên province (2014–2025 and since) and ${reports.length} demo reports (2024, 2025; 2026 drafts).`,
      );
    }
    const issuer = await createLocalIssuer({
      issuer: `http://127.0.0.1:${opts.port}${OIDC_MOUNT}`,
      ...(dataDir ? { keyFile: join(dataDir, 'signing-key.json') } : {}),
    });
    const api: LocalApi = await startApi({
      port: opts.port,
      issuer,
      s3Endpoint: s3.endpoint,
      oidc: true,
      ...(opts.webDir ? { webDir: opts.webDir } : {}),
    });
    started.push(api);
    return { url: api.url, issuer, seeded, sesEndpoint: ses.endpoint, s3Endpoint: s3.endpoint, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { analyzeMetafile, build, type Metafile } from 'esbuild';
import { deployedHandlers, lambdaBuildOptions, REPO_ROOT } from './lambdaBundle.ts';
import { kib, log, median, ratio, round } from './lib/stats.ts';

export const SIZE_GOAL_KIB = 600;
export const IMPORT_RATIO_GOAL = 1.8;
/** What an agency waits for first: its report read, its save and its submission start colder than the rest. */
export const AGENCY_IMPORT_RATIO_GOAL = 1.7;
export const AGENCY_FUNCTIONS: readonly string[] = ['getMyReport', 'saveMyReport', 'submitMyReport'];
export const importGoalOf = (handler: string): number =>
  AGENCY_FUNCTIONS.includes(handler) ? AGENCY_IMPORT_RATIO_GOAL : IMPORT_RATIO_GOAL;

export interface Contributor {
  readonly name: string;
  readonly kib: number;
  readonly share: number;
}

export interface HandlerFigures {
  readonly handler: string;
  readonly minifiedKiB: number;
  readonly gzippedKiB: number;
  readonly importMs: number;
  readonly importRatio: number;
  readonly importRunsMs: number[];
  readonly meetsSize: boolean;
  readonly meetsImport: boolean;
  /** Which SDK floor this function is compared with, and how many ms its import takes beyond that floor. */
  readonly sdkFloor?: SdkFloorName;
  readonly overSdkFloorMs?: number;
  /** The biggest parts of the bundle, by package (node_modules) or by folder (the project's own code). */
  readonly topContributors: Contributor[];
}

/** A bundle of nothing but SDK clients at module scope: what no function that uses them can import faster than. */
export interface SdkFloor {
  readonly name: SdkFloorName;
  readonly minifiedKiB: number;
  readonly importMs: number;
  readonly importRatio: number;
}

export interface ColdStartResult {
  readonly runs: number;
  readonly emptyNodeMs: number;
  readonly emptyNodeRunsMs: number[];
  readonly handlers: HandlerFigures[];
  /** Absent from results taken before the floors were measured. */
  readonly sdkFloors?: SdkFloor[];
}

const SDK_FLOORS = {
  dynamodb: 'the DynamoDB document client',
  dynamodbS3: 'the DynamoDB document client and S3',
};
export type SdkFloorName = keyof typeof SDK_FLOORS;
export const sdkFloorLabel = (name: SdkFloorName): string => SDK_FLOORS[name];
/** The floor a function is compared with: the one with S3 when its bundle carries the S3 client. */
const floorOf = (meta: Metafile): SdkFloorName =>
  Object.keys(meta.inputs).some((f) => f.includes('node_modules/@aws-sdk/client-s3/'))
    ? 'dynamodbS3'
    : 'dynamodb';

/** The env a deployed function has at cold start (names only matter; no call leaves the process). */
const FUNCTION_ENV = {
  TABLE_NAME: 'bench-table',
  EVIDENCE_BUCKET: 'bench-evidence',
  REPORTS_BUCKET: 'bench-reports',
  ANCHORS_BUCKET: 'bench-anchors',
  AUDIT_KMS_KEY_ID: 'arn:aws:kms:ap-southeast-1:123456789012:key/bench',
  AWS_REGION: 'ap-southeast-1',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  ORIGIN_VERIFY_SECRET: 'bench',
  POWERTOOLS_SERVICE_NAME: 'bao-cao-cntt',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** Groups a metafile input path: a package under node_modules, or a project folder (shared/catalog, ...). */
function groupOf(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] as string);
    // zod ships several builds; name the one pulled in, since that is what a fix changes.
    if (pkg === 'zod') return `zod/${rest.slice(1, 3).join('/')}`;
    return pkg;
  }
  const parts = path.split('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : path;
}

export function contributors(meta: Metafile, outfile: string, top = 8): Contributor[] {
  const out = Object.entries(meta.outputs).find(([p]) => outfile.endsWith(p) || p.endsWith('index.mjs'));
  if (!out) return [];
  const total = out[1].bytes;
  const groups = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(out[1].inputs)) {
    const g = groupOf(input);
    groups.set(g, (groups.get(g) ?? 0) + bytesInOutput);
  }
  return [...groups]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, bytes]) => ({ name, kib: kib(bytes), share: round(bytes / total, 3) }));
}

function timeProcess(args: string[], env: NodeJS.ProcessEnv): number {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (res.status !== 0)
    throw new Error(`node ${args.join(' ')} failed: ${res.stderr.toString().slice(0, 2000)}`);
  return ms;
}

async function bundleFloors(workDir: string) {
  const floors: { name: SdkFloorName; outfile: string }[] = [];
  for (const name of Object.keys(SDK_FLOORS) as SdkFloorName[]) {
    const outfile = join(workDir, `sdk-floor-${name}`, 'index.mjs');
    await build({
      ...lambdaBuildOptions('getHealth', outfile),
      entryPoints: [join(import.meta.dirname, 'sdkFloor', `${name}.ts`)],
      absWorkingDir: REPO_ROOT,
    });
    floors.push({ name, outfile });
  }
  return floors;
}

export async function bundleAll(workDir: string) {
  rmSync(workDir, { recursive: true, force: true });
  const built: { handler: string; outfile: string; meta: Metafile }[] = [];
  for (const handler of deployedHandlers()) {
    const outfile = join(workDir, handler, 'index.mjs');
    mkdirSync(join(workDir, handler), { recursive: true });
    const result = await build({
      ...lambdaBuildOptions(handler, outfile),
      metafile: true,
      absWorkingDir: REPO_ROOT,
    });
    built.push({ handler, outfile, meta: result.metafile as Metafile });
  }
  return built;
}

/** Bundles every function as the stack does, then times a cold import of each in a fresh Node process. */
export async function coldStart(opts: { workDir: string; runs: number }): Promise<ColdStartResult> {
  log(`cold start: bundling ${deployedHandlers().length} functions with the stack's esbuild flags`);
  const built = await bundleAll(opts.workDir);
  const floors = await bundleFloors(opts.workDir);
  const importOf = (file: string) => `await import(${JSON.stringify(pathToFileURL(file).href)})`;
  /*
   * A child's env is the function's variables and PATH, as in Lambda, and nothing of this machine's: its
   * NODE_EXTRA_CA_CERTS alone (a CA bundle Node reads at start, which Lambda's runtime does not set) made every
   * process, the empty one included, start 40–60 ms later, which pulled every ratio towards 1.
   */
  const env = { PATH: process.env.PATH, ...FUNCTION_ENV };
  const empty: number[] = [];
  const times = new Map<string, number[]>([...built, ...floors].map((b) => [b.outfile, []]));
  // Rounds interleave the empty process with every bundle, so that a burst of load from other work on the
  // machine hits the baseline and the bundles alike.
  for (let round_ = 0; round_ < opts.runs; round_++) {
    empty.push(timeProcess(['-e', ''], env));
    for (const b of [...built, ...floors]) {
      times.get(b.outfile)?.push(timeProcess(['--input-type=module', '-e', importOf(b.outfile)], env));
    }
    empty.push(timeProcess(['-e', ''], env));
    log(`cold start: round ${round_ + 1}/${opts.runs} done`);
  }
  const emptyMs = median(empty);
  const sdkFloors = floors.map(({ name, outfile }): SdkFloor => ({
    name,
    minifiedKiB: kib(statSync(outfile).size),
    importMs: round(median(times.get(outfile) ?? []), 1),
    importRatio: ratio(median(times.get(outfile) ?? []), emptyMs),
  }));
  const handlers = built.map(({ handler, outfile, meta }): HandlerFigures => {
    const bytes = statSync(outfile).size;
    const gz = gzipSync(readFileSync(outfile), { level: 9 }).length;
    const runs = times.get(outfile) ?? [];
    const importMs = median(runs);
    const floor = floorOf(meta);
    const floorMs = sdkFloors.find((f) => f.name === floor)?.importMs ?? 0;
    const r = ratio(importMs, emptyMs);
    return {
      handler,
      minifiedKiB: kib(bytes),
      gzippedKiB: kib(gz),
      importMs: round(importMs, 1),
      importRatio: r,
      importRunsMs: runs.map((x) => round(x, 1)),
      meetsSize: bytes / 1024 <= SIZE_GOAL_KIB,
      meetsImport: r <= importGoalOf(handler),
      sdkFloor: floor,
      overSdkFloorMs: round(importMs - floorMs, 1),
      topContributors: contributors(meta, relative(REPO_ROOT, outfile)),
    };
  });
  return {
    runs: opts.runs,
    emptyNodeMs: round(emptyMs, 1),
    emptyNodeRunsMs: empty.map((x) => round(x, 1)),
    handlers,
    sdkFloors,
  };
}

/** esbuild's own analysis of one bundle, for the README (top inputs by size). */
export async function analysisOf(workDir: string, handler: string): Promise<string> {
  const outfile = join(workDir, `analysis-${handler}`, 'index.mjs');
  const result = await build({
    ...lambdaBuildOptions(handler, outfile),
    metafile: true,
    absWorkingDir: REPO_ROOT,
  });
  return analyzeMetafile(result.metafile as Metafile, { verbose: false });
}

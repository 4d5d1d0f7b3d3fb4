import { build } from 'esbuild';
import { lambdaBuildOptions } from '/work/wt-units/bench/lambdaBundle.ts';
for (const h of process.argv.slice(2)) {
  const r = await build({
    ...lambdaBuildOptions(h, `/tmp/bundles/${h}/index.mjs`),
    metafile: true,
    logLevel: 'silent',
  });
  const out = Object.values(r.metafile!.outputs).find((o) => o.entryPoint);
  const zod = Object.keys(r.metafile!.inputs).filter((k) => k.includes('node_modules/zod')).length;
  console.log(h, Math.round(out!.bytes / 1024), 'KiB', 'zod files:', zod);
}

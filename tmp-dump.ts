import { writeFileSync, mkdirSync } from 'node:fs';
import { rollUpSeed } from './test/unit/rollup/seedRollup.ts';
const s = await rollUpSeed(2025);
mkdirSync('/tmp/rb/out', { recursive: true });
for (const [f, n] of [['json','rollup.json'],['unitsCsv','units.csv'],['indicatorsCsv','indicators.csv'],['html','report.html'],['xlsx','rollup.xlsx']] as const) writeFileSync(`/tmp/rb/out/${n}`, s.publishedBytes(2025, f)!);
const j = JSON.parse(s.published(2025, 'json')!);
for (const u of j.units) console.log(u.unitId, u.level, u.status, u.verification, u.indicators?.email_regular_pct?.value?.toFixed(1), u.score?.score?.toFixed(2), u.score?.band, (u.outliers??[]).map((o:any)=>o.indicator).join(','), u.change?.email_regular_pct?.toFixed(2));
for (const g of j.groups.filter((g:any)=>g.type!=='parent')) console.log(g.key, g.indicators.email_regular_pct.value?.toFixed(2), g.indicators.antivirus_coverage_pct.value?.toFixed(2), g.answers.lan_available);

import type { Catalog, Indicator } from '../catalog/index.ts';
import type { Bilingual } from '../contract/i18n.ts';
import { round } from './csv.ts';
import type { Completeness, GroupResult } from './groups.ts';
import type { RankedEntry } from './ranking.ts';

export interface HtmlInput {
  readonly catalog: Catalog;
  readonly year: number;
  readonly groups: readonly GroupResult[];
  readonly names: (g: GroupResult) => Bilingual;
  readonly distributions: Record<string, { edges: number[]; counts: number[] }>;
  readonly ranking: readonly RankedEntry[];
  readonly unitNames: ReadonlyMap<string, Bilingual>;
  readonly missing: readonly { unitId: string; status: string }[];
  readonly verification: {
    unitsVerified: number;
    fields: Record<string, { units: number; withGap: number; sumAbsGap: number; maxAbsGap: number }>;
  };
}

/** How much of the ranking and of the missing units the HTML lists; the CSVs and JSON have all of them. */
export const HTML_RANKING_ROWS = 100;
export const HTML_MISSING_ROWS = 500;

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
const num = (v: number | null | undefined, digits = 1) =>
  v === null || v === undefined ? '—' : round(v).toLocaleString('vi-VN', { maximumFractionDigits: digits });
const both = (b: Bilingual) => `${esc(b.vi)} <span class="en">/ ${esc(b.en)}</span>`;

/** Horizontal bars, one per row, with an optional target mark per row. */
function bars(
  rows: { label: string; value: number | null; target?: number | null }[],
  max: number,
  unit: string,
): string {
  const h = 22;
  const width = 560;
  const left = 170;
  const scale = (v: number) => (max > 0 ? ((width - left - 60) * Math.min(v, max)) / max : 0);
  const body = rows
    .map((r, i) => {
      const y = i * h;
      const bar =
        r.value === null
          ? `<text x="${left + 4}" y="${y + 15}" class="muted">không có dữ liệu / no data</text>`
          : `<rect x="${left}" y="${y + 4}" width="${scale(r.value)}" height="${h - 8}" class="bar"/><text x="${left + scale(r.value) + 4}" y="${y + 16}">${num(r.value)}${esc(unit)}</text>`;
      const target =
        r.target === null || r.target === undefined
          ? ''
          : `<line x1="${left + scale(r.target)}" x2="${left + scale(r.target)}" y1="${y + 1}" y2="${y + h - 1}" class="target"/>`;
      return `<text x="0" y="${y + 16}">${esc(r.label)}</text>${bar}${target}`;
    })
    .join('');
  return `<svg role="img" viewBox="0 0 ${width} ${rows.length * h}" width="${width}" height="${rows.length * h}">${body}</svg>`;
}

function histogram(d: { edges: number[]; counts: number[] }): string {
  const max = Math.max(1, ...d.counts);
  const w = 28;
  const h = 80;
  const cols = d.counts
    .map((c, i) => {
      const bh = (h * c) / max;
      return `<rect x="${i * w}" y="${h - bh}" width="${w - 3}" height="${bh}" class="bar"/><text x="${i * w}" y="${h + 12}" class="tick">${num(d.edges[i] ?? 0, 1)}</text>${c ? `<text x="${i * w}" y="${h - bh - 2}" class="tick">${c}</text>` : ''}`;
    })
    .join('');
  return `<svg role="img" viewBox="0 -12 ${d.counts.length * w} ${h + 28}" width="${d.counts.length * w}" height="${h + 28}">${cols}</svg>`;
}

function completenessTable(groups: readonly GroupResult[], names: HtmlInput['names']): string {
  const rows = groups
    .filter((g) => g.type !== 'parent')
    .map((g) => {
      const c: Completeness = g.completeness;
      return `<tr><td>${both(names(g))}</td><td>${c.expected}</td><td>${c.reported}</td><td>${c.onTime}</td><td>${c.late}</td><td>${c.missing}</td></tr>`;
    })
    .join('');
  const chart = bars(
    groups
      .filter((g) => g.type !== 'parent')
      .map((g) => ({
        label: names(g).vi,
        value: g.completeness.expected ? (100 * g.completeness.reported) / g.completeness.expected : null,
      })),
    100,
    '%',
  );
  return `<table><thead><tr><th>Nhóm / Group</th><th>Phải nộp / Expected</th><th>Đã nộp / Reported</th><th>Đúng hạn / On time</th><th>Muộn / Late</th><th>Chưa nộp / Missing</th></tr></thead><tbody>${rows}</tbody></table>${chart}`;
}

function indicatorSection(input: HtmlInput, indicator: Indicator): string {
  const levels = input.groups.filter((g) => g.type === 'level');
  const overall = input.groups.find((g) => g.type === 'overall')?.indicators[indicator.code];
  const values = levels.map((g) => g.indicators[indicator.code]?.value ?? 0);
  const targets = levels.map((g) => g.indicators[indicator.code]?.target?.value ?? 0);
  const max = Math.max(1, ...values, ...targets) * 1.1;
  const unit = indicator.multiplier === 100 ? '%' : '';
  const rows = levels
    .map((g) => {
      const v = g.indicators[indicator.code];
      const met =
        v?.met === null || v?.met === undefined ? '—' : v.met ? '✔ đạt / met' : '✘ chưa đạt / not met';
      return `<tr><td>${both(input.names(g))}</td><td>${num(v?.value)}${unit}</td><td>${v?.target ? `${v.target.op} ${num(v.target.value)}` : '—'}</td><td>${met}</td><td>${v?.unitsMeetingTarget ?? 0}/${v?.unitsWithTarget ?? 0}</td><td>${num(v?.change)}</td></tr>`;
    })
    .join('');
  const dist = input.distributions[indicator.code];
  return `<section><h3>${both(indicator.label)}</h3>
<p>Toàn tỉnh / Province: <strong>${num(overall?.value)}${unit}</strong> (${num(overall?.numerator, 0)} / ${num(overall?.denominator, 0)}); so với năm trước / vs last year: ${num(overall?.change)}</p>
${bars(
  levels.map((g) => ({
    label: input.names(g).vi,
    value: g.indicators[indicator.code]?.value ?? null,
    target: g.indicators[indicator.code]?.target?.value ?? null,
  })),
  max,
  unit,
)}
<table><thead><tr><th>Cấp / Level</th><th>Giá trị / Value</th><th>Mục tiêu / Target</th><th>Kết quả / Result</th><th>Đơn vị đạt / Units meeting</th><th>Thay đổi / Change</th></tr></thead><tbody>${rows}</tbody></table>
${dist ? `<p class="muted">Phân bố theo đơn vị / Distribution across units</p>${histogram(dist)}` : ''}</section>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.en{color:#555;font-weight:normal}table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
svg text{font-size:12px;fill:#1b1b1b}.bar{fill:#1f6feb}.target{stroke:#d1242f;stroke-width:2}.muted,.tick{fill:#666;color:#666;font-size:11px}
section{border-top:1px solid #ddd;margin-top:1.5rem}`;

/** One self-contained file: no scripts, no external assets, charts as inline SVG. */
export function renderReportHtml(input: HtmlInput): string {
  const ranking = input.ranking
    .slice(0, HTML_RANKING_ROWS)
    .map(
      (r) =>
        `<tr><td>${r.rank}</td><td>${esc(input.unitNames.get(r.unitId)?.vi ?? r.unitId)}</td><td>${num(r.total)}/${num(r.max)}</td><td>${esc(input.catalog.bands.find((b) => b.id === r.band)?.label.vi ?? r.band)}</td></tr>`,
    )
    .join('');
  const missing = input.missing
    .slice(0, HTML_MISSING_ROWS)
    .map((m) => `<li>${esc(input.unitNames.get(m.unitId)?.vi ?? m.unitId)} (${esc(m.status)})</li>`)
    .join('');
  const gaps = Object.entries(input.verification.fields)
    .map(
      ([f, g]) =>
        `<tr><td>${esc(f)}</td><td>${g.units}</td><td>${g.withGap}</td><td>${num(g.sumAbsGap)}</td><td>${num(g.maxAbsGap)}</td></tr>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tổng hợp ứng dụng CNTT năm ${input.year} / ICT adoption rollup ${input.year}</title><style>${STYLE}</style></head><body>
<h1>Tổng hợp ứng dụng CNTT năm ${input.year} <span class="en">/ ICT adoption rollup ${input.year}</span></h1>
<p class="muted">Danh mục chỉ tiêu / Catalog ${esc(input.catalog.version)}. Tỷ lệ của nhóm = tổng tử số / tổng mẫu số. Group percentages are sums of numerators over sums of denominators.</p>
<h2>Tình hình nộp báo cáo <span class="en">/ Completeness</span></h2>${completenessTable(input.groups, input.names)}
${missing ? `<details><summary>Đơn vị chưa nộp / Units not reported (${input.missing.length})</summary><ul>${missing}</ul></details>` : ''}
<h2>Chỉ tiêu <span class="en">/ Indicators</span></h2>${input.catalog.indicators.map((i) => indicatorSection(input, i)).join('\n')}
<h2>Xếp hạng <span class="en">/ Ranking</span></h2><table><thead><tr><th>Hạng / Rank</th><th>Đơn vị / Unit</th><th>Điểm / Score</th><th>Xếp loại / Band</th></tr></thead><tbody>${ranking}</tbody></table>
<h2>Số liệu tự báo cáo và đã xác minh <span class="en">/ Self-reported vs verified</span></h2>
<p>Đơn vị đã xác minh / Units verified: ${input.verification.unitsVerified}</p>
<table><thead><tr><th>Trường / Field</th><th>Đơn vị / Units</th><th>Có chênh lệch / With a gap</th><th>Tổng chênh lệch / Sum of gaps</th><th>Lớn nhất / Largest</th></tr></thead><tbody>${gaps}</tbody></table>
</body></html>
`;
}

import type { Level } from '../hierarchy.ts';
import type { Catalog, Indicator } from '../catalog/index.ts';
import { VERIFICATION_LABELS, VERIFICATION_STATES } from '../domain/officialValues.ts';
import { STATUS_LABELS, type DisplayStatus } from '../contract/statuses.ts';
import type { Bilingual } from '../contract/i18n.ts';
import {
  bandLabel,
  changeText,
  citation,
  comparedWithLabel,
  fieldLabel,
  fractionText,
  isPercent,
  levelName,
  MISSING,
  numberText,
  opText,
  valueText,
} from './display.ts';
import type { GroupResult, VerificationCounts } from './groups.ts';
import type { RankedEntry } from './ranking.ts';
import type { ComparedWith } from './previousYear.ts';
import type { GapLine } from './sheets.ts';

export interface HtmlInput {
  readonly catalog: Catalog;
  /** The levels of the year's hierarchy. */
  readonly levels: readonly Level[];
  readonly year: number;
  /** The name of the target set the run scored with. */
  readonly targetSet: string;
  readonly groups: readonly GroupResult[];
  readonly names: (g: GroupResult) => Bilingual;
  readonly distributions: Record<string, { edges: number[]; counts: number[] }>;
  /** The first HTML_RANKING_ROWS of each level in rank order, levels in order. */
  readonly ranking: readonly RankedEntry[];
  /** How many units each level ranks in all. */
  readonly rankedUnits: ReadonlyMap<string, number>;
  readonly unitNames: ReadonlyMap<string, Bilingual>;
  readonly missing: readonly { unitId: string; status: string }[];
  readonly verification: {
    states?: VerificationCounts;
    unitsVerified: number;
    fields: Record<string, { units: number; withGap: number; sumAbsGap: number; maxAbsGap: number }>;
  };
  readonly gapLines: readonly GapLine[];
  /** Units not compared with themselves (merged, split, new): the first of them, and how many in all. */
  readonly comparisons: { readonly listed: readonly UnitComparison[]; readonly total: number };
}

export interface UnitComparison {
  readonly unitId: string;
  readonly comparedWith: ComparedWith;
}

/** How much of each level's ranking, of the missing units and of the parents the HTML lists; the files have all. */
export const HTML_RANKING_ROWS = 100;
export const HTML_MISSING_ROWS = 500;
export const HTML_PARENT_ROWS = 200;
export const HTML_COMPARISON_ROWS = 500;
export const HTML_GAP_ROWS = 500;

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
/** Vietnamese with English beside it; once when they are the same (a document number). */
const both = (b: Bilingual) =>
  b.vi === b.en ? esc(b.vi) : `${esc(b.vi)} <span class="en">/ ${esc(b.en)}</span>`;
const count = (n: number) => numberText(n, 0);
const unitName = (input: HtmlInput, id: string) => esc(input.unitNames.get(id)?.vi ?? id);

/** Horizontal bars, one per row, with an optional target mark per row. */
function bars(
  label: string,
  rows: { label: string; value: number | null; text: string; target?: number | null }[],
  max: number,
): string {
  const h = 22;
  const width = 560;
  const left = 170;
  const scale = (v: number) => (max > 0 ? ((width - left - 90) * Math.min(v, max)) / max : 0);
  const body = rows
    .map((r, i) => {
      const y = i * h;
      const bar =
        r.value === null
          ? `<text x="${left + 4}" y="${y + 15}" class="muted">không có dữ liệu / no data</text>`
          : `<rect x="${left}" y="${y + 4}" width="${scale(r.value)}" height="${h - 8}" class="bar"/><text x="${left + scale(r.value) + 4}" y="${y + 16}">${esc(r.text)}</text>`;
      const target =
        r.target === null || r.target === undefined
          ? ''
          : `<line x1="${left + scale(r.target)}" x2="${left + scale(r.target)}" y1="${y + 1}" y2="${y + h - 1}" class="target"/>`;
      return `<text x="0" y="${y + 16}">${esc(r.label)}</text>${bar}${target}`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(label)}" viewBox="0 0 ${width} ${rows.length * h}" width="${width}" height="${rows.length * h}">${body}</svg>`;
}

function histogram(label: string, d: { edges: number[]; counts: number[] }): string {
  const max = Math.max(1, ...d.counts);
  const w = 28;
  const h = 80;
  const cols = d.counts
    .map((c, i) => {
      const bh = (h * c) / max;
      return `<rect x="${i * w}" y="${h - bh}" width="${w - 3}" height="${bh}" class="bar"/><text x="${i * w}" y="${h + 12}" class="tick">${numberText(d.edges[i] ?? 0, 1)}</text>${c ? `<text x="${i * w}" y="${h - bh - 2}" class="tick">${c}</text>` : ''}`;
    })
    .join('');
  return `<svg role="img" aria-label="${esc(label)}" viewBox="0 -12 ${d.counts.length * w} ${h + 28}" width="${d.counts.length * w}" height="${h + 28}">${cols}</svg>`;
}

const COMPLETENESS_HEAD = `<tr><th scope="col">Nhóm / Group</th><th scope="col">Phải nộp / Expected</th><th scope="col">Đã nộp / Reported</th><th scope="col">Đúng hạn / On time</th><th scope="col">Muộn / Late</th><th scope="col">Chưa nộp / Missing</th>${VERIFICATION_STATES.map((s) => `<th scope="col">${both(VERIFICATION_LABELS[s])}</th>`).join('')}</tr>`;

function completenessRow(g: GroupResult, name: Bilingual): string {
  const c = g.completeness;
  const v = VERIFICATION_STATES.map((s) => `<td>${count(g.verification[s])}</td>`).join('');
  return `<tr><th scope="row">${both(name)}</th><td>${count(c.expected)}</td><td>${count(c.reported)}</td><td>${count(c.onTime)}</td><td>${count(c.late)}</td><td>${count(c.missing)}</td>${v}</tr>`;
}

function completenessSection(input: HtmlInput): string {
  const top = input.groups.filter((g) => g.type !== 'parent');
  const parents = input.groups.filter((g) => g.type === 'parent').slice(0, HTML_PARENT_ROWS);
  const chart = bars(
    'Tỷ lệ đã nộp theo cấp / Share reported by level',
    top.map((g) => {
      const share = g.completeness.expected
        ? (100 * g.completeness.reported) / g.completeness.expected
        : null;
      return {
        label: input.names(g).vi,
        value: share,
        text: share === null ? MISSING : `${numberText(share)}%`,
      };
    }),
    100,
  );
  return `<table><caption>Theo cấp / By level</caption><thead>${COMPLETENESS_HEAD}</thead><tbody>${top.map((g) => completenessRow(g, input.names(g))).join('')}</tbody></table>${chart}
<h3>Theo đơn vị cấp trên <span class="en">/ By parent unit</span></h3>
<table><thead>${COMPLETENESS_HEAD}</thead><tbody>${parents.map((g) => completenessRow(g, input.names(g))).join('')}</tbody></table>`;
}

function targetText(
  catalog: Catalog,
  indicator: Indicator,
  t: GroupResult['indicators'][string]['target'],
): string {
  if (!t) return MISSING;
  return `${opText(t.op)} ${esc(valueText(indicator, t.value))}<br><span class="muted">${both(citation(catalog, t.source))}</span>`;
}

function indicatorSection(input: HtmlInput, indicator: Indicator): string {
  const { catalog } = input;
  const levels = input.groups.filter((g) => g.type === 'level');
  const parents = input.groups.filter((g) => g.type === 'parent').slice(0, HTML_PARENT_ROWS);
  const overall = input.groups.find((g) => g.type === 'overall')?.indicators[indicator.code];
  const values = levels.map((g) => g.indicators[indicator.code]?.value ?? 0);
  const targets = levels.map((g) => g.indicators[indicator.code]?.target?.value ?? 0);
  const max = Math.max(isPercent(indicator) ? 0 : 1, ...values, ...targets) * 1.1 || 1;
  const fraction = (v: GroupResult['indicators'][string] | undefined) => {
    const f = fractionText(catalog, indicator, v);
    return f ? ` <span class="muted">(${esc(f)})</span>` : '';
  };
  const rows = levels
    .map((g) => {
      const v = g.indicators[indicator.code];
      const met =
        v?.met === null || v?.met === undefined ? MISSING : v.met ? '✔ đạt / met' : '✘ chưa đạt / not met';
      return `<tr><th scope="row">${both(input.names(g))}</th><td>${esc(valueText(indicator, v?.value))}${fraction(v)}</td><td>${esc(valueText(indicator, v?.selfReported.value))}</td><td>${targetText(catalog, indicator, v?.target ?? null)}</td><td>${met}</td><td>${count(v?.unitsMeetingTarget ?? 0)}/${count(v?.unitsWithTarget ?? 0)}</td><td>${esc(changeText(indicator, v?.change))}</td></tr>`;
    })
    .join('');
  const parentRows = parents
    .map((g) => {
      const v = g.indicators[indicator.code];
      return `<tr><th scope="row">${both(input.names(g))}</th><td>${esc(valueText(indicator, v?.value))}${fraction(v)}</td><td>${esc(valueText(indicator, v?.selfReported.value))}</td><td>${esc(changeText(indicator, v?.change))}</td></tr>`;
    })
    .join('');
  const dist = input.distributions[indicator.code];
  const notApplicable = overall?.unitsNotApplicable
    ? `; không áp dụng / not applicable: ${count(overall.unitsNotApplicable)} đơn vị / units`
    : '';
  return `<section><h3>${both(indicator.label)}</h3>
<p>Toàn tỉnh / Province: <strong>${esc(valueText(indicator, overall?.value))}</strong>${fraction(overall)}; tự báo cáo / self-reported: ${esc(valueText(indicator, overall?.selfReported.value))}; so với năm trước / vs last year: ${esc(changeText(indicator, overall?.change))}${notApplicable}</p>
${bars(
  `${indicator.label.vi} theo cấp / ${indicator.label.en} by level`,
  levels.map((g) => {
    const v = g.indicators[indicator.code]?.value ?? null;
    return {
      label: input.names(g).vi,
      value: v,
      text: valueText(indicator, v),
      target: g.indicators[indicator.code]?.target?.value ?? null,
    };
  }),
  max,
)}
<table><thead><tr><th scope="col">Cấp / Level</th><th scope="col">Giá trị chính thức / Official value</th><th scope="col">Tự báo cáo / Self-reported</th><th scope="col">Mục tiêu và nguồn / Target and source</th><th scope="col">Kết quả / Result</th><th scope="col">Đơn vị đạt / Units meeting</th><th scope="col">Thay đổi / Change</th></tr></thead><tbody>${rows}</tbody></table>
<details><summary>Theo đơn vị cấp trên / By parent unit</summary><table><thead><tr><th scope="col">Nhóm / Group</th><th scope="col">Giá trị chính thức / Official value</th><th scope="col">Tự báo cáo / Self-reported</th><th scope="col">Thay đổi / Change</th></tr></thead><tbody>${parentRows}</tbody></table></details>
${dist ? `<p class="muted">Phân bố theo đơn vị / Distribution across units (${esc(indicator.unit.vi)})</p>${histogram(`Phân bố ${indicator.label.vi} / Distribution of ${indicator.label.en}`, dist)}` : ''}</section>`;
}

function answersSection(input: HtmlInput): string {
  const shown = input.groups.filter((g) => g.type !== 'parent');
  const parents = input.groups.filter((g) => g.type === 'parent').slice(0, HTML_PARENT_ROWS);
  const fields = input.catalog.fields.filter((f) => f.type === 'boolean');
  const cell = (g: GroupResult, code: string) => {
    const a = g.answers[code];
    return !a || a.share === null
      ? MISSING
      : `${numberText(a.share)}% <span class="muted">(${count(a.yes)}/${count(a.answered)})</span>`;
  };
  const table = (groups: readonly GroupResult[]) =>
    `<table><thead><tr><th scope="col">Câu hỏi / Question</th>${groups.map((g) => `<th scope="col">${both(input.names(g))}</th>`).join('')}</tr></thead><tbody>${fields
      .map(
        (f) =>
          `<tr><th scope="row">${both(f.label)}</th>${groups.map((g) => `<td>${cell(g, f.code)}</td>`).join('')}</tr>`,
      )
      .join('')}</tbody></table>`;
  return `${table(shown)}<details><summary>Theo đơn vị cấp trên / By parent unit</summary>${table(parents)}</details>`;
}

function rankingSection(input: HtmlInput): string {
  const { catalog } = input;
  const byLevel = new Map<string, RankedEntry[]>();
  for (const r of input.ranking) byLevel.set(r.level, [...(byLevel.get(r.level) ?? []), r]);
  const bands = catalog.bands
    .map((b) => `${esc(b.label.vi)} ≥ ${numberText(b.minShare * 100, 0)}`)
    .join('; ');
  const bandSources = [...new Set(catalog.bands.map((b) => b.source ?? 'system-default'))]
    .map((s) => both(citation(catalog, s)))
    .join('; ');
  return `<p>Xếp hạng trong từng cấp, theo điểm thang 100 trên số điểm tối đa của các chỉ tiêu áp dụng. <span class="en">Ranked within each level, by the score out of 100 over the maximum of the indicators that apply.</span></p>
<p class="muted">Xếp loại / Bands: ${bands} — nguồn / source: ${bandSources}</p>
${[...byLevel]
  .map(([level, entries]) => {
    const rows = entries
      .map(
        (r) =>
          `<tr><td>${r.rank}</td><td>${unitName(input, r.unitId)}</td><td>${numberText(r.score, 2)}</td><td>${numberText(r.points, 2)} / ${numberText(r.applicableMax, 2)}</td><td>${both(bandLabel(catalog, r.band))}</td></tr>`,
      )
      .join('');
    const total = input.rankedUnits.get(level) ?? entries.length;
    const cut =
      total > entries.length
        ? `<p class="muted">${count(entries.length)} đơn vị đầu trong số ${count(total)}; các đơn vị cùng điểm cùng hạng. Bảng xếp hạng đầy đủ có trong tệp JSON, điểm của mọi đơn vị có trong tệp CSV và XLSX. <span class="en">The first ${count(entries.length)} of ${count(total)} units; units with the same score share a rank. The full ranking is in the JSON file, every unit's score in the CSV and XLSX files.</span></p>`
        : '';
    return `<h3>Xếp hạng ${esc(levelName(input.levels, level).vi)} <span class="en">/ Ranking, ${esc(levelName(input.levels, level).en)} level</span></h3>${cut}
<table><thead><tr><th scope="col">Hạng / Rank</th><th scope="col">Đơn vị / Unit</th><th scope="col">Điểm (thang 100) / Score (out of 100)</th><th scope="col">Điểm đạt / tối đa áp dụng / Points / applicable maximum</th><th scope="col">Xếp loại / Band</th></tr></thead><tbody>${rows}</tbody></table>`;
  })
  .join('\n')}`;
}

function verificationSection(input: HtmlInput): string {
  const { catalog } = input;
  const states = input.verification.states;
  const counts = VERIFICATION_STATES.map(
    (s) => `<tr><th scope="row">${both(VERIFICATION_LABELS[s])}</th><td>${count(states?.[s] ?? 0)}</td></tr>`,
  ).join('');
  const fields = Object.entries(input.verification.fields)
    .map(
      ([f, g]) =>
        `<tr><th scope="row">${both(fieldLabel(catalog, f))}</th><td>${count(g.units)}</td><td>${count(g.withGap)}</td><td>${numberText(g.sumAbsGap)}</td><td>${numberText(g.maxAbsGap)}</td></tr>`,
    )
    .join('');
  const value = (v: unknown) =>
    typeof v === 'number' ? numberText(v, 2) : v === null || v === undefined ? MISSING : esc(v);
  const lines = input.gapLines
    .slice(0, HTML_GAP_ROWS)
    .map(
      (l) =>
        `<tr><td>${unitName(input, l.row.unitId)}</td><td>${both(fieldLabel(catalog, l.field))}</td><td>${value(l.figure.reported)}</td><td>${value(l.figure.verified)}</td><td>${l.figure.gap === null ? MISSING : numberText(l.figure.gap, 2)}</td></tr>`,
    )
    .join('');
  return `<p>Số liệu chính thức là giá trị đoàn kiểm tra đã xác minh trên lần nộp hiện tại; nơi chưa xác minh là số liệu đơn vị tự báo cáo. <span class="en">The official figure is the auditors’ verified value on the current submission; elsewhere it is the self-reported value.</span></p>
<table><thead><tr><th scope="col">Tình trạng số liệu / Figures</th><th scope="col">Số đơn vị / Units</th></tr></thead><tbody>${counts}</tbody></table>
<table><thead><tr><th scope="col">Trường / Field</th><th scope="col">Đơn vị đã xác minh / Units verified</th><th scope="col">Có chênh lệch / With a gap</th><th scope="col">Tổng chênh lệch / Sum of gaps</th><th scope="col">Lớn nhất / Largest</th></tr></thead><tbody>${fields}</tbody></table>
<table><thead><tr><th scope="col">Đơn vị / Unit</th><th scope="col">Trường / Field</th><th scope="col">Tự báo cáo / Self-reported</th><th scope="col">Đã xác minh / Verified</th><th scope="col">Chênh lệch / Gap</th></tr></thead><tbody>${lines}</tbody></table>`;
}

function comparisonSection(input: HtmlInput): string {
  const { listed, total } = input.comparisons;
  if (!total) return '';
  const rows = listed
    .map(
      ({ unitId, comparedWith: c }) =>
        `<tr><th scope="row">${unitName(input, unitId)}</th><td>${both(comparedWithLabel(c))}</td><td>${(c.predecessors ?? []).map((p) => unitName(input, p)).join('; ') || MISSING}</td></tr>`,
    )
    .join('');
  return `<h2>So sánh với năm trước <span class="en">/ Compared with last year</span></h2>
<p>Đơn vị mới, sáp nhập hoặc chia tách được so sánh với các đơn vị tiền thân trong danh mục đơn vị của năm trước (${count(total)} đơn vị). <span class="en">New, merged or split units are compared with their predecessors in last year's hierarchy (${count(total)} units).</span></p>
<table><thead><tr><th scope="col">Đơn vị / Unit</th><th scope="col">So sánh với / Compared with</th><th scope="col">Đơn vị tiền thân / Predecessors</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function sourcesSection(input: HtmlInput): string {
  return `<ul>${input.catalog.sources
    .map((s) => {
      const links = (s.links ?? [])
        .map((l) => `<a href="${esc(l)}">${esc(new URL(l).hostname)}</a>`)
        .join(', ');
      const head = s.document
        ? `<strong>${esc(s.document)}</strong>: ${both(s.title)}`
        : `<strong>${both(s.title)}</strong>`;
      return `<li>${head}${s.note ? `<br><span class="muted">${both(s.note)}</span>` : ''}${links ? `<br>${links}` : ''}</li>`;
    })
    .join('')}</ul>`;
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:1040px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
.en{color:#555;font-weight:normal}table{border-collapse:collapse;margin:.5rem 0 1rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:bold}svg text{font-size:12px;fill:#1b1b1b}.bar{fill:#1f6feb}.target{stroke:#d1242f;stroke-width:2}.muted,.tick{fill:#595959;color:#595959;font-size:.85em}
section{border-top:1px solid #ddd;margin-top:1.5rem}a{color:#0b57d0}`;

/** One self-contained file: no scripts, no external assets, charts as inline SVG. */
export function renderReportHtml(input: HtmlInput): string {
  const missing = input.missing
    .slice(0, HTML_MISSING_ROWS)
    .map(
      (m) =>
        `<li>${unitName(input, m.unitId)} (${both(STATUS_LABELS[m.status as DisplayStatus] ?? { vi: m.status, en: m.status })})</li>`,
    )
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Tổng hợp ứng dụng CNTT năm ${input.year} / ICT adoption rollup ${input.year}</title><style>${STYLE}</style></head><body><main>
<h1>Tổng hợp ứng dụng CNTT năm ${input.year} <span class="en">/ ICT adoption rollup ${input.year}</span></h1>
<p class="muted">Danh mục chỉ tiêu / Catalog ${esc(input.catalog.version)} · bộ mục tiêu / target set <strong>${esc(input.targetSet)}</strong>. Tỷ lệ của nhóm = tổng tử số / tổng mẫu số; thay đổi của một tỷ lệ tính bằng điểm phần trăm. <span class="en">Group percentages are sums of numerators over sums of denominators; changes of a percentage are in percentage points.</span></p>
<h2>Số liệu chính thức <span class="en">/ Official figures</span></h2>${verificationSection(input)}
<h2>Tình hình nộp báo cáo <span class="en">/ Completeness</span></h2>${completenessSection(input)}
${missing ? `<details><summary>Đơn vị chưa nộp / Units not reported (${count(input.missing.length)})</summary><ul>${missing}</ul></details>` : ''}
<h2>Chỉ tiêu <span class="en">/ Indicators</span></h2>${input.catalog.indicators.map((i) => indicatorSection(input, i)).join('\n')}
<h2>Câu hỏi có/không <span class="en">/ Yes/no questions</span></h2><p>Tỷ lệ đơn vị trả lời “Có” trên số đơn vị trả lời. <span class="en">The share of agencies answering yes, of those that answered.</span></p>${answersSection(input)}
<h2>Xếp hạng <span class="en">/ Ranking</span></h2>${rankingSection(input)}
${comparisonSection(input)}
<h2>Nguồn của mục tiêu, trọng số và thang xếp loại <span class="en">/ Sources of the targets, weights and bands</span></h2>${sourcesSection(input)}
</main></body></html>
`;
}

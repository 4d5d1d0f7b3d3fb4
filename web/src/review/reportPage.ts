import { computeIndicators } from '#shared/catalog/formulas';
import { meetsTarget, targetFor } from '#shared/catalog/scoring';
import { applyTargetSet } from '#shared/catalog/targetSet';
import type { Catalog } from '#shared/catalog/types';
import { get } from '../api.ts';
import { formatIndicator, levelName } from '../agency/indicators.ts';
import { asCatalog, loadCatalog } from '../catalog.ts';
import { focusElement, h, replace } from '../dom.ts';
import { evidenceTable } from '../evidence/list.ts';
import { E } from '../evidence/messages.ts';
import { EvidenceStore } from '../evidence/store.ts';
import { L, fmtDateTime, fmtDeadline } from '../i18n.ts';
import { M } from '../messages.ts';
import { showError } from '../pages/errors.ts';
import { navigate, type Page } from '../router.ts';
import { receiptLines } from '../receiptCheck.ts';
import { setTitle } from '../shell.ts';
import type { Report } from '../types.ts';
import { historyList } from './history.ts';
import { R } from './messages.ts';
import { person } from '../people.ts';
import { reviewActions } from './actions.ts';
import { documentDecision, roundsSection } from './rounds.ts';
import { verifyTables } from './verifyTable.ts';

/** A message for the next render of the page, after an action reloads it. */
let flash: string | undefined;

/** A value's badge against the year's target: met, not met, or nothing when there is no target or no data. */
function metBadge(met: boolean | null, which: 'reported' | 'verified'): HTMLElement | null {
  if (met === null) return null;
  return h(
    'span',
    { class: `badge ${met ? 'badge--ok' : 'badge--warn'}`, [`data-met-${which}`]: String(met) },
    L(met ? M.met : M.notMet),
  );
}

/**
 * The unit's indicators as it reported them beside the same formulas over the verified values, each against
 * the year's target set (the one the rollup scores with), with the gap where verification moved a value.
 */
function indicatorTable(catalog: Catalog, report: Report, level: string): HTMLElement {
  // The API's official values: verified, or upheld on an objection, where the auditors recorded one.
  const verified = computeIndicators(catalog, report.official ?? report.values);
  const show = (i: Catalog['indicators'][number], v: number | null | undefined) =>
    v === null || v === undefined ? '—' : formatIndicator(i, v);
  return h(
    'table',
    { class: 'table table--stack indicator-table' },
    h('caption', { class: 'visually-hidden' }, L(R.indicatorsTitle)),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        [R.indicator, R.reported, R.verified, R.gap, R.target].map((c) => h('th', { scope: 'col' }, L(c))),
      ),
    ),
    h(
      'tbody',
      null,
      catalog.indicators.map((i) => {
        const t = targetFor(i, level);
        const reported = report.indicators[i.code]?.value ?? null;
        const checked = verified[i.code]?.value ?? null;
        // Shown to the precision the table prints: a difference below it is no gap a reader could see.
        const gap =
          reported !== null && checked !== null && show(i, reported) !== show(i, checked)
            ? checked - reported
            : null;
        const metReported = meetsTarget(i, level, reported);
        const metVerified = meetsTarget(i, level, checked);
        return h(
          'tr',
          {
            'data-indicator': i.code,
            class: gap !== null ? 'row--differs' : undefined,
            'data-gap': gap !== null ? 'true' : undefined,
          },
          h('th', { scope: 'row', 'data-label': L(R.indicator) }, L(i.label)),
          h('td', { 'data-label': L(R.reported) }, show(i, reported), ' ', metBadge(metReported, 'reported')),
          h(
            'td',
            { 'data-label': L(R.verified), class: gap !== null ? 'cell--gap' : undefined },
            show(i, checked),
            ' ',
            metBadge(metVerified, 'verified'),
          ),
          h(
            'td',
            { 'data-label': L(R.gap) },
            gap === null
              ? '—'
              : h(
                  'strong',
                  { class: 'gap' },
                  `${gap > 0 ? '+' : '−'}${formatIndicator(i, Math.abs(gap))}`,
                  metReported !== null && metReported !== metVerified
                    ? h('span', { class: 'gap__note' }, ` · ${L(metVerified ? R.nowMet : R.noLongerMet)}`)
                    : null,
                ),
          ),
          h(
            'td',
            { 'data-label': L(R.target) },
            t ? `${t.op === '>=' ? '≥' : '≤'} ${formatIndicator(i, t.value)}` : '—',
          ),
        );
      }),
    ),
  );
}

export const reviewReportPage: Page = async ({ main, params }) => {
  const year = Number(params.year);
  const unitId = params.unitId ?? '';
  const target = { year, unitId };
  const [catalog, report, unitsBody, versions, targets] = await Promise.all([
    loadCatalog(year),
    get('getReviewReport', { params: target }),
    get('listUnits'),
    get('listReviewReportVersions', { params: target }),
    get('getTargets', { params: { year } }),
  ]);
  if (!catalog) {
    showError(main, { kind: '404' });
    return;
  }
  const store = new EvidenceStore(() => get('listReviewEvidence', { params: target }));
  await store.load();
  const unit = unitsBody.units.find((u) => u.id === unitId);
  const name = unit ? L(unit.name) : unitId;
  setTitle(R.reportTitle(name, year));
  const reviewable = report.status === 'submitted' || report.status === 'late';
  // Comments and verified values name their author by id alone; the history says which role each one has.
  const roles = new Map(versions.versions.map((v) => [v.by.sub, v.by.role]));
  const reviewer = (sub: string) => person({ sub, role: roles.get(sub) ?? 'auditor' }, name);
  const { sections, rows } = verifyTables(catalog, report, reviewable, reviewer);
  const fieldLabel = (code: string) =>
    catalog.fields.find((f) => f.code === code)?.label ?? { vi: code, en: code };
  const onError = (error: unknown) => showError(main, { error, retry: () => navigate(location.hash) });

  const message = h('div', { class: 'notice notice--ok', role: 'status', hidden: !flash }, flash ?? '');
  flash = undefined;
  const actions = reviewActions({
    params: target,
    catalog,
    report,
    rows,
    reviewable,
    unitName: name,
    onError,
    onDone: (done) => {
      flash = done;
      navigate(location.hash);
    },
  });

  const round = {
    params: target,
    catalog,
    report,
    files: store.live(),
    onError,
    onDone: (done: string) => {
      flash = done;
      navigate(location.hash);
    },
  };
  const comments = report.comments.length
    ? h(
        'section',
        { 'aria-labelledby': 'comments-h' },
        h('h2', { id: 'comments-h' }, L(R.commentsTitle)),
        h(
          'ul',
          { class: 'comments' },
          report.comments.map((c) =>
            h(
              'li',
              null,
              h(
                'strong',
                null,
                `${L(R.round(c.round))} · ${c.field ? L(fieldLabel(c.field)) : L(R.general)}: `,
              ),
              c.text,
              ' ',
              h('span', { class: 'muted' }, '(', reviewer(c.by), `, ${fmtDateTime(c.at)})`),
            ),
          ),
        ),
      )
    : null;

  const level = unit?.level ?? '';
  replace(
    main,
    h('p', null, h('a', { href: `#/review/${year}` }, L(R.backToList))),
    h(
      'header',
      { class: 'page-header' },
      h('h1', null, L(R.reportTitle(name, year))),
      h(
        'p',
        { class: 'page-header__unit' },
        [unit?.code, levelName(unitsBody.levels, level)].filter(Boolean).join(' · '),
      ),
      h(
        'p',
        { class: 'page-header__meta' },
        h(
          'span',
          { class: `badge badge--${report.status}`, 'data-status': report.status },
          L(M.status[report.status]),
        ),
        report.submittedAt ? ` · ${L(R.submittedAt)}: ${fmtDateTime(report.submittedAt)}` : '',
        ` · ${L(M.deadline(fmtDeadline(report.deadline)))}`,
      ),
    ),
    message,
    report.receipt
      ? h(
          'dl',
          { class: 'receipt__facts review-receipt' },
          receiptLines(report).map((line) => [h('dt', null, L(line.label)), h('dd', null, line.value)]),
        )
      : null,
    h(
      'section',
      { 'aria-labelledby': 'ind-h' },
      h('h2', { id: 'ind-h' }, L(R.indicatorsTitle)),
      h('p', { class: 'muted small' }, L(R.targetSetUsed(targets.name))),
      indicatorTable(applyTargetSet(asCatalog(catalog), targets), report, level),
    ),
    h(
      'section',
      { 'aria-labelledby': 'rev-ev-h' },
      h('h2', { id: 'rev-ev-h' }, L(E.heading)),
      evidenceTable(store, {
        caption: E.heading,
        labelOf: fieldLabel,
        canWithdraw: false,
        canDownload: true,
        onError,
        decision: documentDecision(round),
      }),
    ),
    sections,
    roundsSection(round),
    actions,
    comments,
    h(
      'section',
      { 'aria-labelledby': 'hist-h' },
      h('h2', { id: 'hist-h' }, L(R.history)),
      historyList(
        catalog,
        (n) => get('getReviewReportVersion', { params: { ...target, n } }),
        versions.versions,
        onError,
        name,
      ),
    ),
  );
  if (!message.hidden) focusElement(message);
};

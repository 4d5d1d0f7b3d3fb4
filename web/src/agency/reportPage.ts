import {
  applicableValues,
  conditionsOf,
  fieldApplies,
  fieldsInBrokenRules,
  requiredNow,
} from '#shared/catalog/conditions';
import type { FieldValue, ReportValues } from '#shared/catalog/types';
import { needsEvidence, validateSubmission } from '#shared/catalog/validate';
import { CODE, ISSUE, type FieldIssue } from '#shared/contract/errors';
import { ApiError, NetworkError, call, get } from '../api.ts';
import { whoAmI } from '../auth.ts';
import { asCatalog, withTargetSet, loadCatalog } from '../catalog.ts';
import { focusElement, h } from '../dom.ts';
import { evidenceTable } from '../evidence/list.ts';
import { fieldEvidenceBox } from '../evidence/fieldBox.ts';
import { E } from '../evidence/messages.ts';
import { EvidenceStore } from '../evidence/store.ts';
import { L } from '../i18n.ts';
import { showError } from '../pages/errors.ts';
import { OFFLINE_COPY_HEADER } from '../offline/caches.ts';
import { navigate, type Page } from '../router.ts';
import { setTitle } from '../shell.ts';
import type { LevelRef, PublicCatalog, Report } from '../types.ts';
import { Autosave } from './autosave.ts';
import { conflictPanel } from './conflicts.ts';
import { printView } from './printView.ts';
import { inlineFailure } from '../inlineFailure.ts';
import { dropDraft, readCopied, readDraft, writeCopied, type Draft } from './drafts.ts';
import { latestComments, pageHeader, returnedBanner, statusNotice } from './banners.ts';
import { officialReportBox } from '../evidence/officialReport.ts';
import { renderForm, sectionAnchor, type FormView } from './form.ts';
import { A } from './messages.ts';
import { saveStatus } from './saveStatus.ts';
import { submitPanel } from './submit.ts';
import { checkEntered, present, sameEntries, type Entered } from './values.ts';

export const reportPage: Page = async ({ main, params }) => {
  const year = Number(params.year);
  // Everything the form needs is asked for at once: on a 400 ms link each request waited for is a round trip.
  const store = new EvidenceStore(() => get('listMyEvidence', { params: { year } }));
  const reportAnswer = call('getMyReport', { params: { year } });
  const evidenceLoaded = store.load();
  // A year with no catalog has no report either; its refusals must not surface unhandled.
  // The year's targets as the admin set them; without an answer (a link down with nothing kept) the
  // catalog's own defaults stand, as before the first target set.
  const targetsAnswer = get('getTargets', { params: { year } }).catch(() => undefined);
  reportAnswer.catch(() => undefined);
  evidenceLoaded.catch(() => undefined);
  const [published, me, targets] = await Promise.all([loadCatalog(year), whoAmI(), targetsAnswer]);
  if (!published) {
    showError(main, { kind: '404' });
    return;
  }
  const catalog = targets ? withTargetSet(published, targets) : published;
  const answer = await reportAnswer;
  const report = answer.data;
  const [draft, copied] = await Promise.all([
    readDraft(report.unitId, year),
    readCopied(report.unitId, year),
    evidenceLoaded,
  ]);
  return renderReport(main, {
    year,
    catalog,
    report,
    offlineCopy: answer.headers.has(OFFLINE_COPY_HEADER) || !navigator.onLine,
    draft,
    copied,
    store,
    unitName: me.unit ? L(me.unit.name) : report.unitId,
    ...(me.unit?.levelName ? { level: { id: me.unit.level, name: me.unit.levelName } } : {}),
  });
};

function renderReport(
  main: HTMLElement,
  ctx: {
    year: number;
    catalog: PublicCatalog;
    report: Report;
    /** The report is the copy the service worker kept: the network failed. */
    offlineCopy: boolean;
    draft: Draft | undefined;
    copied: readonly string[];
    store: EvidenceStore;
    unitName: string;
    level?: LevelRef;
  },
): () => void {
  const { year, catalog, report, store } = ctx;
  const c = asCatalog(catalog);
  const canEdit = report.editable;
  setTitle(A.title(year));

  let serverValues: ReportValues = report.values;
  let values: Entered = { ...report.values };
  let valid: ReportValues = {};
  let invalidCodes: string[] = [];
  const submitIssues = new Map<string, string[]>();
  const notices = h('div', { class: 'notices' });
  const notice = (text: string, action?: HTMLElement) =>
    notices.append(h('div', { class: 'notice notice--info' }, h('p', null, text, ' ', action ?? null)));

  // Edits kept on this computer go back on screen, with the version they were made on: if the server has
  // moved on since, the first save is refused (412) and merged three ways, conflicts shown.
  const draft = ctx.draft;
  let restored = false;
  if (draft && (!canEdit || sameEntries(present(draft.raw), present(report.values))))
    void dropDraft(report.unitId, year);
  else if (draft) {
    values = { ...draft.raw };
    restored = true;
    notice(L(A.restoredLocal));
  }
  if (ctx.offlineCopy) notice(L(A.offlineCopy));

  const conditions = conditionsOf(c);
  const comments = latestComments(report);
  const fieldsByCode = new Map(catalog.fields.map((f) => [f.code, f]));
  const labelOf = (code: string) => fieldsByCode.get(code)?.label ?? { vi: code, en: code };
  const evidenceFields = () => catalog.fields.filter((f) => needsEvidence(f, valid[f.code]));

  const level = ctx.level ? L(ctx.level.name) : undefined;
  const header = pageHeader({
    year,
    unitLine: level ? L(A.unitLine(ctx.unitName, level)) : ctx.unitName,
    deadline: report.deadline,
  });
  header.showStatus(report.status);

  const form: FormView = renderForm(catalog, { level: ctx.level, comments: comments.byField, onInput });
  const evidenceBoxes = new Map<string, HTMLElement>();
  const status = saveStatus({
    version: report.version,
    ...(report.updatedAt ? { at: new Date(report.updatedAt) } : {}),
    invalid: () => invalidCodes.length,
  });

  const conflicts = h('div', { class: 'conflicts' });
  const autosave = new Autosave({
    year,
    unitId: report.unitId,
    report,
    ...(restored && draft ? { madeOn: { version: draft.baseVersion, values: draft.base } } : {}),
    onConflict: (found, theirs, merged) => {
      serverValues = theirs.values;
      header.showStatus(theirs.status);
      const panelEl = conflictPanel({
        conflicts: found,
        fieldOf: (code) => fieldsByCode.get(code),
        onChoose: (chosen) => {
          const mine = new Set(invalidCodes);
          const next: Entered = { ...merged };
          for (const [code, v] of Object.entries(chosen)) {
            if (v === undefined) delete next[code];
            else next[code] = v;
          }
          values = {
            ...next,
            ...Object.fromEntries(Object.entries(values).filter(([k]) => mine.has(k))),
          };
          conflicts.replaceChildren();
          autosave.resolved();
          writeAll();
          changed();
        },
      });
      conflicts.replaceChildren(panelEl);
      focusElement(panelEl);
    },
    onState: (s) => {
      status.show(s);
      if (s.kind === 'locked') {
        navigate(`#/report/${year}`);
      }
    },
    onSaved: (saved, merged) => {
      serverValues = saved.values;
      header.showStatus(saved.status);
      if (merged) {
        const mine = new Set(invalidCodes);
        values = {
          ...saved.values,
          ...Object.fromEntries(Object.entries(values).filter(([k]) => mine.has(k))),
        };
        writeAll();
        refresh();
        notice(L(A.mergedRemote));
      }
    },
  });

  function writeAll(): void {
    for (const [code, view] of form.fields) view.control.write(values[code]);
  }

  function refresh(): void {
    // Whether a field applies is judged on the answers that are valid; one that does not apply is hidden,
    // and its value is neither checked nor sent.
    const answered = checkEntered(c, values).valid;
    const shown = new Set([...form.fields.keys()].filter((code) => fieldApplies(conditions, code, answered)));
    const checked = checkEntered(c, applicableValues(conditions, values, answered));
    valid = checked.valid;
    invalidCodes = [...checked.errors.keys()];
    const bad = checked.errors;
    const ruleErrors = checked.warnings;
    const untrusted = fieldsInBrokenRules(c, valid);
    for (const [code, view] of form.fields) {
      const visible = shown.has(code);
      view.setApplies(visible, requiredNow(conditions, view.field, valid));
      const errors = visible
        ? [...new Set([...(bad.get(code) ?? []), ...(submitIssues.get(code) ?? [])])]
        : [];
      view.setMessages(
        errors,
        visible ? (ruleErrors.get(code) ?? []).filter((w) => !errors.includes(w)) : [],
      );
      const need = visible && needsEvidence(view.field, valid[code]);
      if (need && !evidenceBoxes.has(code)) {
        const box = fieldEvidenceBox({
          field: view.field,
          store,
          year,
          editable: canEdit,
          candidates: evidenceFields,
        });
        evidenceBoxes.set(code, box);
        view.evidenceSlot.append(box);
      }
      view.evidenceSlot.hidden = !need;
    }
    for (const s of form.sections) {
      s.indicators.update(valid, untrusted);
      const done = s.required.filter((code) => valid[code] !== undefined).length;
      s.progress.textContent = `(${L(A.filled(done, s.required.length))})`;
    }
  }

  /** What the server should hold: valid values, and for a field being mistyped, its last saved value. */
  function payload(): ReportValues {
    const out: Record<string, FieldValue> = { ...valid };
    for (const code of invalidCodes) {
      const prev = serverValues[code];
      if (prev !== undefined && prev !== null) out[code] = prev;
    }
    return out;
  }

  function changed(): void {
    refresh();
    autosave.change(payload(), { ...values });
  }

  // Values copied from last year stay marked until the user confirms them or types over them.
  const copied = new Set(ctx.copied);
  const previousYear = year - 1;
  function showCopied(): void {
    for (const [code, view] of form.fields)
      view.setCopied(copied.has(code) ? previousYear : undefined, () => unmarkCopied(code));
  }
  function unmarkCopied(code: string): void {
    if (!copied.delete(code)) return;
    void writeCopied(report.unitId, year, [...copied]);
    form.fields.get(code)?.setCopied(undefined);
  }
  async function copyLastYear(): Promise<void> {
    const last = await get('getMyReport', { params: { year: previousYear } });
    let n = 0;
    for (const f of catalog.fields) {
      const prev = last.values[f.code];
      if (!f.carriesOver || values[f.code] !== undefined || prev === undefined || prev === null) continue;
      values[f.code] = prev;
      copied.add(f.code);
      n++;
    }
    await writeCopied(report.unitId, year, [...copied]);
    writeAll();
    changed();
    showCopied();
    notice(L(n ? A.copiedCount(n, previousYear) : A.copiedNone(previousYear)));
  }

  function onInput(code: string): void {
    const view = form.fields.get(code);
    if (!view) return;
    unmarkCopied(code);
    const v = view.control.read();
    if (v === null || v === undefined) delete values[code];
    else values[code] = v;
    submitIssues.delete(code);
    changed();
  }

  function focusIssue(issue: FieldIssue): void {
    const view = form.fields.get(issue.path);
    if (!view) return;
    if (issue.code === ISSUE.evidenceRequired) {
      refresh();
      focusElement(view.evidenceSlot.querySelector<HTMLElement>('button') ?? view.block);
    } else focusElement(view.control.focusTarget);
  }

  function showIssues(issues: readonly FieldIssue[]): void {
    submitIssues.clear();
    for (const i of issues) submitIssues.set(i.path, [...(submitIssues.get(i.path) ?? []), L(i.message)]);
    refresh();
    panel.showProblems(issues);
  }

  const panel = submitPanel({
    focusIssue,
    submit: async (attested) => {
      if (!(await autosave.flush())) {
        status.flash();
        return;
      }
      try {
        await call('submitMyReport', { params: { year }, body: attested });
        await dropDraft(report.unitId, year);
        navigate(`#/report/${year}/receipt`);
      } catch (error) {
        if (error instanceof ApiError && error.code === CODE.VALIDATION_FAILED) return error.issues;
        if (error instanceof ApiError && error.code === CODE.SUBMISSION_INVALID) showIssues(error.issues);
        else if (error instanceof ApiError || error instanceof NetworkError)
          showError(main, { error, retry: () => navigate(`#/report/${year}`) });
        else throw error;
      }
    },
  });

  async function check(): Promise<void> {
    await autosave.flush();
    const issues = validateSubmission(
      c,
      applicableValues(conditions, present(values), valid) as ReportValues,
      {
        evidenceFields: store.verifiedFields(),
      },
    );
    if (issues.length) showIssues(issues);
    else panel.showReady(store.live().filter((i) => i.status === 'verified').length);
  }

  const checkButton = h(
    'button',
    { type: 'button', class: 'button button--primary', 'data-action': 'check-submit' },
    L(A.checkSubmit),
  );
  checkButton.addEventListener('click', () => void check());
  const formEl = h(
    'form',
    { class: 'report-form', novalidate: true, 'aria-labelledby': 'report-title' },
    h('fieldset', { class: 'plain', disabled: !canEdit }, form.element),
    h(
      'section',
      { class: 'form-section', id: 'sec-evidence', 'aria-labelledby': 'sec-evidence-h' },
      h('h2', { id: 'sec-evidence-h' }, L(E.heading)),
      evidenceTable(store, {
        caption: E.heading,
        labelOf,
        canWithdraw: canEdit,
        canDownload: true,
        onError: (error) => showError(main, { error, retry: () => navigate(`#/report/${year}`) }),
      }),
      canEdit ? officialReportBox(store, year) : null,
    ),
    canEdit ? h('div', { class: 'form-actions' }, checkButton) : null,
  );
  formEl.addEventListener('submit', (e) => e.preventDefault());
  const focusField = (code: string) => {
    const view = form.fields.get(code);
    if (view) focusElement(view.control.focusTarget);
  };

  const copyButton =
    canEdit && catalog.years.includes(previousYear)
      ? h(
          'button',
          { type: 'button', class: 'button button--secondary', 'data-action': 'copy-last-year' },
          L(A.copyLastYear(previousYear)),
        )
      : null;
  copyButton?.addEventListener('click', () => {
    copyButton.disabled = true;
    void copyLastYear()
      .catch((error: unknown) => {
        // Offline, the form stays as it is; the button works again once the link is back.
        if (error instanceof NetworkError) notice(L(A.offline));
        else showError(main, { error, retry: () => navigate(`#/report/${year}`) });
      })
      .finally(() => (copyButton.disabled = false));
  });
  const yearSwitcher = h(
    'nav',
    { class: 'year-switcher', 'aria-label': L(A.yearSwitcher) },
    `${L(A.yearSwitcher)}: `,
    catalog.years.map((y, i) => [
      i ? ' · ' : '',
      y === year
        ? h('strong', { 'aria-current': 'page', 'data-year': y }, String(y))
        : h('a', { href: `#/report/${y}`, 'data-year': y }, String(y)),
    ]),
  );
  const printButton = h(
    'button',
    {
      type: 'button',
      class: 'button button--secondary',
      'data-action': 'print-report',
      onclick: () => window.print(),
    },
    L(A.printReport),
  );
  const unitLine = level ? L(A.unitLine(ctx.unitName, level)) : ctx.unitName;
  const workbookFailure = inlineFailure((error) =>
    showError(main, { error, retry: () => navigate(`#/report/${year}`) }),
  );
  const workbookButton = h(
    'button',
    {
      type: 'button',
      class: 'button button--secondary',
      'data-action': 'download-workbook',
      onclick: () => {
        workbookButton.disabled = true;
        void workbookFailure
          .run(async () => {
            const { downloadReportWorkbook } = await import('./workbook.ts');
            await downloadReportWorkbook({
              catalog,
              year,
              unitId: report.unitId,
              unitLine,
              version: autosave.currentVersion,
              values: valid,
              store,
            });
          })
          .finally(() => (workbookButton.disabled = false));
      },
    },
    L(A.downloadWorkbook),
  );
  // Only a report in a review round has the panel, so its code is fetched then, not on every first visit. If
  // it does not arrive, that is said in its place with a retry, as for any lost connection.
  const reviewRound = h('div', { class: 'review-round-slot' });
  if (report.preliminary) {
    const reload = () => navigate(`#/report/${year}`);
    const failure = inlineFailure((error) => showError(main, { error }));
    reviewRound.append(failure.el);
    void failure.run(async () => {
      const { reviewRoundPanel } = await import('./reviewRound.ts').catch((error: unknown) => {
        throw NetworkError.from(error);
      });
      const round = reviewRoundPanel({
        year,
        catalog,
        report,
        store,
        onDone: reload,
        onError: (error) => showError(main, { error, retry: reload }),
      });
      if (round) reviewRound.replaceChildren(round);
    });
  }
  main.replaceChildren(
    h(
      'div',
      { class: 'screen-only' },
      header.element,
      yearSwitcher,
      copyButton ? h('p', { class: 'copy-last-year' }, copyButton) : null,
      status.element,
      notices,
      conflicts,
      statusNotice(report, canEdit, year) ?? '',
      reviewRound,
      report.status === 'returned' ? returnedBanner(comments, labelOf, focusField) : '',
      panel.element,
      h('div', { class: 'report-layout' }, h('aside', { class: 'report-layout__aside' }, form.toc), formEl),
      h('p', { class: 'form-actions' }, printButton, ' ', workbookButton),
      workbookFailure.el,
    ),
    printView({
      catalog,
      year,
      unitLine,
      values: () => valid,
      version: () => autosave.currentVersion,
      store,
    }),
  );
  form.toc.addEventListener('click', (e) => {
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-section-link]');
    if (!link) return;
    e.preventDefault();
    focusElement(document.getElementById(`${sectionAnchor(link.dataset.sectionLink ?? '')}-h`));
  });

  writeAll();
  refresh();
  showCopied();
  if (restored) changed();
  return () => {
    void autosave.flush().finally(() => autosave.dispose());
  };
}

import type { FieldValue, ReportValues } from '#shared/catalog/types';
import { validateSubmission } from '#shared/catalog/validate';
import type { FieldIssue } from '#shared/contract/errors';
import { ApiError, NetworkError, call, get, newKey } from '../api.ts';
import { whoAmI } from '../auth.ts';
import { asCatalog, loadCatalog, needsEvidence, type PublicCatalog } from '../catalog.ts';
import { focusElement, h } from '../dom.ts';
import { evidenceTable } from '../evidence/list.ts';
import { fieldEvidenceBox } from '../evidence/fieldBox.ts';
import { E } from '../evidence/messages.ts';
import { EvidenceStore } from '../evidence/store.ts';
import { L } from '../i18n.ts';
import { showError } from '../pages/errors.ts';
import { navigate, type Page } from '../router.ts';
import { setTitle } from '../shell.ts';
import type { Report } from '../types.ts';
import { Autosave, dropLocalCopy, readLocalCopy } from './autosave.ts';
import { latestComments, pageHeader, returnedBanner, statusNotice } from './banners.ts';
import { renderForm, sectionAnchor, type FormView } from './form.ts';
import { levelName } from './indicators.ts';
import { A } from './messages.ts';
import { saveStatus } from './saveStatus.ts';
import { submitPanel } from './submit.ts';
import { checkEntered, present, sameEntries, type Entered } from './values.ts';

export const reportPage: Page = async ({ main, params }) => {
  const year = Number(params.year);
  const [catalog, me] = await Promise.all([loadCatalog(year), whoAmI()]);
  if (!catalog) {
    showError(main, { kind: '404' });
    return;
  }
  const report = await get<Report>(`/reports/${year}`);
  const store = new EvidenceStore(`/reports/${year}/evidence`);
  await store.load();
  return renderReport(main, {
    year,
    catalog,
    report,
    store,
    unitName: me.unit ? L(me.unit.name) : report.unitId,
    level: me.unit?.level,
  });
};

function renderReport(
  main: HTMLElement,
  ctx: {
    year: number;
    catalog: PublicCatalog;
    report: Report;
    store: EvidenceStore;
    unitName: string;
    level?: string;
  },
): () => void {
  const { year, catalog, report, store } = ctx;
  const c = asCatalog(catalog);
  const canEdit =
    report.editable && (report.status === 'returned' || Date.now() < Date.parse(report.deadline));
  setTitle(A.title(year));

  let serverValues: ReportValues = report.values;
  let values: Entered = { ...report.values };
  let valid: ReportValues = {};
  let invalidCodes: string[] = [];
  const submitIssues = new Map<string, string[]>();
  const notices = h('div', { class: 'notices' });
  const notice = (text: string, action?: HTMLElement) =>
    notices.append(h('div', { class: 'notice notice--info' }, h('p', null, text, ' ', action ?? null)));

  const local = readLocalCopy(report.unitId, year);
  let restored = false;
  if (local && (!canEdit || sameEntries(present(local.raw), present(report.values))))
    dropLocalCopy(report.unitId, year);
  else if (local && local.baseVersion === report.version) {
    values = { ...local.raw };
    restored = true;
    notice(L(A.restoredLocal));
  } else if (local) {
    const use = h('button', { type: 'button', class: 'button button--small' }, L(A.useLocal));
    use.addEventListener('click', () => {
      values = { ...local.raw };
      writeAll();
      changed();
      use.closest('.notice')?.remove();
    });
    notice(L(A.staleLocal), use);
  }

  const comments = latestComments(report);
  const fieldsByCode = new Map(catalog.fields.map((f) => [f.code, f]));
  const labelOf = (code: string) => fieldsByCode.get(code)?.label ?? { vi: code, en: code };
  const evidenceFields = () => catalog.fields.filter((f) => needsEvidence(f, valid[f.code]));

  const level = levelName(catalog, ctx.level);
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

  const autosave = new Autosave({
    year,
    unitId: report.unitId,
    report,
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
    const checked = checkEntered(c, values);
    valid = checked.valid;
    invalidCodes = [...checked.errors.keys()];
    const bad = checked.errors;
    const warnings = checked.warnings;
    for (const [code, view] of form.fields) {
      const errors = [...new Set([...(bad.get(code) ?? []), ...(submitIssues.get(code) ?? [])])];
      view.setMessages(
        errors,
        (warnings.get(code) ?? []).filter((w) => !errors.includes(w)),
      );
      const need = needsEvidence(view.field, valid[code]);
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
      s.indicators.update(valid);
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

  function onInput(code: string): void {
    const view = form.fields.get(code);
    if (!view) return;
    const v = view.control.read();
    if (v === null || v === undefined) delete values[code];
    else values[code] = v;
    submitIssues.delete(code);
    changed();
  }

  function focusIssue(issue: FieldIssue): void {
    const view = form.fields.get(issue.path);
    if (!view) return;
    if (issue.code === 'evidence_required') {
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
    submit: async () => {
      if (!(await autosave.flush())) {
        status.flash();
        return;
      }
      try {
        await call<Report>(`/reports/${year}/submit`, {
          method: 'POST',
          headers: { 'idempotency-key': newKey() },
        });
        dropLocalCopy(report.unitId, year);
        navigate(`#/report/${year}/receipt`);
      } catch (error) {
        if (error instanceof ApiError && error.code === 'SUBMISSION_INVALID') showIssues(error.issues);
        else if (error instanceof ApiError || error instanceof NetworkError)
          showError(main, { error, retry: () => navigate(`#/report/${year}`) });
        else throw error;
      }
    },
  });

  async function check(): Promise<void> {
    await autosave.flush();
    const issues = validateSubmission(c, present(values) as ReportValues, {
      evidenceFields: store.verifiedFields(),
    });
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
    ),
    canEdit ? h('div', { class: 'form-actions' }, checkButton) : null,
  );
  formEl.addEventListener('submit', (e) => e.preventDefault());
  const focusField = (code: string) => {
    const view = form.fields.get(code);
    if (view) focusElement(view.control.focusTarget);
  };

  main.replaceChildren(
    header.element,
    status.element,
    notices,
    statusNotice(report, canEdit, year) ?? '',
    report.status === 'returned' ? returnedBanner(comments, labelOf, focusField) : '',
    panel.element,
    h('div', { class: 'report-layout' }, h('aside', { class: 'report-layout__aside' }, form.toc), formEl),
  );
  form.toc.addEventListener('click', (e) => {
    const link = (e.target as HTMLElement).closest<HTMLAnchorElement>('a[data-section-link]');
    if (!link) return;
    e.preventDefault();
    focusElement(document.getElementById(`${sectionAnchor(link.dataset.sectionLink ?? '')}-h`));
  });

  writeAll();
  refresh();
  if (restored) changed();
  return () => {
    void autosave.flush().finally(() => autosave.dispose());
  };
}

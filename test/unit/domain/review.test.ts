import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogFor, exampleValues, type Catalog } from '#shared/catalog/index';
import { defaultPeriod } from '#shared/domain/period';
import { officialFigures } from '#shared/domain/officialValues';
import {
  asSeenByUnit,
  displayStatusOf,
  emptyReport,
  isCounted,
  recordVerification,
  returnReport,
  saveDraft,
  submit,
  type Actor,
  type ReportState,
} from '#shared/domain/report';
import {
  agreeWithPreliminary,
  answerObjection,
  decideDocument,
  finalizeReview,
  objectToPreliminary,
  publishPreliminary,
  unsupportedFields,
} from '#shared/domain/review';
import { expectAppError } from '../expectations.ts';

const YEAR = 2025;
const catalog = catalogFor(YEAR) as Catalog;
const period = { ...defaultPeriod(YEAR), objectionWindowDays: 5 };
const agency: Actor = { sub: 'agency-1', role: 'agency' };
const auditor: Actor = { sub: 'auditor-1', role: 'auditor' };
const T0 = new Date('2026-01-10T03:00:00.000Z');
const at = (hours: number) => new Date(T0.getTime() + hours * 3600_000);
const DAY = 24;

function submittedReport(): ReportState {
  const saved = saveDraft(emptyReport(YEAR, 'so-a'), exampleValues(catalog), agency, T0, period)!;
  return submit(saved.next, agency, at(1), period, [], {
    attestation: { headName: 'Nguyễn Văn An', headTitle: 'Giám đốc Sở' },
    evidenceByField: { budget_total: ['ev-1'] },
  }).next;
}
const verified = () =>
  recordVerification(submittedReport(), { staff_total: { value: 100 } }, auditor, at(2)).next;
const published = () => publishPreliminary(verified(), period, auditor, at(3)).next;
const objected = () =>
  objectToPreliminary(
    published(),
    [
      { field: 'staff_total', explanation: 'Biên chế là 120', evidenceIds: ['ev-2'] },
      { field: 'it_staff', explanation: 'Đúng', evidenceIds: [] },
    ],
    agency,
    at(4),
  ).next;

describe('the preliminary result and its window', () => {
  it('publishing opens the period’s window; the head’s attestation is on the submission', () => {
    const p = published();
    expect(p.status).toBe('preliminary');
    expect(p.preliminary?.objectionDeadline).toBe(at(3 + 5 * DAY).toISOString());
    expect(p.attestation).toMatchObject({ headName: 'Nguyễn Văn An', by: 'agency-1' });
    expect(isCounted(p)).toBe(true);
  });

  it('the window decides: agreeing or objecting inside it, refused at and after its end', () => {
    const end = 3 + 5 * DAY;
    expect(agreeWithPreliminary(published(), agency, at(end - 0.01)).next.status).toBe('accepted');
    expectAppError(() => agreeWithPreliminary(published(), agency, at(end)), 'OBJECTION_WINDOW_CLOSED', 409);
    const one = [{ field: 'staff_total', explanation: 'x', evidenceIds: [] }];
    expectAppError(
      () => objectToPreliminary(published(), one, agency, at(end)),
      'OBJECTION_WINDOW_CLOSED',
      409,
    );
  });

  it('after the window the result is final by rule, and finalizing records it; before, finalizing is refused', () => {
    const p = published();
    const end = at(3 + 5 * DAY);
    expect(displayStatusOf(p, at(4))).toBe('preliminary');
    expect(displayStatusOf(p, end)).toBe('accepted');
    expect(officialFigures(p, at(4)).state).toBe('preliminary');
    expect(officialFigures(p, end).state).toBe('accepted');
    expectAppError(() => finalizeReview(p, auditor, at(4)), 'OBJECTION_WINDOW_OPEN', 409);
    expect(finalizeReview(p, auditor, end).next.status).toBe('accepted');
  });
});

describe('objections and answers', () => {
  it('an objection brings its documents to the fields it names', () => {
    const o = objected();
    expect(o.status).toBe('objected');
    expect(o.evidenceByField?.staff_total).toEqual(['ev-2']);
    expect(o.evidenceByField?.budget_total).toEqual(['ev-1']);
  });

  it('an upheld value is official at once, verified on finalizing; a dismissed one leaves the preliminary value', () => {
    let s = answerObjection(
      objected(),
      'staff_total',
      { verdict: 'upheld', value: 120, reason: 'Đúng' },
      auditor,
      at(5),
    ).next;
    expect(officialFigures(s).values.staff_total).toBe(120);
    expect(s.verification.staff_total?.value).toBe(100);
    expectAppError(() => finalizeReview(s, auditor, at(6)), 'OBJECTION_UNANSWERED', 409);
    s = answerObjection(
      s,
      'it_staff',
      { verdict: 'dismissed', reason: 'Không có tài liệu' },
      auditor,
      at(6),
    ).next;
    const final = finalizeReview(s, auditor, at(7));
    expect(final.next.status).toBe('accepted');
    expect(final.next.verification.staff_total).toMatchObject({
      value: 120,
      comment: 'Đúng',
      visibility: 'unit',
    });
    expect(final.revision.verification).toEqual({ staff_total: expect.objectContaining({ value: 120 }) });
    expect(officialFigures(final.next).values.it_staff).toBe(exampleValues(catalog).it_staff);
  });

  it('an answer to a field the unit did not object to is 404; answering outside objected is 409', () => {
    expectAppError(
      () =>
        answerObjection(
          objected(),
          'staff_email_regular',
          { verdict: 'dismissed', reason: 'x' },
          auditor,
          at(5),
        ),
      'OBJECTION_NOT_FOUND',
      404,
    );
    expectAppError(
      () =>
        answerObjection(published(), 'staff_total', { verdict: 'dismissed', reason: 'x' }, auditor, at(5)),
      'REPORT_LOCKED',
      409,
    );
  });

  it('a return from objected clears the round: a new submission has no preliminary result nor objections', () => {
    const back = returnReport(objected(), [{ text: 'Sửa biên chế' }], auditor, at(5)).next;
    const again = submit(back, agency, at(6), period, [], {
      attestation: { headName: 'Nguyễn Văn An', headTitle: 'Giám đốc Sở' },
      evidenceByField: {},
    }).next;
    expect(again.status).toBe('submitted');
    expect(again.preliminary).toBeUndefined();
    expect(again.objections).toBeUndefined();
  });
});

describe('what the unit sees', () => {
  it('nothing of the review while submitted; the published result while it may object; answers once final', () => {
    const judged = decideDocument(
      verified(),
      'ev-1',
      { verdict: 'rejected', reason: 'Sai năm', fields: ['budget_total'] },
      auditor,
      at(2.5),
    ).next;
    expect(asSeenByUnit(judged).verification).toEqual({});
    expect(asSeenByUnit(judged).documents).toBeUndefined();

    const p = publishPreliminary(judged, period, auditor, at(3)).next;
    const o = objectToPreliminary(
      p,
      [{ field: 'staff_total', explanation: 'x', evidenceIds: [] }],
      agency,
      at(4),
    ).next;
    const later = decideDocument(
      o,
      'ev-9',
      { verdict: 'accepted', fields: ['staff_total'] },
      auditor,
      at(4.5),
    ).next;
    const answered = answerObjection(
      later,
      'staff_total',
      { verdict: 'upheld', value: 130, reason: 'Đủ' },
      auditor,
      at(5),
    ).next;
    const seen = asSeenByUnit(answered);
    expect(seen.verification.staff_total?.value).toBe(100);
    expect(Object.keys(seen.documents ?? {})).toEqual(['ev-1']);
    expect(seen.objections?.staff_total?.answer).toBeUndefined();

    const final = asSeenByUnit(finalizeReview(answered, auditor, at(6)).next);
    expect(final.verification.staff_total?.value).toBe(130);
    expect(Object.keys(final.documents ?? {}).sort()).toEqual(['ev-1', 'ev-9']);
    expect(final.objections?.staff_total?.answer?.verdict).toBe('upheld');
  });
});

describe('unsupportedFields', () => {
  const values = exampleValues(catalog);
  const decision = (verdict: 'accepted' | 'rejected', fields: string[]) => ({
    verdict,
    fields,
    by: 'a',
    at: '',
  });

  it('a field needing evidence is unsupported only when every document behind it is rejected', () => {
    const byField = { budget_total: ['ev-1', 'ev-2'] };
    expect(
      unsupportedFields(
        catalog,
        { evidenceByField: byField, documents: { 'ev-1': decision('rejected', ['budget_total']) } },
        values,
      ),
    ).toEqual([]);
    expect(
      unsupportedFields(
        catalog,
        {
          evidenceByField: byField,
          documents: {
            'ev-1': decision('rejected', ['budget_total']),
            'ev-2': decision('rejected', ['budget_total']),
          },
        },
        values,
      ),
    ).toEqual(['budget_total']);
    // A document judged but never recorded at submission still counts as backing what it was attached to.
    expect(
      unsupportedFields(catalog, { documents: { 'ev-3': decision('rejected', ['budget_total']) } }, values),
    ).toEqual(['budget_total']);
    expect(
      unsupportedFields(catalog, { documents: { 'ev-3': decision('accepted', ['budget_total']) } }, values),
    ).toEqual([]);
  });

  it('a “no” needs no proof, so a rejected decision behind it changes nothing', () => {
    const yesNo = catalog.fields.find((f) => f.evidence.rule === 'requiredIfTrue')!.code;
    const documents = { 'ev-4': decision('rejected', [yesNo]) };
    expect(unsupportedFields(catalog, { documents }, { ...values, [yesNo]: true })).toEqual([yesNo]);
    expect(unsupportedFields(catalog, { documents }, { ...values, [yesNo]: false })).toEqual([]);
  });

  it('property: accepting any one backing document makes the field supported again', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }), (accepted) => {
        const ids = accepted.map((_, i) => `ev-${i}`);
        const documents = Object.fromEntries(
          ids.map((id, i) => [id, decision(accepted[i] ? 'accepted' : 'rejected', ['budget_total'])]),
        );
        const out = unsupportedFields(catalog, { evidenceByField: { budget_total: ids }, documents }, values);
        expect(out.includes('budget_total')).toBe(accepted.every((a) => !a));
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkRules,
  exampleValues,
  isNumericField,
  validateSubmission,
  type CompareRule,
  type FieldValue,
  type RequiredIfRule,
} from '#shared/catalog/index';
import { allEvidence, c2025, expectBilingual, fieldOf, withValues } from './helpers.ts';

const example = exampleValues(c2025);
const evidenceFields = allEvidence(c2025);
const submit = (values: Record<string, FieldValue>, evidence = evidenceFields) =>
  validateSubmission(c2025, values, { evidenceFields: evidence });

const compareRules = c2025.rules.filter((r): r is CompareRule => r.kind === 'compare');
const requiredIfRules = c2025.rules.filter((r): r is RequiredIfRule => r.kind === 'requiredIf');

/** Values that make the left side of a `<=` rule one more than its right side, keeping every field in bounds. */
function breaking(rule: CompareRule): Record<string, FieldValue> {
  const num = (code: string) => Number(example[code]);
  const right = rule.right.reduce((s, c) => s + num(c), 0);
  const [first, ...rest] = rule.left;
  const others = rest.reduce((s, c) => s + num(c), 0);
  const value = right - others + 1;
  const field = fieldOf(c2025, first ?? '');
  if (!isNumericField(field) || value > field.max || value < field.min)
    throw new Error(`cannot break ${rule.id}`);
  return withValues(example, { [first ?? '']: value }) as Record<string, FieldValue>;
}

/** Values for which the rule's condition holds, or (holds = false) does not. */
function condition(rule: RequiredIfRule, holds: boolean): FieldValue {
  const { op, value, field } = rule.when;
  if (op === 'eq') return holds ? value : typeof value === 'boolean' ? !value : null;
  if (op === 'gt') return holds ? Number(value) + 1 : Number(value);
  const f = fieldOf(c2025, field);
  if (f.type !== 'choice') throw new Error(`no test for ne on ${field}`);
  return holds ? (f.choices.find((c) => c.value !== value)?.value ?? null) : value;
}

describe('validateSubmission: completeness', () => {
  it('passes a complete, consistent report with its evidence', () => {
    expect(submit({ ...example })).toEqual([]);
  });

  it('an empty form cannot be submitted: every required field is reported', () => {
    const issues = submit({});
    const required = c2025.fields.filter((f) => f.required).map((f) => f.code);
    expect(issues.filter((i) => i.code === 'required').map((i) => i.path)).toEqual(required);
    for (const i of issues) expectBilingual(i);
  });

  it.each(c2025.fields.filter((f) => f.required).map((f) => f.code))('%s is required', (code) => {
    const issues = submit(withValues(example, { [code]: null }) as Record<string, FieldValue>);
    const issue = issues.find((i) => i.path === code && i.code === 'required');
    expectBilingual(issue);
    expect(issue?.message.vi).toContain(fieldOf(c2025, code).label.vi);
    expect(issue?.message.en).toContain(fieldOf(c2025, code).label.en);
  });

  it('optional fields may stay empty when no rule asks for them', () => {
    expect(submit({ ...example, docmgmt_software_name: null })).toEqual([]);
  });

  it('reports shape problems once, not again as rule failures', () => {
    const issues = submit({ ...example, staff_total: -5, bogus: 1 });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['bogus', 'unknown_field'],
      ['staff_total', 'too_small'],
    ]);
  });

  it('a conditionally required field with a bad value is reported for the value only', () => {
    const issues = submit({ ...example, rule_email_doc_date: '2999-01-01' });
    expect(issues.map((i) => [i.path, i.code])).toEqual([['rule_email_doc_date', 'date_too_late']]);
  });

  it('orders issues as the form orders fields', () => {
    const issues = submit({ ...example, staff_total: null, it_staff: null, docs_sent_total: null });
    expect(issues.map((i) => i.path)).toEqual(['staff_total', 'docs_sent_total', 'it_staff']);
  });
});

describe('validateSubmission: cross-field comparisons', () => {
  it('has comparison rules to test', () => expect(compareRules.length).toBeGreaterThanOrEqual(15));

  it.each(compareRules.map((r) => [r.id, r] as const))(
    '%s fails in both languages when broken',
    (_id, rule) => {
      const values = breaking(rule);
      const issues = submit(values);
      const issue = issues.find((i) => i.code === `rule.${rule.id}`);
      expect(issue?.path).toBe(rule.path ?? rule.left[0]);
      expectBilingual(issue);
      // The message names the fields on both sides by their labels.
      for (const code of [...rule.left, ...rule.right]) {
        expect(issue?.message.vi).toContain(fieldOf(c2025, code).label.vi);
        expect(issue?.message.en).toContain(fieldOf(c2025, code).label.en);
      }
      expect(checkRules(c2025, values).map((i) => i.code)).toContain(`rule.${rule.id}`);
    },
  );

  it.each(compareRules.map((r) => [r.id, r] as const))('%s holds at equality', (_id, rule) => {
    const broken = breaking(rule);
    const [first] = rule.left;
    const equal = { ...broken, [first ?? '']: Number(broken[first ?? '']) - 1 };
    expect(checkRules(c2025, equal).map((i) => i.code)).not.toContain(`rule.${rule.id}`);
  });

  it('sums both sides: partly + fully online procedures may not exceed the total', () => {
    const issues = checkRules(c2025, {
      procedures_total: 50,
      procedures_partial_online: 30,
      procedures_full_online: 21,
    });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['procedures_partial_online', 'rule.procedures_online_le_total'],
    ]);
    expect(
      checkRules(c2025, { procedures_total: 50, procedures_partial_online: 30, procedures_full_online: 20 }),
    ).toEqual([]);
  });

  it('the named examples: computers, documents, one-stop, training', () => {
    const codes = checkRules(c2025, {
      staff_total: 10,
      staff_with_computer: 11,
      docs_sent_total: 5,
      docs_sent_electronic: 6,
      onestop_handled: 100,
      onestop_on_time: 101,
      staff_trained_basic: 12,
    }).map((i) => [i.path, i.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['staff_with_computer', 'rule.staff_with_computer_le_total'],
        ['docs_sent_electronic', 'rule.docs_sent_electronic_le_total'],
        ['onestop_on_time', 'rule.onestop_on_time_le_handled'],
        ['staff_trained_basic', 'rule.staff_trained_le_total'],
      ]),
    );
  });

  it('skips a comparison while an operand is empty; completeness speaks for it', () => {
    expect(checkRules(c2025, { staff_with_computer: 500 })).toEqual([]);
    expect(checkRules(c2025, { procedures_total: 10, procedures_full_online: 20 })).toEqual([]);
  });
});

describe('validateSubmission: fields required when another answer says so', () => {
  it.each(requiredIfRules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    const cleared = Object.fromEntries(rule.then.map((c) => [c, null]));
    const on = { ...example, [rule.when.field]: condition(rule, true), ...cleared };
    const issues = submit(on).filter((i) => i.code === `rule.${rule.id}`);
    expect(issues.map((i) => i.path)).toEqual([...rule.then]);
    for (const issue of issues) {
      expectBilingual(issue);
      expect(issue.message.vi).toContain(fieldOf(c2025, issue.path).label.vi);
      expect(issue.message.en).toContain(fieldOf(c2025, rule.when.field).label.en);
    }
    const off = { ...example, [rule.when.field]: condition(rule, false), ...cleared };
    expect(submit(off).filter((i) => i.code === `rule.${rule.id}`)).toEqual([]);
  });

  it('asks for the document number and date of each rule the agency says it issued', () => {
    const issues = submit({ ...example, rule_security_issued: true, rule_security_doc_number: null });
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['rule_security_doc_number', 'rule.rule_security_document'],
    ]);
  });

  it('a condition on an empty field does not hold', () => {
    const issues = checkRules(c2025, { internet_bandwidth_mbps: null });
    expect(issues).toEqual([]);
  });
});

describe('validateSubmission: evidence', () => {
  it('asks for evidence the catalog always requires', () => {
    const issues = submit({ ...example }, new Set([...evidenceFields].filter((c) => c !== 'budget_total')));
    expect(issues.map((i) => [i.path, i.code])).toEqual([['budget_total', 'evidence_required']]);
    expectBilingual(issues[0]);
  });

  it('asks for the decision behind each "yes" that needs one, and only for a "yes"', () => {
    const yes = submit({ ...example }, new Set(['budget_total']));
    const needing = c2025.fields.filter((f) => f.evidence.rule === 'requiredIfTrue').map((f) => f.code);
    expect(needing.length).toBeGreaterThanOrEqual(5);
    expect(yes.filter((i) => i.code === 'evidence_required').map((i) => i.path)).toEqual(needing);

    const no = submit(
      {
        ...example,
        rule_it_use_issued: false,
        rule_email_issued: false,
        rule_security_issued: false,
        digital_signature_in_use: false,
        portal_operating: false,
        onestop_in_use: false,
      },
      new Set(['budget_total']),
    );
    expect(no).toEqual([]);
  });

  it('names the kind of document needed', () => {
    const [issue] = submit({ ...example }, new Set(['budget_total'])).filter(
      (i) => i.path === 'rule_email_issued',
    );
    const f = fieldOf(c2025, 'rule_email_issued');
    if (f.evidence.rule === 'none') throw new Error('expected evidence');
    expect(issue?.message.vi).toContain(f.evidence.kind.vi);
    expect(issue?.message.en).toContain(f.evidence.kind.en);
  });
});

import type { CompareRule, CrossFieldRule, RequiredIfRule } from './types.ts';

/* Cross-field rules as data: the API, the form and the tests all read this list. */

const atMost = (id: string, left: readonly string[], right: readonly string[]): CompareRule => ({
  id,
  kind: 'compare',
  left,
  op: '<=',
  right,
});

const requiredIf = (id: string, when: RequiredIfRule['when'], then: readonly string[]): RequiredIfRule => ({
  id,
  kind: 'requiredIf',
  when,
  then,
});

const docsWhenIssued = (key: string): RequiredIfRule =>
  requiredIf(`rule_${key}_document`, { field: `rule_${key}_issued`, op: 'eq', value: true }, [
    `rule_${key}_doc_number`,
    `rule_${key}_doc_date`,
  ]);

export const baseRules: readonly CrossFieldRule[] = [
  atMost('computers_old_le_in_use', ['computers_old'], ['computers_in_use']),
  atMost('computers_internet_le_in_use', ['computers_internet'], ['computers_in_use']),
  requiredIf('bandwidth_when_connected', { field: 'internet_type', op: 'ne', value: 'none' }, [
    'internet_bandwidth_mbps',
  ]),
  atMost('docs_sent_electronic_le_total', ['docs_sent_electronic'], ['docs_sent_total']),
  atMost('docs_received_electronic_le_total', ['docs_received_electronic'], ['docs_received_total']),
  requiredIf('certificates_when_signing', { field: 'digital_signature_in_use', op: 'eq', value: true }, [
    'digital_certificates',
  ]),
  requiredIf('portal_details_when_operating', { field: 'portal_operating', op: 'eq', value: true }, [
    'portal_url',
    'portal_mandated_info',
  ]),
  atMost(
    'procedures_online_le_total',
    ['procedures_partial_online', 'procedures_full_online'],
    ['procedures_total'],
  ),
  atMost('dossiers_online_le_total', ['dossiers_online'], ['dossiers_total']),
  requiredIf('onestop_counts_when_in_use', { field: 'onestop_in_use', op: 'eq', value: true }, [
    'onestop_handled',
    'onestop_on_time',
  ]),
  atMost('onestop_on_time_le_handled', ['onestop_on_time'], ['onestop_handled']),
  atMost('staff_with_computer_le_total', ['staff_with_computer'], ['staff_total']),
  atMost('staff_mailbox_le_total', ['staff_official_mailbox'], ['staff_total']),
  // Regular use of official email presupposes an official mailbox.
  atMost('staff_email_regular_le_mailbox', ['staff_email_regular'], ['staff_official_mailbox']),
  atMost('staff_foreign_mail_le_total', ['staff_foreign_mail'], ['staff_total']),
  atMost('staff_internet_le_total', ['staff_internet'], ['staff_total']),
  atMost('it_spend_state_le_budget', ['it_spend_state'], ['budget_total']),
  requiredIf('project_details_when_any', { field: 'it_projects_count', op: 'gt', value: 0 }, [
    'it_projects_value',
    'it_projects_status',
  ]),
  docsWhenIssued('it_use'),
  docsWhenIssued('email'),
  docsWhenIssued('security'),
  atMost('staff_trained_le_total', ['staff_trained_basic'], ['staff_total']),
  atMost('it_staff_le_total', ['it_staff'], ['staff_total']),
  atMost('it_staff_college_le_it_staff', ['it_staff_college'], ['it_staff']),
];

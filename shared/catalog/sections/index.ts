import * as s1 from './s1Infrastructure.ts';
import * as s2 from './s2Documents.ts';
import * as s3 from './s3Portal.ts';
import * as s4 from './s4OneStop.ts';
import * as s5 from './s5StaffUse.ts';
import * as s6 from './s6Spending.ts';
import * as s7 from './s7Management.ts';
import * as s8 from './s8Skills.ts';

const all = [s1, s2, s3, s4, s5, s6, s7, s8];

export const baseSections = all.map((s) => s.section);
/*
 * What describes the agency rather than its year: equipment, systems in place, people. Their values usually
 * stand from one year to the next, so "Copy last year's figures" offers them; flows (documents sent, dossiers,
 * spending) are the year's own and are never copied.
 */
const CARRIES_OVER = new Set([
  'staff_total',
  'computers_in_use',
  'lan_available',
  'internet_type',
  'internet_bandwidth_mbps',
  'servers_count',
  'specialised_network',
  'docmgmt_software',
  'docmgmt_software_name',
  'digital_signature_in_use',
  'portal_operating',
  'portal_url',
  'onestop_in_use',
  'antivirus_in_place',
  'firewall_in_place',
  'backup_in_place',
  'it_staff',
  'it_staff_college',
]);

export const baseFields = all
  .flatMap((s) => s.fields)
  .map((f) => (CARRIES_OVER.has(f.code) ? { ...f, carriesOver: true as const } : f));

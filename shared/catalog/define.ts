import { bi, type Bilingual } from '../contract/i18n.ts';
import type {
  BooleanField,
  Choice,
  ChoiceField,
  DateField,
  EvidenceRequirement,
  FieldValue,
  NumericField,
  TextField,
} from './types.ts';

/* Small constructors so each section file reads as a table of fields, not as repeated boilerplate. */

export const UNITS = {
  people: bi('người', 'people'),
  computers: bi('máy', 'computers'),
  servers: bi('máy chủ', 'servers'),
  documents: bi('văn bản', 'documents'),
  procedures: bi('thủ tục', 'procedures'),
  dossiers: bi('hồ sơ', 'dossiers'),
  certificates: bi('chứng thư số', 'certificates'),
  projects: bi('dự án', 'projects'),
  incidents: bi('sự cố', 'incidents'),
  courses: bi('lớp', 'courses'),
  millionVnd: bi('triệu đồng', 'million VND'),
  mbps: bi('Mbps', 'Mbps'),
  percent: bi('%', '%'),
} as const;

export const NO_EVIDENCE: EvidenceRequirement = { rule: 'none' };
export const evidenceIfTrue = (kind: Bilingual): EvidenceRequirement => ({ rule: 'requiredIfTrue', kind });
export const evidenceAlways = (kind: Bilingual): EvidenceRequirement => ({ rule: 'required', kind });

interface Common {
  readonly required?: boolean;
  readonly evidence?: EvidenceRequirement;
  readonly example?: FieldValue;
}

interface Texts {
  readonly code: string;
  readonly section: string;
  readonly label: Bilingual;
  readonly help: Bilingual;
}

const base = (t: Texts, o: Common) => ({
  code: t.code,
  section: t.section,
  label: t.label,
  help: t.help,
  required: o.required ?? true,
  evidence: o.evidence ?? NO_EVIDENCE,
  ...(o.example !== undefined ? { example: o.example } : {}),
});

export const integer = (
  t: Texts,
  o: Common & { unit: Bilingual; max: number; min?: number },
): NumericField => ({
  ...base(t, o),
  type: 'integer',
  unit: o.unit,
  min: o.min ?? 0,
  max: o.max,
});

export const decimal = (
  t: Texts,
  o: Common & { unit: Bilingual; max: number; min?: number },
): NumericField => ({
  ...base(t, o),
  type: 'decimal',
  unit: o.unit,
  min: o.min ?? 0,
  max: o.max,
});

export const percent = (t: Texts, o: Common = {}): NumericField => ({
  ...base(t, o),
  type: 'percent',
  unit: UNITS.percent,
  min: 0,
  max: 100,
});

export const yesNo = (t: Texts, o: Common = {}): BooleanField => ({ ...base(t, o), type: 'boolean' });

export const choice = (t: Texts, o: Common & { choices: readonly Choice[] }): ChoiceField => ({
  ...base(t, o),
  type: 'choice',
  choices: o.choices,
});

export const text = (t: Texts, o: Common & { maxLength: number }): TextField => ({
  ...base(t, o),
  type: 'text',
  maxLength: o.maxLength,
});

export const date = (t: Texts, o: Common & { min?: string; max?: string } = {}): DateField => ({
  ...base(t, o),
  type: 'date',
  ...(o.min ? { min: o.min } : {}),
  ...(o.max ? { max: o.max } : {}),
});

/** Texts for a field of one section: `f('staff_total', vi, en, helpVi, helpEn)`. */
export const inSection =
  (section: string) =>
  (code: string, vi: string, en: string, helpVi: string, helpEn: string): Texts => ({
    code,
    section,
    label: bi(vi, en),
    help: bi(helpVi, helpEn),
  });

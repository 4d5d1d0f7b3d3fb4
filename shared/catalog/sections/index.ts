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
export const baseFields = all.flatMap((s) => s.fields);

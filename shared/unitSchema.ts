import { array, boolean, object, string, enum as zEnum, type infer as Infer } from 'zod';
import { LEVEL_IDS, UNIT_ID_PATTERN, type Unit } from './hierarchy.ts';

export const unitSchema = object({
  id: string().regex(UNIT_ID_PATTERN),
  code: string().min(1).max(32),
  name: object({ vi: string().min(1).max(200), en: string().min(1).max(200) }).strict(),
  level: zEnum(LEVEL_IDS),
  parentId: string().regex(UNIT_ID_PATTERN).optional(),
  reports: boolean(),
}).strict();

export const unitListSchema = array(unitSchema).min(1).max(5000);

// The schema and the Unit interface must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const unitSchemaMatchesUnit: Same<Infer<typeof unitSchema>, Unit> = true;
void unitSchemaMatchesUnit;

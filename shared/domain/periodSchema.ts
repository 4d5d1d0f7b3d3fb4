import { array, iso, object, string, type infer as Infer } from 'zod';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';

/** What an admin sets for a reporting period (PUT /periods/{year}). */
export const periodSchema = object({
  opensAt: iso.datetime({ offset: true }),
  deadline: iso.datetime({ offset: true }),
  lockExceptions: array(
    object({
      unitId: string().regex(UNIT_ID_PATTERN),
      until: iso.datetime({ offset: true }),
      reason: string().min(1).max(500),
    }).strict(),
  )
    .max(5000)
    .default([]),
  /** The day whose hierarchy the year is reported by, when not 31 December (domain/yearHierarchy.ts). */
  hierarchyAsOf: iso.date().optional(),
}).strict();

export type PeriodInput = Infer<typeof periodSchema>;

import { coerce, iso, object, string } from 'zod';
import { UNIT_ID_PATTERN } from '../hierarchy.ts';
import { bi } from '../contract/i18n.ts';
import type { AuditQuery } from '../store/audit.ts';
import { PROVINCE_SCOPE } from './audit.ts';
import { invalidInput, parseWith } from './zodIssues.ts';

/** A page of the log is at most this many entries: about 0.7 KB each, so a page stays far below 1 MB. */
export const MAX_AUDIT_PAGE = 500;
const DEFAULT_AUDIT_PAGE = 100;
const unitOrProvince = string().refine((u) => u === PROVINCE_SCOPE || UNIT_ID_PATTERN.test(u));

const auditQuery = object({
  year: coerce.number().int().min(2000).max(2100),
  unit: unitOrProvince.optional(),
  action: string()
    .regex(/^[a-z][a-zA-Z.]{0,63}$/)
    .optional(),
  actor: string().min(1).max(128).optional(),
  from: iso.datetime({ offset: true }).optional(),
  to: iso.datetime({ offset: true }).optional(),
  limit: coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(DEFAULT_AUDIT_PAGE),
  cursor: string().max(2048).optional(),
}).strict();

export const verificationQuery = object({
  year: coerce.number().int().min(2000).max(2100),
  unit: unitOrProvince,
}).strict();

const KEY_NAMES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

export const encodeCursor = (key: Record<string, string>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

const badCursor = () =>
  invalidInput([
    {
      path: 'cursor',
      code: 'invalid_cursor',
      message: bi('Con trỏ trang không hợp lệ', 'The page cursor is not one this API gave'),
    },
  ]);

/** A cursor is the last key of a page, as given out: table and index key names with string values only. */
function decodeCursor(cursor: string): Record<string, string> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badCursor();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw badCursor();
  const entries = Object.entries(key as Record<string, unknown>);
  if (
    !entries.length ||
    entries.some(([k, v]) => !KEY_NAMES.includes(k) || typeof v !== 'string' || v.length > 1024)
  )
    throw badCursor();
  return key as Record<string, string>;
}

/** The query of GET /audit; a time range with `to` before `from` reads nothing, as asked. */
export function parseAuditQuery(query: unknown): AuditQuery {
  const q = parseWith(auditQuery, query, 'query');
  const toIso = (t: string | undefined) => (t ? new Date(t).toISOString() : undefined);
  const from = toIso(q.from);
  const to = toIso(q.to);
  return {
    year: q.year,
    limit: q.limit,
    ...(q.unit ? { unitId: q.unit } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
  };
}

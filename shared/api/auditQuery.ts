import { DEFAULT_AUDIT_PAGE } from '../contract/params.ts';
import { routeById } from '../contract/routes.ts';
import { keys } from '../model.ts';
import { bi } from '../contract/i18n.ts';
import type { AuditQuery } from '../store/audit.ts';
import { queryParams } from './params.ts';
import { invalidInput } from './zodIssues.ts';

/*
 * GET /audit's query: the filters and the page, parsed from the schemas its route row declares (so the OpenAPI
 * document states them), then the cursor decoded and the instants made comparable with the stored ones.
 */
const KEY_NAMES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk'];

export const encodeCursor = (key: Record<string, string>): string =>
  Buffer.from(JSON.stringify(key)).toString('base64url');

const badQuery = (name: string, code: string, message: ReturnType<typeof bi>) =>
  invalidInput([{ path: `query.${name}`, code, message }]);

const badCursor = () =>
  badQuery(
    'cursor',
    'invalid_cursor',
    bi('Con trỏ trang không hợp lệ', 'The page cursor is not one this API gave'),
  );

/**
 * A cursor is the last key of a page, as given out: table and index key names with string values only, and
 * where `expect` names one, in that partition (a cursor of another year would be refused by DynamoDB).
 */
export function decodeCursor(
  cursor: string,
  expect: Readonly<Record<string, string>> = {},
): Record<string, string> {
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
    entries.some(([k, v]) => !KEY_NAMES.includes(k) || typeof v !== 'string' || v.length > 1024) ||
    Object.entries(expect).some(([k, v]) => (key as Record<string, unknown>)[k] !== v)
  )
    throw badCursor();
  return key as Record<string, string>;
}

/** An instant as stored (UTC, milliseconds), so that it compares with entries' `at` as text. */
function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = new Date(value);
  if (Number.isNaN(t.getTime())) {
    throw badQuery(name, 'invalid_format', bi('Thời điểm không hợp lệ', 'Not a valid instant'));
  }
  return t.toISOString();
}

/** The query of GET /audit; a time range with `to` before `from` reads nothing, as asked. */
export function parseAuditQuery(raw: Readonly<Record<string, string>>): AuditQuery {
  const q = queryParams(routeById('getAuditLog'), raw) as {
    year: number;
    unit?: string;
    action?: string;
    actor?: string;
    from?: string;
    to?: string;
    limit?: number;
    cursor?: string;
  };
  const from = instant('from', q.from);
  const to = instant('to', q.to);
  return {
    year: q.year,
    limit: q.limit ?? DEFAULT_AUDIT_PAGE,
    ...(q.unit ? { unitId: q.unit } : {}),
    ...(q.action ? { action: q.action } : {}),
    ...(q.actor ? { actor: q.actor } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(q.cursor
      ? {
          after: decodeCursor(
            q.cursor,
            q.unit ? keys.auditUnitCollection(q.year, q.unit) : keys.auditLogCollection(q.year),
          ),
        }
      : {}),
  };
}

/** The query of GET /audit/verification: the year and the unit (or PROVINCE_SCOPE) whose chains to check. */
export function parseVerificationQuery(raw: Readonly<Record<string, string>>): {
  year: number;
  unit: string;
} {
  return queryParams(routeById('verifyAuditLog'), raw) as { year: number; unit: string };
}

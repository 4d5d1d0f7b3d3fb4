import type { IncomingMessage, ServerResponse } from 'node:http';
import { enum as zEnum, object, string } from 'zod';
import { ROLES } from '#shared/contract/roles';
import { DEV_PATHS } from '#shared/contract/routes';
import { isValidOn, UNIT_ID_PATTERN, vietnamDay } from '#shared/hierarchy';
import type { LocalIssuer } from './identity.ts';
import { agencyIdentityOf, staffIdentities, type DevIdentity } from './seedData.ts';
import { CODE } from '#shared/contract/errors';

const tokenRequest = object({
  sub: string().min(1).max(128),
  role: zEnum(ROLES),
  unitId: string().regex(UNIT_ID_PATTERN).optional(),
}).strict();

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/** The seeded identities: one agency user per reporting unit valid today, the auditor and the admin. */
export async function localUsers(): Promise<DevIdentity[]> {
  const { listUnits } = await import('#shared/store/units');
  const today = vietnamDay(new Date());
  return [
    // Units valid today: a retired unit's users are refused (shared/http/agencyUnit.ts).
    ...(await listUnits()).filter((u) => u.reports && isValidOn(u, today)).map(agencyIdentityOf),
    ...staffIdentities,
  ];
}

/** Local-only routes: never in the route table, so never in the CDK stack. */
export function devRoutes(issuer: LocalIssuer) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    if (!url.pathname.startsWith('/dev/')) return false;
    if (req.method === 'GET' && url.pathname === DEV_PATHS.users) {
      send(res, 200, { users: await localUsers() });
      return true;
    }
    if (req.method === 'POST' && url.pathname === DEV_PATHS.token) {
      let parsed;
      try {
        parsed = tokenRequest.safeParse(await readJson(req));
      } catch {
        send(res, 400, {
          error: { code: CODE.BAD_REQUEST, message: { vi: 'JSON không hợp lệ', en: 'Invalid JSON' } },
        });
        return true;
      }
      if (!parsed.success || (parsed.data.role === 'agency' && !parsed.data.unitId)) {
        send(res, 400, {
          error: {
            code: CODE.VALIDATION_FAILED,
            message: {
              vi: 'Cần sub, role (agency|auditor|admin) và unitId cho agency.',
              en: 'Needs sub, role (agency|auditor|admin), and unitId for an agency.',
            },
          },
        });
        return true;
      }
      send(res, 200, { token: await issuer.sign(parsed.data) });
      return true;
    }
    send(res, 404, { message: 'Not Found' });
    return true;
  };
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { TooManyRequestsError, UnauthorizedError } from '../errors.js';
import type { AuthFailures } from './auth-failures.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a request carries `Authorization: Bearer <token>`. Digests make the comparison
 * constant-time whatever the length of the presented token; with no token configured, none does.
 */
export function bearerCheck(token: string | null): (req: Request) => boolean {
  const expected = token ? digest(token) : null;
  return (req) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    return Boolean(expected && match && timingSafeEqual(digest(match[1]!.trim()), expected));
  };
}

/**
 * Bearer-token check for `/api`. An address that failed too often is refused (429) before its
 * token is even looked at, so guessing stops there; each failure is counted, never stored per request.
 */
export function requireAdminToken(adminToken: string | null, failures: AuthFailures): RequestHandler {
  const valid = bearerCheck(adminToken);
  return async (req, res, next) => {
    const blocked = await failures.blockedFor(req);
    if (blocked > 0) throw new TooManyRequestsError(blocked);
    if (!valid(req)) {
      const wait = await failures.fail(req, req.get('authorization') ? 'wrong-token' : 'no-token');
      res.setHeader('WWW-Authenticate', 'Bearer');
      throw wait > 0 ? new TooManyRequestsError(wait) : new UnauthorizedError();
    }
    next();
  };
}

/** Who the audit trail names for the admin API: the caller's `X-Actor` when it is a plain word, else "api". */
export function actorOf(header: string | undefined): string {
  return header && /^[\w .@-]{1,64}$/.test(header) ? header : 'api';
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { UnauthorizedError } from '../errors.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Bearer-token check for `/api`. Digests make the comparison constant-time whatever the length
 * of the presented token; with no token configured every request is refused.
 */
export function requireAdminToken(adminToken: string | null): RequestHandler {
  const expected = adminToken ? digest(adminToken) : null;
  return (req, res, next) => {
    const match = /^Bearer\s+(.+)$/i.exec(req.get('authorization') ?? '');
    if (!expected || !match || !timingSafeEqual(digest(match[1]!.trim()), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      next(new UnauthorizedError());
      return;
    }
    next();
  };
}

/** Who the audit trail names: the caller's `X-Actor` (a staff login) when it is a plain word, else "admin". */
export function actorOf(header: string | undefined): string {
  return header && /^[\w .@-]{1,64}$/.test(header) ? header : 'admin';
}

import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { DirectoryStore } from '../directory/store.js';
import type { AuditTrail } from '../http/audit-trail.js';
import type { Logger } from '../log.js';
import type { Person } from './access.js';
import { SESSION_IDLE_SECONDS, type Session, type Sessions } from './sessions.js';

export const COOKIE = 'afterhours_console';

export function cookieValue(req: Request, name: string): string | undefined {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/** httpOnly, SameSite=Strict, only under /console; Secure when the product is reached over https. */
export function sessionCookie(value: string, secure: boolean, maxAge = SESSION_IDLE_SECONDS): string {
  return `${COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export interface Signed {
  person: Person;
  session: Session;
}

export const signedIn = (res: Response): Signed | null => (res.locals.signed as Signed | undefined) ?? null;

/**
 * Loads the session and its person (the role is read fresh each time, so a change applies at once).
 * A signed-in request sends the cookie again with a full Max-Age, as the read pushed back the
 * session in Redis: the person is signed out after 12 hours idle, not 12 hours after signing in.
 */
export function loadSession(deps: { sessions: Sessions; directory: DirectoryStore; secureCookie: boolean }): RequestHandler {
  return async (req, res, next) => {
    const session = await deps.sessions.get(cookieValue(req, COOKIE));
    const person = session ? await deps.directory.getClinician(session.personId) : null;
    if (session && person) {
      res.locals.signed = { person: { id: person.id, role: person.role, name: person.name }, session } satisfies Signed;
      res.set('Set-Cookie', sessionCookie(session.id, deps.secureCookie));
    } else if (session) await deps.sessions.destroy(session.id);
    next();
  };
}

const same = (a: string, b: string) => {
  const [x, y] = [createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest()];
  return timingSafeEqual(x, y);
};

/**
 * Cross-site requests are refused: a POST must come from the product's own origin when the
 * browser says where it comes from, and a signed-in POST must carry the session's token.
 */
export function checkForgery(publicOrigin: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'POST') return next();
    const origin = req.get('origin');
    const site = req.get('sec-fetch-site');
    const foreign = (origin && origin !== publicOrigin && origin !== `${req.protocol}://${req.get('host')}`) || site === 'cross-site';
    const signed = signedIn(res);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const token = typeof body._csrf === 'string' ? body._csrf : '';
    if (foreign || (signed && !same(token, signed.session.csrf))) {
      res.status(403).type('text/plain').send('This form came from somewhere else, or from an older page. Go back, reload the page and try again.');
      return;
    }
    next();
  };
}

/** One audit entry for a change made in the console, naming the person. */
export function auditChange(deps: { audit: AuditTrail; log: Logger; now: () => Date }) {
  return (person: Pick<Person, 'id'>, action: string, recordType: string, recordId: string | null, status = 200) =>
    deps.audit
      .append({ at: deps.now().toISOString(), actor: person.id, via: 'console', action, recordType, recordId, status })
      .catch((err: unknown) => deps.log.error({ err }, 'audit append failed'));
}
export type AuditChange = ReturnType<typeof auditChange>;

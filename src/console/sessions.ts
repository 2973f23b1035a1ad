import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';

/** A signed-in person: the cookie value is `id`; `csrf` is the token every form of the session carries. */
export interface Session {
  id: string;
  personId: string;
  csrf: string;
}

/** Sessions end after this long without a request. */
export const SESSION_IDLE_SECONDS = 12 * 3600;

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;
const digest = (id: string) => createHash('sha256').update(id).digest('base64url');

/**
 * Console sessions in Redis, keyed by the digest of the cookie value so that a read of Redis
 * gives no one a working cookie. Every read pushes the idle expiry back; an unknown id writes nothing.
 */
export function createSessions(deps: { redis: Redis; keys: Keys; idleSeconds?: number }) {
  const { redis, keys } = deps;
  const idle = deps.idleSeconds ?? SESSION_IDLE_SECONDS;
  return {
    async create(personId: string): Promise<Session> {
      const session = { id: randomBytes(32).toString('base64url'), personId, csrf: randomBytes(24).toString('base64url') };
      await redis.set(keys.consoleSession(digest(session.id)), JSON.stringify({ personId, csrf: session.csrf }), 'EX', idle);
      return session;
    },
    async get(id: string | undefined): Promise<Session | null> {
      if (!id || !SESSION_ID.test(id)) return null;
      const json = await redis.getex(keys.consoleSession(digest(id)), 'EX', idle);
      if (!json) return null;
      const { personId, csrf } = JSON.parse(json) as { personId: string; csrf: string };
      return { id, personId, csrf };
    },
    /** Whether the session still exists, without counting as activity (a live stream is not a person). */
    async alive(id: string): Promise<boolean> {
      return SESSION_ID.test(id) && (await redis.exists(keys.consoleSession(digest(id)))) === 1;
    },
    async destroy(id: string): Promise<void> {
      if (SESSION_ID.test(id)) await redis.del(keys.consoleSession(digest(id)));
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;

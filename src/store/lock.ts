import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { defineScript } from './scripts.js';

export class LockTimeoutError extends Error {
  constructor() {
    super('lock not acquired in time');
    this.name = 'LockTimeoutError';
  }
}

/** Deletes a key only while it still holds the given value: how a holder lets go of what it marked. */
export function compareAndDelete(redis: Redis): (key: string, value: string) => Promise<unknown> {
  const script = defineScript<'released' | 'not-held'>(redis, 'release-1.lua');
  return (key, value) => script([key], [value]);
}

/**
 * A short mutual exclusion over one Redis key, across processes: taken with SET NX PX, waited
 * for in small steps, released only by its holder. The expiry frees it if the holder dies.
 */
export function createLocks(redis: Redis) {
  const release = compareAndDelete(redis);
  return {
    async withLock<T>(key: string, options: { holdMs: number; waitMs: number }, work: () => Promise<T>): Promise<T> {
      const token = randomBytes(8).toString('hex');
      const giveUpAt = Date.now() + options.waitMs;
      while ((await redis.set(key, token, 'PX', options.holdMs, 'NX')) !== 'OK') {
        if (Date.now() > giveUpAt) throw new LockTimeoutError();
        await new Promise((r) => setTimeout(r, 10 + Math.random() * 20));
      }
      try {
        return await work();
      } finally {
        await release(key, token).catch(() => 0); // expires by itself if Redis is gone
      }
    },
  };
}

export type Locks = ReturnType<typeof createLocks>;

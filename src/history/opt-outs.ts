import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';

/**
 * Numbers that texted STOP (or that Twilio reports as opted out). The product sends them no
 * text until START: no reply, no "page taken" notice, no safety re-send, no check-in. Their
 * crisis texts and claimed emergencies still page, and the page tells the clinician to call.
 */
export function createOptOuts(deps: { redis: Redis; keys: Keys }) {
  const { redis, keys } = deps;
  return {
    async has(phone: string): Promise<boolean> {
      return (await redis.sismember(keys.optOut, phone)) === 1;
    },
    async add(phone: string): Promise<void> {
      await redis.sadd(keys.optOut, phone);
    },
    async remove(phone: string): Promise<void> {
      await redis.srem(keys.optOut, phone);
    },
  };
}

export type OptOuts = ReturnType<typeof createOptOuts>;

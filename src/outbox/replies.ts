import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import { compareAndDelete } from '../store/lock.js';

/** How long the reply given to a MessageSid is kept, to answer Twilio's redeliveries the same. */
export const REPLY_TTL_SECONDS = 2 * 86_400;
const IN_PROGRESS_TTL_SECONDS = 60;
/** The reply key's value while a text is being handled; anything else is the reply already given. */
export const IN_PROGRESS = '\u0000in-progress:';

/**
 * The reply to an incoming text (sent back in the webhook's TwiML), once per MessageSid: a
 * redelivery gets the same reply and changes nothing.
 */
export function createReplyLedger(deps: { redis: Redis; keys: Keys }) {
  const { redis, keys } = deps;
  const releaseMarker = compareAndDelete(redis);
  return {
    /**
     * Answers a MessageSid once: `answer` runs only for the first delivery, and its reply (or
     * none) is what every redelivery gets. Marked in progress for a minute only, and cleared by
     * its own attempt when that fails, so a failed or stalled attempt never silences Twilio's
     * redelivery.
     */
    async replyOnce(messageSid: string, answer: () => Promise<string | null>): Promise<string | null> {
      const replyKey = keys.textReply(messageSid);
      const marker = `${IN_PROGRESS}${randomBytes(6).toString('hex')}`;
      try {
        if (!(await redis.set(replyKey, marker, 'EX', IN_PROGRESS_TTL_SECONDS, 'NX'))) {
          const earlier = await redis.get(replyKey);
          return earlier && !earlier.startsWith(IN_PROGRESS) ? earlier : null;
        }
        const reply = await answer();
        await redis.set(replyKey, reply ?? '', 'EX', REPLY_TTL_SECONDS);
        return reply;
      } catch (error) {
        await releaseMarker(replyKey, marker).catch(() => 0);
        throw error;
      }
    },
  };
}

import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { OptOuts } from '../history/opt-outs.js';
import type { Keys } from '../store/keys.js';
import { TwilioSendError, type Messenger } from './client.js';

/** A text the practice starts (not a page step): what it is for, to whom, and its words. */
export interface OutboundText {
  kind: 'check-in' | 'disposition-question';
  to: string;
  body: string;
}

/**
 * sent: it went now; already: another run claimed this key first (it went, or that run died
 * mid-send and the claim says so); opted-out: the number texted STOP, nothing went;
 * failed: Twilio refused it for good.
 */
export type SendOutcome = 'sent' | 'already' | 'opted-out' | 'failed';

/** The one way check-ins and morning questions are sent: each key at most once, claimed before the request. */
export interface SendOnce {
  sendOnce(key: string, message: OutboundText): Promise<SendOutcome>;
}

const CLAIM_TTL_SECONDS = 30 * 86_400;

/**
 * Claim-before-send for texts the practice starts. The claim carries a token, so a claim Redis
 * wrote but whose answer was lost is recognised as ours and the text still goes; a retryable
 * Twilio failure releases the claim and throws, so the job's retry sends it; anything else is
 * recorded on the claim and never sent again.
 */
export function createSendOnce(deps: { redis: Redis; keys: Keys; messenger: Messenger; optOuts: OptOuts }): SendOnce {
  const { redis, keys, messenger, optOuts } = deps;
  return {
    async sendOnce(key, message) {
      const claimKey = keys.textClaim(key);
      if (await optOuts.has(message.to)) return 'opted-out';
      const token = `sending:${randomUUID()}`;
      if (!(await redis.set(claimKey, token, 'EX', CLAIM_TTL_SECONDS, 'NX')) && (await redis.get(claimKey)) !== token) return 'already';
      try {
        const sid = await messenger.sendSms(message.to, message.body);
        await redis.set(claimKey, `sent:${sid}`, 'EX', CLAIM_TTL_SECONDS);
        return 'sent';
      } catch (error) {
        const failure = error instanceof TwilioSendError ? error : new TwilioSendError('retryable', null, null);
        if (failure.kind === 'retryable') {
          await redis.del(claimKey);
          throw error;
        }
        if (failure.kind === 'opted-out') await optOuts.add(message.to);
        await redis.set(claimKey, `failed:${failure.kind}`, 'EX', CLAIM_TTL_SECONDS);
        return failure.kind === 'opted-out' ? 'opted-out' : 'failed';
      }
    },
  };
}

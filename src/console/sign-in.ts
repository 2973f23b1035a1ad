import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { DirectoryStore } from '../directory/store.js';
import type { Keys } from '../store/keys.js';
import { defineScript } from '../store/scripts.js';
import type { SignInSender } from './sign-in-sender.js';

export const CODE_SECONDS = 5 * 60;
export const CODE_TRIES = 5;

export interface SignInLimits {
  /** Codes one phone may be sent per window. */
  perPhone: { points: number; windowSeconds: number };
  /** Codes asked for and codes tried by one address per window. */
  perAddress: { points: number; windowSeconds: number };
  /** Wrong codes typed for one phone per window (a day by default): past it, no code of that phone works until the window ends. */
  failedPerPhone?: { points: number; windowSeconds: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  // An hour, not less: each code is a text from the number that pages the clinician, and a stranger
  // who could send hundreds a day could teach her to mute it.
  perPhone: { points: 3, windowSeconds: 3600 },
  perAddress: { points: 20, windowSeconds: 15 * 60 },
  failedPerPhone: { points: 20, windowSeconds: 24 * 3600 },
};

const digest = (text: string) => createHash('sha256').update(text).digest();

export type SignInResult = { ok: true; personId: string } | { ok: false; reason: 'wrong' | 'limited'; retryAfterSeconds?: number };

/**
 * One-time codes by text. Asking answers the same whether or not the number belongs to anyone,
 * does the same awaited Redis work for both, and the send is not awaited, so neither the words
 * nor the time tell. Codes are kept only as digests, tied to the number, for 5 minutes after the
 * last ask and 5 tries in all; asking again adds a code and never voids one still waiting. Wrong
 * codes for one phone are limited per day as well as per address.
 */
export function createSignIn(deps: { redis: Redis; keys: Keys; directory: DirectoryStore; sender: SignInSender; limits?: SignInLimits }) {
  const { redis, keys, directory, sender } = deps;
  const limits = deps.limits ?? DEFAULT_SIGN_IN_LIMITS;
  const limiter = (kind: string, { points, windowSeconds }: { points: number; windowSeconds: number }) =>
    new RateLimiterRedis({ storeClient: redis, keyPrefix: keys.signInLimits(kind), points, duration: windowSeconds });
  const perPhone = limiter('phone', limits.perPhone);
  const askPerAddress = limiter('ask-address', limits.perAddress);
  const tryPerAddress = limiter('try-address', limits.perAddress);
  const failed = limits.failedPerPhone ?? DEFAULT_SIGN_IN_LIMITS.failedPerPhone!;
  const failedPerPhone = limiter('failed-phone', failed);
  const askCode = defineScript<'kept' | 'none'>(redis, 'sign-in-ask-1.lua');
  const tryCode = defineScript<'found' | 'none'>(redis, 'sign-in-try-1.lua');
  const phoneKey = (phone: string) => digest(phone).toString('base64url');
  const codeKey = (phone: string) => keys.signInCode(digest(`phone:${phone}`).toString('base64url'));

  /** Seconds to wait when over a limit, else 0. */
  async function consume(...pairs: [RateLimiterRedis, string][]): Promise<number> {
    try {
      for (const [l, key] of pairs) await l.consume(key);
      return 0;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.ceil(error.msBeforeNext / 1000);
      throw error;
    }
  }

  return {
    /** Sends a code to the number when it is a person's of the practice. The answer never says which. */
    async request(phone: string, address: string): Promise<{ sent: true } | { sent: false; retryAfterSeconds: number }> {
      const wait = await consume([askPerAddress, address], [perPhone, phoneKey(phone)]);
      if (wait > 0) return { sent: false, retryAfterSeconds: wait };
      const owner = await directory.findByPhone(phone);
      const personId = owner?.kind === 'clinician' ? owner.clinician.id : '';
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      // Known or not, the same script call is awaited: only the unawaited send differs.
      await askCode([codeKey(phone)], [personId, digest(`${phone}:${code}`).toString('base64url'), CODE_SECONDS, limits.perPhone.points]);
      if (personId) void sender.sendSignInCode(personId, phone, code, CODE_SECONDS / 60);
      return { sent: true };
    },
    /** Checks a code; a right one is used up, a wrong one counts against the code and the address. */
    async verify(phone: string, code: string, address: string): Promise<SignInResult> {
      const wait = await consume([tryPerAddress, address]);
      if (wait > 0) return { ok: false, reason: 'limited', retryAfterSeconds: wait };
      if (!/^\d{6}$/.test(code)) return { ok: false, reason: 'wrong' };
      const spent = await failedPerPhone.get(phoneKey(phone));
      if (spent && spent.consumedPoints >= failed.points) return { ok: false, reason: 'limited', retryAfterSeconds: Math.ceil(spent.msBeforeNext / 1000) };
      const key = codeKey(phone);
      const [outcome, personId, hashes] = await tryCode([key], [CODE_TRIES]);
      if (outcome !== 'found' || !personId || !hashes) return { ok: false, reason: 'wrong' };
      const typed = digest(`${phone}:${code}`);
      // Every waiting code is compared, in constant time each.
      const right = hashes.split(' ').reduce((found, hash) => timingSafeEqual(typed, Buffer.from(hash, 'base64url')) || found, false);
      if (!right) {
        // Only a wrong code against a waiting one counts against the phone: a stranger must ask (and be limited) first.
        await failedPerPhone.consume(phoneKey(phone)).catch((error: unknown) => {
          if (!(error instanceof RateLimiterRes)) throw error;
        });
        return { ok: false, reason: 'wrong' };
      }
      await redis.del(key);
      return { ok: true, personId };
    },
  };
}

export type SignIn = ReturnType<typeof createSignIn>;

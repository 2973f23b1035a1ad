import type { Request } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';

/** What failed: `api` an admin bearer token, `webhook` a Twilio signature. */
export type FailureKind = 'api' | 'webhook';

export interface FailureLimit {
  /** Failed attempts one address may make in a window; after that it is answered 429 until the window ends. */
  failures: number;
  windowSeconds: number;
}

export const DEFAULT_FAILURE_LIMITS: Record<FailureKind, FailureLimit> = {
  api: { failures: 10, windowSeconds: 600 },
  webhook: { failures: 30, windowSeconds: 60 },
};

export interface AuthFailures {
  /** Seconds until the request's address may try again, 0 when it may now. Reads, never writes. */
  blockedFor(req: Request): Promise<number>;
  /**
   * Counts one failure: a metric, a log line at a bounded rate, and the address's one counter.
   * Answers the seconds to wait when this failure is over the limit, else 0. Never throws.
   */
  fail(req: Request, reason: string): Promise<number>;
}

/**
 * The address a limit applies to. An IPv6 subscriber usually holds a whole /64, so the /64 is
 * the unit there (otherwise one host could take a fresh address for every attempt); IPv4 and
 * IPv4-mapped addresses are used as they are.
 */
export function addressKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  if (v4) return v4[1]!;
  const bare = ip.split('%')[0]!.toLowerCase();
  const [head = '', tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right] : left;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return 'unknown';
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** Logs the first event at once, then at most one line per interval carrying how many were left out. */
function boundedWarn(log: Logger, intervalMs: number) {
  let last = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  return (fields: Record<string, unknown>, message: string) => {
    const now = Date.now();
    if (now - last < intervalMs) {
      suppressed += 1;
      return;
    }
    log.warn({ ...fields, suppressed }, message);
    last = now;
    suppressed = 0;
  };
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1_000));

/**
 * Failed authentications of one kind, per client address, in the Redis every web process shares
 * (so the limit holds across processes). The only write is one small counter per address, with
 * the window as its TTL; once an address is over, it is refused from memory until its window
 * ends, with no further Redis traffic. While Redis is unreachable the limit holds per process.
 */
export function createAuthFailures(deps: {
  redis: Redis;
  /** Key prefix of the counters, from the key builders. */
  keyPrefix: string;
  kind: FailureKind;
  limit: FailureLimit;
  metrics: Metrics;
  log: Logger;
  logEveryMs?: number;
}): AuthFailures {
  const { kind, limit, metrics } = deps;
  const options = { points: limit.failures, duration: limit.windowSeconds };
  const limiter = new RateLimiterRedis({
    ...options,
    storeClient: deps.redis,
    keyPrefix: deps.keyPrefix,
    inMemoryBlockOnConsumed: limit.failures + 1,
    insuranceLimiter: new RateLimiterMemory(options),
  });
  const warn = boundedWarn(deps.log, deps.logEveryMs ?? 60_000);
  const addressOf = (req: Request) => addressKey(req.ip ?? req.socket.remoteAddress);

  return {
    async blockedFor(req) {
      const state = await limiter.get(addressOf(req)).catch(() => null);
      const ms = state && state.consumedPoints > limit.failures ? state.msBeforeNext : 0;
      if (ms <= 0) return 0;
      metrics.rateLimited.inc({ kind });
      return seconds(ms);
    },
    async fail(req, reason) {
      const address = addressOf(req);
      metrics.authFailures.inc({ kind });
      warn({ kind, reason }, `refused a request with ${kind === 'api' ? 'a missing or wrong admin token' : 'a missing or wrong Twilio signature'}`);
      try {
        await limiter.consume(address);
        return 0;
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) return 0;
        metrics.rateLimited.inc({ kind });
        return seconds(error.msBeforeNext);
      }
    },
  };
}

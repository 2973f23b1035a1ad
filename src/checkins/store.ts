import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';
import { normalisePlan, type CheckInPlan, type PlanInput } from './plan.js';

/** What became of one check-in: sent (and answered by a contact), or why it did not go. */
export interface CheckInRecord {
  slot: string;
  status: 'sent' | 'opted-out' | 'failed' | 'missed' | 'in-doubt';
  at: string;
  /** The contact of the client's answer, once they answered. */
  answeredBy: string | null;
}

const LOG_TTL_SECONDS = 60 * 86_400;

/**
 * Check-in plans, one per client, and the record of each check-in. The read API the console
 * uses is `get`, `set` and `end`; an ended plan is kept (with `endedAt`) so it can be shown.
 */
export function createCheckInStore(deps: { redis: Redis; keys: Keys }) {
  const { redis, keys } = deps;

  const store = {
    async get(clientId: string): Promise<CheckInPlan | null> {
      const json = await redis.get(keys.checkInPlan(clientId));
      return json ? (JSON.parse(json) as CheckInPlan) : null;
    },
    /**
     * Sets (or replaces) a client's plan. A new plan's check-ins before `at` are never sent late;
     * a running plan that is changed keeps its cursor, so a check-in due just before the change
     * that no sweep has reached yet is still sent.
     */
    async set(clientId: string, input: PlanInput, at: Date): Promise<CheckInPlan> {
      const earlier = await store.get(clientId);
      const plan = normalisePlan(clientId, input, at, earlier);
      const running = earlier !== null && earlier.endedAt === null && (await store.cursor(clientId)) !== null;
      const write = redis.multi().set(keys.checkInPlan(clientId), JSON.stringify(plan)).sadd(keys.checkInPlans, clientId);
      if (!running) write.hset(keys.checkInCursor, clientId, String(at.getTime()));
      await write.exec();
      return plan;
    },
    /**
     * Ends a plan now: nothing more is sent for it. A check-in already sent still waits for its
     * answer (the client holds it; their 5 is still a check-in reply). Null when the client has no plan.
     */
    async end(clientId: string, at: Date): Promise<CheckInPlan | null> {
      const plan = await store.get(clientId);
      if (!plan) return null;
      const ended: CheckInPlan = { ...plan, endedAt: plan.endedAt ?? at.toISOString(), updatedAt: at.toISOString() };
      await redis.set(keys.checkInPlan(clientId), JSON.stringify(ended));
      return ended;
    },
    /** Clients with a plan (running or ended), for the scheduler and the digest. */
    clientIds: (): Promise<string[]> => redis.smembers(keys.checkInPlans),
    /** Forgets an ended plan's client in the scheduler's set (the plan itself stays readable). */
    async retire(clientId: string): Promise<void> {
      await redis.multi().srem(keys.checkInPlans, clientId).hdel(keys.checkInCursor, clientId).exec();
    },
    async cursor(clientId: string): Promise<number | null> {
      const value = await redis.hget(keys.checkInCursor, clientId);
      return value ? Number(value) : null;
    },
    async advance(clientId: string, to: number): Promise<void> {
      await redis.hset(keys.checkInCursor, clientId, String(to));
    },
    async record(clientId: string, entry: CheckInRecord): Promise<void> {
      await redis.multi().hset(keys.checkInLog(clientId), entry.slot, JSON.stringify(entry)).expire(keys.checkInLog(clientId), LOG_TTL_SECONDS).exec();
    },
    /** Records only when nothing is recorded for the slot yet: a sending run's own record always wins. */
    async recordIfAbsent(clientId: string, entry: CheckInRecord): Promise<void> {
      await redis.multi().hsetnx(keys.checkInLog(clientId), entry.slot, JSON.stringify(entry)).expire(keys.checkInLog(clientId), LOG_TTL_SECONDS).exec();
    },
    /** The client's check-ins, oldest first. */
    async records(clientId: string): Promise<CheckInRecord[]> {
      const values = Object.values(await redis.hgetall(keys.checkInLog(clientId)));
      return values.map((v) => JSON.parse(v) as CheckInRecord).sort((a, b) => a.slot.localeCompare(b.slot));
    },
    /** Marks the check-in at `slot` answered by a contact; the first answer stays. */
    async markAnswered(clientId: string, slot: string, contactId: string): Promise<void> {
      const json = await redis.hget(keys.checkInLog(clientId), slot);
      if (!json) return;
      const entry = JSON.parse(json) as CheckInRecord;
      if (!entry.answeredBy) await store.record(clientId, { ...entry, answeredBy: contactId });
    },
    /** The check-in waiting for its answer now, if any: its slot, the contact source its replies join, and when it went out (ms; 0 if not known). */
    async waiting(clientId: string, at: Date): Promise<{ slot: string; source: string; sentAt: number } | null> {
      const hash = await redis.hgetall(keys.checkInWaiting(clientId));
      return hash.slot && hash.source && Number(hash.until) > at.getTime() ? { slot: hash.slot, source: hash.source, sentAt: Number(hash.sentAt ?? 0) } : null;
    },
    /** The wait is judged on the product's clock; Redis's own expiry only tidies up after it. */
    async setWaiting(clientId: string, slot: string, until: Date, at: Date): Promise<void> {
      const key = keys.checkInWaiting(clientId);
      const fields = { slot, source: `check-in:${clientId}:${slot}`, until: String(until.getTime()), sentAt: String(at.getTime()) };
      await redis.multi().del(key).hset(key, fields).pexpire(key, Math.max(1_000, until.getTime() - at.getTime())).exec();
    },
    /** Ends the wait of the check-in at `slot` by `until` at the latest (a wait already ending sooner, or another check-in's, is left alone). */
    async endWaitingBy(clientId: string, slot: string, until: Date): Promise<void> {
      const key = keys.checkInWaiting(clientId);
      const [current, end] = await redis.hmget(key, 'slot', 'until');
      if (current === slot && Number(end) > until.getTime()) await redis.hset(key, 'until', String(until.getTime()));
    },
    async clearWaiting(clientId: string): Promise<void> {
      await redis.del(keys.checkInWaiting(clientId));
    },
    async close(): Promise<void> {},
  };
  return store;
}

export type CheckInStore = ReturnType<typeof createCheckInStore>;

import { Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import type { Outbox } from '../outbox/index.js';
import { nextSlot, slotsBetween, type CheckInPlan } from './plan.js';
import type { CheckInStore } from './store.js';

/** How long a check-in waits for its answer, unless the next one comes first. */
export const CHECK_IN_WAIT_MS = 12 * 3_600_000;
/** A check-in found more than this late (every worker was down) is recorded as missed, not sent at an odd hour. */
export const CHECK_IN_LATE_LIMIT_MS = 2 * 3_600_000;
/** How often the scheduler looks for check-ins that are due. */
export const CHECK_IN_SWEEP_MS = 60_000;
/** The check-ins' own queue: one job a minute from a job scheduler. */
export const CHECK_IN_QUEUE = 'checkins';
/** An ended plan leaves the scheduler's set this long after, once the digest has reported on it. */
const RETIRE_AFTER_MS = 3 * 86_400_000;

/**
 * Sends check-ins. One BullMQ job scheduler, on a queue of its own, runs `sweep` every minute: it sends every check-in
 * that fell due since the client's cursor, each through the outbox (claim before send) keyed by
 * client and slot, so several workers, a retried job or a restarted worker send it once. The
 * cursor moves only after a sweep of that client finished, so a failed send is tried again, and
 * a check-in found too late is recorded as missed, never skipped silently.
 */
export function createCheckInScheduler(deps: { config: Config; redis: Redis; keys: Keys; store: CheckInStore; directory: DirectoryStore; outbox: Pick<Outbox, 'sendOnce' | 'recordOf'>; log: Logger; now: () => Date }) {
  const { config, keys, store, directory, outbox, log, now } = deps;
  const queue = new Queue(CHECK_IN_QUEUE, {
    connection: deps.redis,
    prefix: keys.bull,
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 1_000 }, removeOnComplete: { age: 3_600, count: 100 }, removeOnFail: { age: 7 * 86_400 } },
  });
  queue.on('error', (error) => log.warn({ err: error }, 'check-in queue connection error'));
  const zone = config.timezone;

  async function sendSlot(plan: CheckInPlan, slot: Date, at: Date): Promise<boolean> {
    const slotIso = slot.toISOString();
    const base = { slot: slotIso, at: at.toISOString(), answeredBy: null };
    const client = await directory.getClient(plan.clientId);
    if (!client) {
      await store.record(plan.clientId, { ...base, status: 'failed' });
      return false;
    }
    const key = { scope: 'check-ins' as const, id: plan.clientId, field: slotIso };
    if (at.getTime() - slot.getTime() > CHECK_IN_LATE_LIMIT_MS) {
      if (await resumed(plan, slot, at)) return false;
      await store.recordIfAbsent(plan.clientId, { ...base, status: 'missed' });
      log.warn({ clientId: plan.clientId, slot: slotIso }, 'check-in missed: no worker ran at its time');
      return false;
    }
    const sent = await outbox.sendOnce(key, { kind: 'check-in', to: client.phones[0] ?? null, language: client.language, wording: plan.wording });
    const outcome = sent.status === 'duplicate' ? 'already' : sent.status === 'suppressed' || (sent.status === 'failed' && sent.kind === 'opted-out') ? 'opted-out' : sent.status;
    if (outcome === 'already') {
      // Another run claimed it; if that run died mid-send, its record never comes: say so.
      if (!(await resumed(plan, slot, at))) await store.recordIfAbsent(plan.clientId, { ...base, status: 'in-doubt' });
      return false;
    }
    await store.record(plan.clientId, { ...base, status: outcome });
    if (outcome !== 'sent') return false;
    await wait(plan, slot, at);
    return true;
  }

  /**
   * A check-in Twilio took (its send record has a SID) in a run that died before it wrote the
   * check-in's record or its wait: both are written now, so the client's answer is a check-in reply.
   */
  async function resumed(plan: CheckInPlan, slot: Date, at: Date): Promise<boolean> {
    const slotIso = slot.toISOString();
    if (!(await outbox.recordOf({ scope: 'check-ins', id: plan.clientId, field: slotIso }))?.sid) return false;
    await store.recordIfAbsent(plan.clientId, { slot: slotIso, at: at.toISOString(), answeredBy: null, status: 'sent' });
    const record = (await store.records(plan.clientId)).find((r) => r.slot === slotIso);
    if (record?.status === 'sent' && !record.answeredBy) await wait(plan, slot, at);
    return true;
  }

  /** The check-in at `slot` waits for its answer until the next one, or 12 hours. */
  async function wait(plan: CheckInPlan, slot: Date, at: Date): Promise<void> {
    const next = nextSlot(plan, slot, zone);
    const until = Math.min(slot.getTime() + CHECK_IN_WAIT_MS, next ? next.getTime() : Infinity);
    if (until > at.getTime()) await store.setWaiting(plan.clientId, slot.toISOString(), new Date(until), at);
  }

  /** Sends one client's due check-ins and moves their cursor; answers how many went. */
  async function sweepClient(clientId: string, at: Date): Promise<number> {
    const plan = await store.get(clientId);
    if (!plan) {
      await store.retire(clientId);
      return 0;
    }
    const cursor = (await store.cursor(clientId)) ?? at.getTime();
    if (cursor >= at.getTime()) return 0;
    let sent = 0;
    for (const slot of slotsBetween(plan, new Date(cursor), at, zone)) if (await sendSlot(plan, slot, at)) sent += 1;
    await store.advance(clientId, at.getTime());
    const end = plan.endedAt ? Date.parse(plan.endedAt) : DateTime.fromISO(plan.until, { zone }).endOf('day').toMillis();
    if (at.getTime() - end > RETIRE_AFTER_MS) await store.retire(clientId);
    return sent;
  }

  const scheduler = {
    queue,
    /** Registers the every-minute schedule; idempotent, so every worker may call it at start. */
    async schedule(): Promise<void> {
      await queue.upsertJobScheduler('checkins', { every: CHECK_IN_SWEEP_MS }, { name: 'checkins', data: {} });
    },

    /** The consumer of the check-in queue, on the workers' blocking connection. */
    startWorker(connection: Redis) {
      const worker = new Worker(CHECK_IN_QUEUE, async () => void (await scheduler.sweep()), { connection, prefix: keys.bull, concurrency: 1 });
      worker.on('failed', (job, error) => log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'check-in job failed; it will be retried'));
      worker.on('error', (error) => log.error({ err: error }, 'check-in worker error'));
      return { close: () => worker.close() };
    },

    /**
     * Sends what is due now. A client whose send failed retryably keeps their cursor (tried again
     * next run) and does not hold back anyone else's check-in; the sweep throws at the end, so
     * the job is retried and the failure is seen.
     */
    async sweep(): Promise<{ sent: number }> {
      const at = now();
      let sent = 0;
      let failure: unknown = null;
      for (const clientId of await store.clientIds()) {
        try {
          sent += await sweepClient(clientId, at);
        } catch (error) {
          log.warn({ clientId, err: error }, 'check-ins of one client failed; they are tried again next run');
          failure ??= error;
        }
      }
      if (sent > 0) log.info({ sent }, 'check-ins sent');
      if (failure) throw failure;
      return { sent };
    },

    close: () => queue.close(),
  };
  return scheduler;
}

export type CheckInScheduler = ReturnType<typeof createCheckInScheduler>;

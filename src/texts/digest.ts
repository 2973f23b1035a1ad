import { Queue, Worker } from 'bullmq';
import { DateTime } from 'luxon';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Logger } from '../log.js';
import type { BusinessHours } from '../business-hours.js';
import type { PageQueue } from '../paging/queue.js';
import type { Keys } from '../store/keys.js';
import type { Outbox } from '../outbox/index.js';

/** The cron pattern for the opening of business hours: minute, hour, any date, the open days. */
export function openingCron(hours: BusinessHours): string {
  return `${hours.openMinute % 60} ${Math.floor(hours.openMinute / 60)} * * ${hours.days.map((d) => d % 7).join(',')}`;
}

const LAST_RUN_FIELD = 'last-run';

/** The digest's own queue: one job from a job scheduler each opening of business hours. */
export const DIGEST_QUEUE = 'digest';

/**
 * The morning digest: at the opening of business hours each clinician gets one text saying how
 * many after-hours messages wait for them, with no client detail (they are read through
 * `GET /api/contacts`). Messages from unknown numbers go to the practice lead. Runs from a
 * BullMQ job scheduler on a queue of its own, so several workers make one run; each clinician's text goes through the
 * outbox once per day, so a retried run cannot send it twice.
 */
export function createDigest(deps: {
  config: Config;
  redis: Redis;
  keys: Keys;
  directory: DirectoryStore;
  history: HistoryStore;
  outbox: Pick<Outbox, 'sendOnce'>;
  pageQueue: PageQueue;
  log: Logger;
  now: () => Date;
  /** The morning's other work: the disposition questions, and check-ins left unanswered since `since` (lines per clinician). */
  morning?: { askDispositions(): Promise<unknown>; unansweredCheckIns(since: Date, at: Date): Promise<Map<string, string[]>> };
}) {
  const { config, redis, keys, directory, history, outbox, log, now } = deps;

  const queue = new Queue(DIGEST_QUEUE, {
    connection: redis,
    prefix: keys.bull,
    defaultJobOptions: { attempts: 10, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { age: 3_600, count: 100 }, removeOnFail: { age: 7 * 86_400 } },
  });
  queue.on('error', (error) => log.warn({ err: error }, 'digest queue connection error'));

  const digest = {
    queue,
    /** Registers the schedule; idempotent, so every worker may call it at start. */
    async schedule(): Promise<void> {
      await queue.upsertJobScheduler('digest', { pattern: openingCron(config.businessHours), tz: config.timezone }, { name: 'digest', data: {} });
      // The digest once rode the page queue: its old scheduler there is removed, so it runs once.
      await deps.pageQueue.queue.removeJobScheduler('digest');
    },

    /** The consumer of the digest queue, on the workers' blocking connection. */
    startWorker(connection: Redis) {
      const worker = new Worker(DIGEST_QUEUE, async () => void (await digest.run()), { connection, prefix: keys.bull, concurrency: 1 });
      worker.on('failed', (job, error) => log.warn({ jobId: job?.id, attempts: job?.attemptsMade, err: error }, 'digest job failed; it will be retried'));
      worker.on('error', (error) => log.error({ err: error }, 'digest worker error'));
      return { close: () => worker.close() };
    },

    async run(): Promise<{ sent: number }> {
      const at = now();
      const day = DateTime.fromJSDate(at, { zone: config.timezone }).toISODate()!;
      const lastRun = await redis.hget(keys.digestState, LAST_RUN_FIELD);
      const since = lastRun ? new Date(lastRun) : new Date(at.getTime() - 7 * 86_400_000);
      const waiting = (await history.listContacts({ since, limit: 5_000 })).filter((c) => !c.pageId && c.disposition === null && new Date(c.at) <= at);

      const clients = new Map((await directory.listClients()).map((c) => [c.id, c]));
      const lead = (await directory.listClinicians()).find((c) => c.role === 'lead');
      const counts = new Map<string, number>();
      for (const contact of waiting) {
        const owner = contact.clientId ? clients.get(contact.clientId)?.clinicianId : lead?.id;
        if (owner) counts.set(owner, (counts.get(owner) ?? 0) + 1);
      }

      const unanswered = (await deps.morning?.unansweredCheckIns(since, at)) ?? new Map<string, string[]>();
      for (const clinicianId of unanswered.keys()) if (!counts.has(clinicianId)) counts.set(clinicianId, 0);

      let sent = 0;
      for (const [clinicianId, count] of counts) {
        const clinician = await directory.getClinician(clinicianId);
        if (!clinician) continue;
        const checkIns = unanswered.get(clinicianId) ?? [];
        const outcome = await outbox.sendOnce({ scope: 'digest', id: day, field: clinicianId }, { kind: 'digest', to: clinician.phone, count, checkIns, contactsUrl: `${config.publicBaseUrl}/console/contacts` });
        if (outcome.status === 'sent') sent += 1;
      }
      // The morning question about last night's pages goes out with the digest.
      await deps.morning?.askDispositions();
      await redis.hset(keys.digestState, LAST_RUN_FIELD, at.toISOString());
      log.info({ clinicians: sent, messages: waiting.length }, 'morning digest sent');
      return { sent };
    },

    close: () => queue.close(),
  };
  return digest;
}

export type Digest = ReturnType<typeof createDigest>;

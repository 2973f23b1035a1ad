import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import type { Acknowledger } from './acknowledge.js';
import type { Ladder } from './ladder.js';
import { PAGES_QUEUE, type PageJob, type PageJobName } from './queue.js';

/**
 * The consumer of the `pages` queue. A job that fails (a Twilio 5xx, a network error) is retried
 * with backoff by BullMQ; a worker killed mid-job leaves a stalled job that another worker picks
 * up; and the reconciler re-drives any step whose job was lost altogether.
 */
export function createPagingWorker(deps: { connection: Redis; keys: Keys; ladder: Ladder; acknowledger: Acknowledger; log: Logger; concurrency?: number }) {
  const { ladder, acknowledger, log } = deps;
  const worker = new Worker<PageJob, void, PageJobName>(
    PAGES_QUEUE,
    async (job) => {
      const { pageId, step, clinicianId } = job.data;
      switch (job.name) {
        case 'step':
          return ladder.processStep(pageId, step ?? 0);
        case 'ack-notices':
          return acknowledger.sendAckNotices(pageId);
        case 'bridge':
          return ladder.bridge(pageId, clinicianId ?? '');
      }
    },
    { connection: deps.connection, prefix: deps.keys.bull, concurrency: deps.concurrency ?? 16, stalledInterval: 5_000, maxStalledCount: 100 },
  );
  worker.on('failed', (job, error) => log.warn({ jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error }, 'paging job failed; it will be retried'));
  worker.on('error', (error) => log.error({ err: error }, 'paging worker error'));
  return { worker, close: () => worker.close() };
}

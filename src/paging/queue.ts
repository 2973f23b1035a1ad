import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import { PRIORITY_RANK, type Priority } from '../triage/types.js';

export const PAGES_QUEUE = 'pages';

/**
 * Job data carries ids only: never a name, a number or a client's words. `step` jobs run one
 * rung of the ladder, `ack-notices` tell everyone a page was taken, `bridge` calls a clinician
 * to connect them to the client. (The morning digest has a queue of its own: texts/digest.ts.)
 */
export interface PageJob {
  pageId: string;
  step?: number;
  clinicianId?: string;
}

export type PageJobName = 'step' | 'ack-notices' | 'bridge';

/** BullMQ runs lower numbers first: critical 1, high 2, normal 3. */
const bullPriority = (priority: Priority) => 3 - PRIORITY_RANK[priority];

/**
 * The producer side of the `pages` queue. Every step has a deterministic job id, so a retried
 * webhook or a re-driven step cannot queue the same step twice.
 */
export function createPageQueue(deps: { connection: Redis; keys: Keys; log: Logger }) {
  const queue = new Queue<PageJob, unknown, PageJobName>(PAGES_QUEUE, {
    connection: deps.connection,
    prefix: deps.keys.bull,
    defaultJobOptions: {
      attempts: 10,
      backoff: { type: 'exponential', delay: 500 },
      removeOnComplete: { age: 3_600, count: 10_000 },
      removeOnFail: { age: 7 * 86_400 },
    },
  });
  // Connection errors surface as failed adds to the caller (and the safety fallback); log them once here.
  queue.on('error', (error) => deps.log.warn({ err: error }, 'page queue connection error'));
  return {
    queue,
    /** Queues one escalation step of a page, now or after a delay. */
    async enqueueStep(pageId: string, step: number, options: { priority: Priority; delayMs?: number; suffix?: string }) {
      await queue.add(
        'step',
        { pageId, step },
        {
          jobId: `${pageId}-${step}${options.suffix ? `-${options.suffix}` : ''}`,
          delay: Math.max(0, options.delayMs ?? 0),
          priority: bullPriority(options.priority),
        },
      );
    },
    async enqueueAckNotices(pageId: string) {
      await queue.add('ack-notices', { pageId }, { jobId: `${pageId}-ack`, priority: 1 });
    },
    async enqueueBridge(pageId: string, clinicianId: string) {
      await queue.add('bridge', { pageId, clinicianId }, { jobId: `${pageId}-bridge-${clinicianId}`, priority: 1, attempts: 3 });
    },
    close: () => queue.close(),
  };
}

export type PageQueue = ReturnType<typeof createPageQueue>;

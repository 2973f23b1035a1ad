import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { parseDueMember, type Keys } from '../store/keys.js';
import type { Ladder } from './ladder.js';

/** A step is re-driven once it is this late: the delayed job normally fires well within it. */
const GRACE_MS = 2_000;

/**
 * Time-driven work kept as due sets beside the records. Delayed jobs alone are not trusted: every interval, any escalation step whose due time has
 * passed is run directly from the due set kept beside the page records. Steps are claimed
 * atomically, so running one twice (here and from its job) sends nothing twice. Text
 * conversations left unanswered for 15 minutes are acted on here too.
 */
export function createReconciler(deps: {
  redis: Redis;
  keys: Keys;
  ladder: Pick<Ladder, 'processStep'>;
  /** Text conversations whose 15 minutes to answer are up. */
  onAnswerTimeout: (contactId: string) => Promise<void>;
  log: Logger;
  intervalMs: number;
  now: () => Date;
}) {
  const { redis, keys, ladder, log } = deps;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function runOnce(): Promise<number> {
    const overdue = await redis.zrangebyscore(keys.dueSteps, '-inf', deps.now().getTime() - GRACE_MS, 'LIMIT', 0, 500);
    for (const member of overdue) {
      const { pageId, step } = parseDueMember(member);
      await ladder.processStep(pageId, step).catch((error: unknown) => log.error({ err: error, pageId, step }, 'reconciler could not re-drive a step'));
    }
    if (overdue.length > 0) log.warn({ steps: overdue.length }, 'reconciler re-drove overdue escalation steps');
    const unanswered = await redis.zrangebyscore(keys.answerDue, '-inf', deps.now().getTime(), 'LIMIT', 0, 500);
    for (const contactId of unanswered) {
      await deps.onAnswerTimeout(contactId).catch((error: unknown) => log.error({ err: error, contactId }, 'could not act on an unanswered text'));
    }
    return overdue.length + unanswered.length;
  }

  return {
    runOnce,
    start() {
      timer = setInterval(() => {
        if (running) return;
        running = runOnce()
          .catch((error: unknown) => {
            log.error({ err: error }, 'reconciler pass failed');
            return 0;
          })
          .finally(() => {
            running = null;
          });
      }, deps.intervalMs);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}

import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { parseDueMember, type Keys } from '../store/keys.js';
import type { Ladder } from './ladder.js';
import type { PageQueue } from './queue.js';

/** How long one blocking pop waits before it looks again (it also notices a dead connection). */
const POP_TIMEOUT_SECONDS = 5;

/**
 * Starts each new page's ladder the moment the page exists. Creating a page pushes its first
 * step on a list in the same script that makes it due (raise-page-6.lua); this blocks on that
 * list and runs the step here, with no queue between the claim and the first text or call.
 *
 * The due set stays the guarantee: a step popped by a worker that dies, or never popped because
 * no worker runs, is re-driven by the reconciler, and steps are claimed atomically, so a step
 * run from here and from there pages no one twice. A step that throws (Redis failing mid-step)
 * goes to the page queue, whose retries come sooner than the reconciler's resume time.
 */
export function createLadderStarter(deps: {
  /** A connection of its own: the blocking pop would hold up any other command on it. */
  connection: Redis;
  keys: Keys;
  ladder: Pick<Ladder, 'processStep'>;
  queue: Pick<PageQueue, 'enqueueStep'>;
  log: Logger;
  /** How many first steps run at once; more wait on the list. */
  concurrency?: number;
}) {
  const { connection, keys, ladder, queue, log } = deps;
  const concurrency = deps.concurrency ?? 16;
  const running = new Set<Promise<void>>();
  let closing = false;

  function start(member: string): void {
    const { pageId, step } = parseDueMember(member);
    const run: Promise<void> = ladder
      .processStep(pageId, step)
      .catch(async (error: unknown) => {
        log.warn({ err: error, pageId, step }, 'could not start a page; handed to the page queue');
        // A job id of its own: an earlier job of this step (completed, kept an hour) must not swallow the retry.
        await queue.enqueueStep(pageId, step, { priority: 'critical', suffix: `start-${Date.now()}` });
      })
      .catch((error: unknown) => log.error({ err: error, pageId, step }, 'could not hand a page to the queue; the reconciler will run it'))
      .finally(() => running.delete(run));
    running.add(run);
  }

  async function loop(): Promise<void> {
    while (!closing) {
      if (running.size >= concurrency) {
        await Promise.race(running);
        continue;
      }
      try {
        const popped = await connection.brpop(keys.pagesToStart, POP_TIMEOUT_SECONDS);
        if (popped) start(popped[1]);
      } catch (error) {
        if (closing) break;
        log.warn({ err: error }, 'waiting for new pages failed; trying again');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  const looping = loop();
  return {
    /** Stops waiting for new pages and lets the steps already started finish. */
    async close(): Promise<void> {
      closing = true;
      // A page popped in the instant of the disconnect is still due: the reconciler runs it.
      connection.disconnect();
      await looping;
      await Promise.all(running);
    },
  };
}

export type LadderStarter = ReturnType<typeof createLadderStarter>;

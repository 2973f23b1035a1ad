import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import { parseDueMember, type Keys } from '../store/keys.js';
import { createRedis } from '../store/redis.js';
import type { Ladder } from './ladder.js';

/** How long one blocking pop waits before it asks again. */
const POP_TIMEOUT_SECONDS = 5;
/** How often, and how many times, a step that failed is run again before it is left to the reconciler. */
const RETRY_MS = 500;
const RETRIES = 60;

/**
 * The starter's own connection. A pop is answered within its timeout, so a connection that
 * carries nothing for longer than that is dead (a partition leaves no close to notice): it is
 * dropped, and ioredis reconnects and asks again.
 */
export function starterConnection(redisUrl: string): Redis {
  return createRedis(redisUrl, 'worker', { socketTimeout: (POP_TIMEOUT_SECONDS + 5) * 1_000 });
}

/**
 * Starts each new page's ladder the moment the page exists. Creating a page pushes its first
 * step on a list in the same script that makes it due (raise-page-6.lua); this blocks on that
 * list and runs the step here, with no queue between the claim and the first text or call.
 *
 * The due set stays the guarantee: a step popped by a worker that dies, or never popped because
 * no worker runs, is re-driven by the reconciler, and steps are claimed atomically, so a step
 * run from here and from there pages no one twice. A step that fails (Redis gone for a moment,
 * this process's command connection not yet back) is run again every half second for half a
 * minute, as a queued job would be retried, rather than left to the resume time of its claim.
 */
export function createLadderStarter(deps: {
  /** A connection of its own (starterConnection): the blocking pop would hold up any other command on it. */
  connection: Redis;
  keys: Keys;
  ladder: Pick<Ladder, 'processStep'>;
  log: Logger;
  /** How many first steps run at once; more wait on the list. */
  concurrency?: number;
  retryMs?: number;
}) {
  const { connection, keys, ladder, log } = deps;
  const concurrency = deps.concurrency ?? 16;
  const retryMs = deps.retryMs ?? RETRY_MS;
  const running = new Set<Promise<void>>();
  let closing = false;

  async function run(pageId: string, step: number): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await ladder.processStep(pageId, step);
        return;
      } catch (error) {
        if (closing || attempt >= RETRIES) {
          log.error({ err: error, pageId, step, attempts: attempt }, 'could not start a page; the reconciler will run it');
          return;
        }
        if (attempt === 1) log.warn({ err: error, pageId, step }, 'could not start a page; trying again');
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
  }

  function start(member: string): void {
    const { pageId, step } = parseDueMember(member);
    const started: Promise<void> = run(pageId, step).finally(() => running.delete(started));
    running.add(started);
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
    /** Stops waiting for new pages and lets the steps already started finish (a step failing stops being retried). */
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

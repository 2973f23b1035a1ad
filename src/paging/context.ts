import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Metrics } from '../metrics.js';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import type { Outbox } from '../outbox/index.js';
import type { Messenger } from '../twilio/client.js';
import type { PageStore } from './pages.js';
import type { PageQueue } from './queue.js';

/** What every part of paging reads from: the records, the queue, the way out to Twilio, the clock. */
export interface PagingContext {
  config: Config;
  redis: Redis;
  keys: Keys;
  pages: PageStore;
  directory: DirectoryStore;
  history: HistoryStore;
  messenger: Messenger;
  /** Every page text and call, notice and alert goes out through it, once. */
  outbox: Outbox;
  queue: PageQueue;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
}

/**
 * Runs sends side by side: one failing never stops the others (a clinician's call still goes out
 * when their text fails), and the first failure is rethrown so the job is retried.
 */
export async function sendAll(sends: Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(sends)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}

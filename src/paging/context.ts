import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Metrics } from '../http/metrics.js';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
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
  queue: PageQueue;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
}

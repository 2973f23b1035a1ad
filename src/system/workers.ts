import type { Config } from '../config.js';
import type { Logger } from '../log.js';
import { createLadderStarter, starterConnection } from '../paging/starter.js';
import { createPagingWorker } from '../paging/worker.js';
import type { Keys } from '../store/keys.js';
import { createRedis } from '../store/redis.js';
import type { Services } from './services.js';

/**
 * The worker half: the ladder's starter and the paging worker, the digest's and the check-ins' workers and schedules, and the reconciler, on a
 * connection of their own that blocks and reconnects forever.
 */
export function startWorkers(deps: { config: Config; keys: Keys; services: Services; log: Logger }) {
  const { config, keys, log } = deps;
  const { ladder, acknowledger, digest, checkInScheduler, reconciler } = deps.services;
  const connection = createRedis(config.redisUrl, 'worker');
  // New pages' first steps, run the moment they are raised, on a connection of its own (it blocks).
  const starter = createLadderStarter({ connection: starterConnection(config.redisUrl), keys, ladder, log });
  const worker = createPagingWorker({ connection, keys, ladder, acknowledger, log });
  const digestWorker = digest.startWorker(connection);
  // A connection of its own: an idle worker's blocking wait on the shared one would hold up the paging worker's commands.
  const checkInConnection = createRedis(config.redisUrl, 'worker');
  const checkInWorker = checkInScheduler.startWorker(checkInConnection);
  digest.schedule().catch((error: unknown) => log.error({ err: error }, 'could not schedule the morning digest'));
  checkInScheduler.schedule().catch((error: unknown) => log.error({ err: error }, 'could not schedule the check-ins'));
  reconciler.start();
  return {
    connection,
    async close() {
      await reconciler.close();
      await Promise.all([starter.close(), worker.close(), digestWorker.close(), checkInWorker.close()]);
      connection.disconnect();
      checkInConnection.disconnect();
    },
  };
}

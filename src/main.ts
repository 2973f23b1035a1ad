import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { FailureKind, FailureLimit } from './http/auth-failures.js';
import type { Logger } from './log.js';
import { createMetrics } from './metrics.js';
import { createKeys } from './store/keys.js';
import { checkDurability, createRedis } from './store/redis.js';
import { createHttp } from './system/http.js';
import { createServices } from './system/services.js';
import { createStores } from './system/stores.js';
import { startWorkers } from './system/workers.js';

/** Which halves this process runs: `start` runs both, `web` and `worker` one each. */
export interface Roles {
  web: boolean;
  worker: boolean;
}

export interface SystemOptions {
  config: Config;
  log: Logger;
  roles?: Roles;
  /** The clock every module reads; tests and the demo pass their own. */
  now?: () => Date;
  defaultMetrics?: boolean;
  /** Overrides the limits on failed authentications per address (tests use a short window). */
  failureLimits?: Partial<Record<FailureKind, FailureLimit>>;
}

/**
 * The composition root, read as the system: config → Redis → stores (system/stores.ts) →
 * services (system/services.ts) → the web half (system/http.ts) and the worker half
 * (system/workers.ts). Everything is built there and nowhere else; this file adds the
 * lifecycle, and `close()` takes it down in reverse order.
 */
export function createSystem(options: SystemOptions) {
  const { config, log } = options;
  const roles = options.roles ?? { web: true, worker: true };
  const now = options.now ?? (() => new Date());
  const keys = createKeys(config.redisPrefix);
  const redis = createRedis(config.redisUrl, 'command');
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const stores = createStores({ config, redis, keys, now });
  const services = createServices({ config, redis, keys, stores, metrics, log, now });
  const app = createHttp({ config, redis, keys, stores, services, metrics, log, now, failureLimits: options.failureLimits });

  let server: Server | null = null;
  let workers: ReturnType<typeof startWorkers> | null = null;

  const system = {
    config,
    keys,
    redis,
    metrics,
    ...stores,
    ...services,
    app,
    now,
    /**
     * Waits for Redis, up to a limit. The web half starts answering even when Redis is down,
     * because the voice fallback (safety message and dial) must work without it.
     */
    async connect(timeoutMs = 5_000): Promise<boolean> {
      if (redis.status === 'ready') return true;
      return new Promise<boolean>((resolve) => {
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(() => {
          redis.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        redis.once('ready', onReady);
      });
    },
    /** Warns loudly, once at start, about anything that would lose a page or leave it unheard. */
    async warnAboutSetup() {
      const durability = await checkDurability(redis).catch(() => null);
      for (const warning of durability?.warnings ?? ['Redis did not answer the durability check']) {
        log.warn({ durability: 'unsafe' }, `DATA LOSS RISK: ${warning}`);
      }
      if (!(await stores.oncall.getSchedule().catch(() => null))) {
        log.warn(
          config.fallbackOncallPhone
            ? 'NO ON-CALL SCHEDULE: pages go to FALLBACK_ONCALL_PHONE until one is set (PUT /api/oncall or afterhours import)'
            : 'NO ON-CALL SCHEDULE and no FALLBACK_ONCALL_PHONE: pages reach nobody until one is set (PUT /api/oncall or afterhours import)',
        );
      }
      if (!config.fallbackOncallPhone) log.warn('FALLBACK_ONCALL_PHONE is not set: when Redis is down, callers hear the safety message with no one to dial');
    },
    /** Starts what the roles ask for: the HTTP server on the configured port, the workers. */
    async start(): Promise<void> {
      if (roles.worker) system.startWorkers();
      if (roles.web) {
        // The web half took the outage's contacts on this disk, so it puts them back.
        services.replayer.start();
        await system.listen();
      }
    },
    /** The paging and digest workers and the reconciler (system/workers.ts). */
    startWorkers(): void {
      workers ??= startWorkers({ config, keys, services, log });
    },
    async listen(port = config.port): Promise<number> {
      server = createServer(app);
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, resolve);
      });
      return (server.address() as AddressInfo).port;
    },
    async close() {
      if (server) {
        const closed = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeIdleConnections();
        const forced = setTimeout(() => server?.closeAllConnections(), 5_000);
        await closed;
        clearTimeout(forced);
      }
      await workers?.close();
      await services.close();
      await stores.close();
      redis.disconnect();
    },
  };
  return system;
}

export type System = ReturnType<typeof createSystem>;

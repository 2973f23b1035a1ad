import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Redis } from 'ioredis';
import { createVoiceRoutes } from './calls/voice-routes.js';
import { createCheckInReplyLine } from './checkins/reply-line.js';
import { createCheckInRoutes } from './checkins/routes.js';
import { createCheckInScheduler } from './checkins/scheduler.js';
import { createCheckInStore } from './checkins/store.js';
import { unansweredCheckIns } from './checkins/unanswered.js';
import { createDispositionQuestions } from './dispositions/questions.js';
import { createDispositionReplies } from './dispositions/replies.js';
import { createDispositionRoutes } from './dispositions/routes.js';
import type { Config } from './config.js';
import { createDirectoryRoutes } from './directory/routes.js';
import { createDirectorySchemas } from './directory/schemas.js';
import { createDirectoryStore } from './directory/store.js';
import { createHistoryRoutes } from './history/routes.js';
import { createOptOuts } from './history/opt-outs.js';
import { createHistoryStore } from './history/store.js';
import { createApp, type Readiness } from './http/app.js';
import { createAuditTrail } from './http/audit-trail.js';
import { createAuthFailures, DEFAULT_FAILURE_LIMITS, type FailureKind, type FailureLimit } from './http/auth-failures.js';
import { createMetrics } from './metrics.js';
import { createIntake } from './intake/intake.js';
import type { Logger } from './log.js';
import { createOnCallRoutes } from './oncall/routes.js';
import { createOnCallStore } from './oncall/store.js';
import { createOutbox } from './outbox/index.js';
import { createAcknowledger } from './paging/acknowledge.js';
import { createLadder } from './paging/ladder.js';
import { createPagerReplies } from './paging/pager-replies.js';
import { createPagerRoutes } from './paging/pager-routes.js';
import { createPageStore } from './paging/pages.js';
import { createPageQueue } from './paging/queue.js';
import { createReconciler } from './paging/reconciler.js';
import { createPageRoutes } from './paging/routes.js';
import { createPagingWorker } from './paging/worker.js';
import { createKeys } from './store/keys.js';
import { checkDurability, createRedis } from './store/redis.js';
import { createTextLine } from './texts/conversation.js';
import { createDigest } from './texts/digest.js';
import { createSmsRoutes } from './texts/sms-routes.js';
import { createMessenger, TwilioSendError, type Messenger } from './twilio/client.js';
import { createFallbackRoutes, safetyAnswer } from './twilio/fallback-routes.js';
import { createTwilioWebhooks } from './twilio/webhooks.js';
import { createDegradedLine } from './outage/degraded.js';
import { createSpoolReplayer } from './outage/replay.js';
import { createSpool } from './outage/spool.js';

/** How often the web half looks for outage contacts to replay once Redis answers. */
const SPOOL_REPLAY_INTERVAL_MS = 5_000;

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
  /** Replaces the Twilio client (the demo's stand-in is reached through the real one instead). */
  messenger?: Messenger;
  /** Overrides the limits on failed authentications per address (tests use a short window). */
  failureLimits?: Partial<Record<FailureKind, FailureLimit>>;
}

/** Without a Twilio account nothing can be sent; jobs fail as retryable and wait for one. */
const NO_MESSENGER: Messenger = {
  sendSms: async () => Promise.reject(new TwilioSendError('retryable', null, null)),
  startCall: async () => Promise.reject(new TwilioSendError('retryable', null, null)),
  close: async () => {},
};

/**
 * The composition root: config → Redis → stores → queue → HTTP and workers. Everything is
 * built here and nowhere else, and `close()` takes it down in reverse order.
 */
export function createSystem(options: SystemOptions) {
  const { config, log } = options;
  const roles = options.roles ?? { web: true, worker: true };
  const now = options.now ?? (() => new Date());
  const keys = createKeys(config.redisPrefix);
  const redis = createRedis(config.redisUrl, 'command');
  const metrics = createMetrics({ defaultMetrics: options.defaultMetrics ?? false });
  const schemas = createDirectorySchemas({
    phoneRegion: config.phoneRegion,
    timezone: config.timezone,
    reservedPhones: { TWILIO_PHONE_NUMBER: config.twilio?.phoneNumber, FALLBACK_ONCALL_PHONE: config.fallbackOncallPhone },
  });
  const messenger = options.messenger ?? (config.twilio ? createMessenger(config.twilio, { timeoutMs: config.twilioTimeoutMs, statusCallback: `${config.publicBaseUrl}/twilio/page/status` }) : NO_MESSENGER);

  const directory = createDirectoryStore({ redis, keys, now });
  const history = createHistoryStore({ redis, keys, now });
  const oncall = createOnCallStore({ redis, keys, directory, timezone: config.timezone });
  const audit = createAuditTrail({ redis, keys, retentionDays: config.auditRetentionDays });
  const pages = createPageStore({ redis, keys });
  const queue = createPageQueue({ connection: redis, keys, log });
  const optOuts = createOptOuts({ redis, keys });
  const outbox = createOutbox({ redis, keys, messenger, optOuts, log, now, practiceName: config.practiceName, statusCallback: `${config.publicBaseUrl}/twilio/page/status` });
  const paging = { config, redis, keys, pages, directory, history, optOuts, messenger, outbox, queue, metrics, log, now };
  const ladder = createLadder({ ...paging, oncall });
  const acknowledger = createAcknowledger(paging);
  const intake = createIntake({ history, pages, queue, optOuts, metrics, log, now });
  const spool = createSpool({ dir: config.spoolDir, log });
  const degraded = createDegradedLine({ config, messenger: config.twilio || options.messenger ? messenger : null, spool, log, now });
  const replayer = createSpoolReplayer({ config, redis, keys, spool, directory, intake, log, intervalMs: SPOOL_REPLAY_INTERVAL_MS });
  const checkIns = createCheckInStore({ redis, keys });
  const checkInScheduler = createCheckInScheduler({ config, redis, keys, store: checkIns, directory, outbox, log, now });
  const checkInReplies = createCheckInReplyLine({ store: checkIns, intake, history, optOuts, log, now });
  const dispositionQuestions = createDispositionQuestions({ config, redis, keys, pages, history, directory, outbox, log, now });
  const dispositions = createDispositionReplies({ questions: dispositionQuestions, history, directory, audit, now });
  const pagerReplies = createPagerReplies({ config, pages, directory, acknowledger, ladder, queue });
  const textLine = createTextLine({ config, redis, keys, intake, history, directory, optOuts, log, now });
  const morning = {
    askDispositions: () => dispositionQuestions.ask(),
    unansweredCheckIns: (since: Date, at: Date) => unansweredCheckIns({ store: checkIns, directory, history }, since, at),
  };
  const digest = createDigest({ config, redis, keys, directory, history, outbox, pageQueue: queue, log, now, morning });
  const reconciler = createReconciler({ redis, keys, ladder, onAnswerTimeout: textLine.onAnswerTimeout, log, intervalMs: config.reconcileIntervalMs, now });

  const failures = (kind: FailureKind) =>
    createAuthFailures({ redis, keyPrefix: keys.authFailures(kind), kind, limit: options.failureLimits?.[kind] ?? DEFAULT_FAILURE_LIMITS[kind], metrics, log });
  const safety = { practiceName: config.practiceName, fallbackOncallPhone: config.fallbackOncallPhone };

  const readiness: Readiness = {
    async check() {
      try {
        await redis.ping();
      } catch {
        return { ready: false, redis: 'down', durable: null, warnings: ['Redis does not answer'] };
      }
      const durability = await checkDurability(redis);
      return { ready: true, redis: 'up', durable: durability.safe, warnings: durability.warnings };
    },
  };

  const app = createApp({
    adminToken: config.adminToken,
    metricsToken: config.metricsToken,
    publicBaseUrl: config.publicBaseUrl,
    apiFailures: failures('api'),
    log,
    metrics,
    readiness,
    audit,
    now,
    apiRouters: [
      createDirectoryRoutes({ directory, history, schemas, now }),
      createHistoryRoutes({ history, now, onDisposition: (contact) => dispositionQuestions.closeForContact(contact) }),
      createOnCallRoutes({ oncall, now }),
      createPageRoutes({ pages, directory, acknowledger }),
      createCheckInRoutes({ store: checkIns, directory, timezone: config.timezone, now }),
      createDispositionRoutes({ questions: dispositionQuestions }),
    ],
    // Without an auth token no webhook can be verified, so none is accepted.
    twilio: createTwilioWebhooks({
      authToken: config.twilio?.authToken ?? null,
      publicBaseUrl: config.publicBaseUrl,
      failures: failures('webhook'),
      log,
      safety: safetyAnswer(safety),
      routers: [
        createFallbackRoutes({ degraded }),
        createVoiceRoutes({ config, redis, keys, directory, history, intake, degraded, metrics, log, now }),
        createPagerRoutes({ config, pages, directory, history, outbox, acknowledger, ladder, metrics, log }),
        createSmsRoutes({ config, outbox, directory, pagerReplies, textLine, checkInReplies, dispositions, degraded, metrics, log }),
      ],
    }),
  });

  let server: Server | null = null;
  let workers: { connection: Redis; close(): Promise<void> } | null = null;

  const system = {
    config,
    keys,
    redis,
    metrics,
    schemas,
    directory,
    history,
    optOuts,
    oncall,
    audit,
    pages,
    queue,
    intake,
    ladder,
    acknowledger,
    textLine,
    reconciler,
    spool,
    replayer,
    digest,
    checkIns,
    checkInScheduler,
    dispositionQuestions,
    messenger,
    outbox,
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
      if (!(await oncall.getSchedule().catch(() => null))) {
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
        replayer.start();
        await system.listen();
      }
    },
    /** The paging worker and the reconciler, on a connection of their own that blocks and reconnects forever. */
    startWorkers(): void {
      if (workers) return;
      const connection = createRedis(config.redisUrl, 'worker');
      const worker = createPagingWorker({ connection, keys, ladder, acknowledger, log });
      const digestWorker = digest.startWorker(connection);
      const checkInWorker = checkInScheduler.startWorker(connection);
      digest.schedule().catch((error: unknown) => log.error({ err: error }, 'could not schedule the morning digest'));
      checkInScheduler.schedule().catch((error: unknown) => log.error({ err: error }, 'could not schedule the check-ins'));
      reconciler.start();
      workers = {
        connection,
        async close() {
          await reconciler.close();
          await Promise.all([worker.close(), digestWorker.close(), checkInWorker.close()]);
          connection.disconnect();
        },
      };
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
      await replayer.close();
      await Promise.all([directory.close(), history.close(), oncall.close(), audit.close(), pages.close(), queue.close(), digest.close(), checkInScheduler.close(), messenger.close()]);
      redis.disconnect();
    },
  };
  return system;
}

export type System = ReturnType<typeof createSystem>;

import type { Router } from 'express';
import type { Redis } from 'ioredis';
import { createVoiceRoutes } from '../calls/voice-routes.js';
import { createCheckInRoutes } from '../checkins/routes.js';
import type { Config } from '../config.js';
import { createDispositionRoutes } from '../dispositions/routes.js';
import { createDirectoryRoutes } from '../directory/routes.js';
import { createHistoryRoutes } from '../history/routes.js';
import { createApp, type Readiness } from '../http/app.js';
import { createAuthFailures, DEFAULT_FAILURE_LIMITS, type FailureKind, type FailureLimit } from '../http/auth-failures.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics.js';
import { createOnCallRoutes } from '../oncall/routes.js';
import { createPagerRoutes } from '../paging/pager-routes.js';
import { createPageRoutes } from '../paging/routes.js';
import type { Keys } from '../store/keys.js';
import { checkDurability } from '../store/redis.js';
import { createSmsRoutes } from '../texts/sms-routes.js';
import { createFallbackRoutes, safetyAnswer } from '../twilio/fallback-routes.js';
import { createTwilioWebhooks } from '../twilio/webhooks.js';
import type { Services } from './services.js';
import type { Stores } from './stores.js';

export interface HttpDeps {
  config: Config;
  redis: Redis;
  keys: Keys;
  stores: Stores;
  services: Services;
  metrics: Metrics;
  log: Logger;
  now: () => Date;
  failureLimits?: Partial<Record<FailureKind, FailureLimit>>;
  /** The practice console, mounted under /console. */
  console?: Router;
}

/** The web half: the admin API, the console, the Twilio webhooks (each route given the services it calls), health and metrics. */
export function createHttp(deps: HttpDeps) {
  const { config, redis, keys, metrics, log, now } = deps;
  const { schemas, directory, history, oncall, audit, pages, checkIns } = deps.stores;
  const { intake, degraded, outbox, acknowledger, ladder, pagerReplies, clientTexts, callState, dispositions, dispositionQuestions } = deps.services;
  const failures = (kind: FailureKind) =>
    createAuthFailures({ redis, keyPrefix: keys.authFailures(kind), kind, limit: deps.failureLimits?.[kind] ?? DEFAULT_FAILURE_LIMITS[kind], metrics, log });

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

  return createApp({
    adminToken: config.adminToken,
    metricsToken: config.metricsToken,
    publicBaseUrl: config.publicBaseUrl,
    trustProxy: config.trustProxy,
    apiFailures: failures('api'),
    log,
    metrics,
    readiness,
    audit,
    now,
    console: deps.console,
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
      safety: safetyAnswer({ practiceName: config.practiceName, fallbackOncallPhone: config.fallbackOncallPhone }),
      routers: [
        createFallbackRoutes({ degraded }),
        createVoiceRoutes({ config, callState, directory, history, intake, degraded, metrics, log, now }),
        createPagerRoutes({ config, pages, directory, history, outbox, acknowledger, ladder, metrics, log }),
        createSmsRoutes({ config, outbox, directory, pagerReplies, clientTexts, dispositions, degraded, metrics, log }),
      ],
    }),
  });
}

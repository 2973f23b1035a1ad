import express, { type Express, type RequestHandler, type Router } from 'express';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { actorOf, requireAdminToken } from './admin-auth.js';
import type { AuditTrail } from './audit-trail.js';
import { jsonErrorHandler } from './error-handler.js';
import type { Metrics } from './metrics.js';

export interface Readiness {
  /** Whether Redis answers, and whether it is configured to keep data. */
  check(): Promise<{ ready: boolean; redis: 'up' | 'down'; durable: boolean | null; warnings: string[] }>;
}

export interface AppDeps {
  adminToken: string | null;
  log: Logger;
  metrics: Metrics;
  readiness: Readiness;
  audit: AuditTrail;
  now: () => Date;
  /** Admin routers, mounted under `/api` behind the token and the audit trail. */
  apiRouters: Router[];
  /** Twilio webhooks, mounted under `/twilio` behind the signature check; each answers its own errors with safe TwiML. */
  twilioRouters: Router[];
  /** The signature check for every `/twilio` request. */
  twilioSignature: RequestHandler;
}

function recordTypeOf(path: string): string {
  return path.split('/').filter(Boolean)[0]?.replace(/s$/, '') ?? 'unknown';
}

/** Builds the HTTP surface: operations endpoints, Twilio webhooks, and the audited admin API. */
export function createApp(deps: AppDeps): Express {
  const { log, metrics, readiness, audit, now } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use((req, res, next) => {
    const stop = metrics.httpRequests.startTimer();
    res.on('finish', () => stop({ route: req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched', status: String(res.statusCode) }));
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const state = await readiness.check();
    res.status(state.ready ? 200 : 503).json(state);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  app.use('/twilio', express.urlencoded({ extended: false, limit: '64kb' }), deps.twilioSignature, ...deps.twilioRouters);

  const api = express.Router();
  api.use((req, res, next) => {
    res.locals.actor = actorOf(req.get('x-actor'));
    res.on('finish', () => {
      const path = req.route ? String(req.route.path) : req.originalUrl.split('?')[0]!.replace(/^\/api/, '');
      const recordId = (req.params as Record<string, string | undefined>).id ?? (typeof req.query.clientId === 'string' ? req.query.clientId : null);
      audit
        .append({
          at: now().toISOString(),
          actor: res.statusCode === 401 ? 'unauthenticated' : String(res.locals.actor),
          action: `${req.method} /api${path}`,
          recordType: recordTypeOf(path),
          recordId: recordId && /^[\w-]{1,64}$/.test(recordId) ? recordId : null,
          status: res.statusCode,
        })
        .catch((err: unknown) => log.error({ err }, 'audit append failed'));
    });
    next();
  });
  api.use(requireAdminToken(deps.adminToken));
  api.use(express.json({ limit: '256kb' }));
  api.get('/audit', async (req, res) => {
    const since = typeof req.query.since === 'string' && !Number.isNaN(Date.parse(req.query.since)) ? new Date(req.query.since) : undefined;
    res.type('application/x-ndjson');
    for await (const line of audit.exportLines(since)) res.write(`${line}\n`);
    res.end();
  });
  for (const router of deps.apiRouters) api.use(router);
  api.use((_req, _res, next) => {
    next(new AppError(404, 'not_found', 'no such endpoint'));
  });
  app.use('/api', api);

  app.use(jsonErrorHandler(log));
  return app;
}

import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { z } from 'zod';
import { isoTime, parseOrThrow } from '../validation.js';
import { AppError } from '../errors.js';
import type { Logger } from '../log.js';
import { requireAdminToken } from './admin-auth.js';
import { auditRequests, type AuditTrail } from './audit-trail.js';
import type { AuthFailures } from './auth-failures.js';
import { jsonErrorHandler } from './error-handler.js';
import type { Metrics } from '../metrics.js';
import { createOperationsRoutes, type Readiness } from './operations.js';

export type { Readiness };

const auditQuery = z.strictObject({ since: isoTime.optional() });

export interface AppDeps {
  adminToken: string | null;
  metricsToken: string | null;
  /** Where Twilio reaches the product: HSTS is sent when it is https. */
  publicBaseUrl: string;
  log: Logger;
  metrics: Metrics;
  readiness: Readiness;
  audit: AuditTrail;
  /** Failed admin-token checks, counted and limited per address. */
  apiFailures: AuthFailures;
  now: () => Date;
  /** Admin routers, mounted under `/api` behind the token and the audit trail. */
  apiRouters: Router[];
  /** Everything under `/twilio`: signature check, webhooks, safety answers (see createTwilioWebhooks). */
  twilio: Router;
}

/** Builds the HTTP surface: operations endpoints, Twilio webhooks, and the audited admin API. */
export function createApp(deps: AppDeps): Express {
  const { log, metrics, audit, now } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);

  app.use((req, res, next) => {
    const stop = metrics.httpRequests.startTimer();
    res.on('finish', () => stop({ route: req.route ? `${req.baseUrl}${req.route.path}` : 'unmatched', status: String(res.statusCode) }));
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { 'frame-ancestors': ["'none'"] } },
      frameguard: { action: 'deny' },
      // HSTS only where it means something: over https, for this host alone.
      strictTransportSecurity: deps.publicBaseUrl.startsWith('https:') ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    }),
  );

  app.use(createOperationsRoutes({ metrics, readiness: deps.readiness, metricsToken: deps.metricsToken }));
  app.use('/twilio', deps.twilio);

  const api = express.Router();
  api.use((_req, res, next) => {
    // Answers carry client data: no browser or proxy may keep them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(requireAdminToken(deps.adminToken, deps.apiFailures));
  api.use(auditRequests({ audit, log, now }));
  api.use(express.json({ limit: '256kb' }));
  api.get('/audit', async (req, res) => {
    const { since } = parseOrThrow(auditQuery, req.query);
    res.type('application/x-ndjson');
    for await (const line of audit.exportLines(since)) res.write(`${line}\n`);
    res.end();
  });
  for (const router of deps.apiRouters) api.use(router);
  api.use((_req, _res, next) => {
    next(new AppError(404, 'not_found', 'no such endpoint'));
  });
  app.use('/api', api);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'no such endpoint' });
  });

  app.use(jsonErrorHandler(log));
  return app;
}

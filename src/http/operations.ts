import { Router } from 'express';
import { bearerCheck } from './admin-auth.js';
import type { Metrics } from '../metrics.js';

export interface Readiness {
  /** Whether Redis answers, and whether it is configured to keep data. */
  check(): Promise<{ ready: boolean; redis: 'up' | 'down'; durable: boolean | null; warnings: string[] }>;
}

/**
 * `/healthz`, `/readyz` and `/metrics`. The public learns only whether the process is up and
 * ready; counts of pages and contacts, and the reasons behind readiness, need
 * `Authorization: Bearer $METRICS_TOKEN`. Without the token `/metrics` is a 404, as if it did
 * not exist, so a scanner learns nothing from it.
 */
export function createOperationsRoutes(deps: { metrics: Metrics; readiness: Readiness; metricsToken: string | null }): Router {
  const { metrics, readiness } = deps;
  const authorized = bearerCheck(deps.metricsToken);
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    const state = await readiness.check();
    res.status(state.ready ? 200 : 503).set('Cache-Control', 'no-store');
    res.json(authorized(req) ? state : { ready: state.ready });
  });
  router.get('/metrics', async (req, res, next) => {
    if (!authorized(req)) {
      next();
      return;
    }
    res.set('Cache-Control', 'no-store').type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

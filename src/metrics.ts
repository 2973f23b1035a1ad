import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The product's Prometheus metrics, on a registry of its own (no global state between instances). */
export function createMetrics(options: { defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: 'afterhours_' });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'afterhours_http_request_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
      registers: [registry],
    }),
    contacts: new Counter({
      name: 'afterhours_contacts_total',
      help: 'Out-of-session contacts recorded, by channel and claimed urgency',
      labelNames: ['channel', 'urgency'],
      registers: [registry],
    }),
    pages: new Counter({
      name: 'afterhours_pages_total',
      help: 'Pages raised, by priority',
      labelNames: ['priority'],
      registers: [registry],
    }),
    pageEvents: new Counter({
      name: 'afterhours_page_events_total',
      help: 'Paging events: step sent, acknowledged, exhausted, delivery failed',
      labelNames: ['event'],
      registers: [registry],
    }),
    authFailures: new Counter({
      name: 'afterhours_auth_failures_total',
      help: 'Requests refused for a missing or wrong credential: api (admin token), webhook (Twilio signature)',
      labelNames: ['kind'],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'afterhours_rate_limited_total',
      help: 'Requests answered 429 because their address failed to authenticate too often',
      labelNames: ['kind'],
      registers: [registry],
    }),
    fallbacks: new Counter({
      name: 'afterhours_fallback_answers_total',
      help: 'Calls and texts answered with the no-Redis safety fallback',
      labelNames: ['reason'],
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

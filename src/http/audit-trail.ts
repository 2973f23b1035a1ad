import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import { defineScript } from '../store/scripts.js';
import { actorOf } from './admin-auth.js';

/** One line of the audit trail: who touched which record, how, and when. No names, numbers or words. */
export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  recordType: string;
  recordId: string | null;
  status: number;
}

export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
  /** The trail from `since` on, oldest first, as JSON lines. */
  exportLines(since?: Date): AsyncGenerator<string>;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * An append-only Redis stream, ordered by stream id even when two entries land in the same
 * millisecond. Entries are never rewritten; they leave only by age, after `retentionDays`.
 */
export function createAuditTrail(deps: { redis: Redis; keys: Keys; retentionDays: number }): AuditTrail {
  const { redis, keys } = deps;
  const append = defineScript<'ok'>(redis, 'audit-append-1.lua');
  return {
    async append(entry) {
      await append([keys.audit], [deps.retentionDays * DAY_MS, JSON.stringify(entry)]);
    },
    async *exportLines(since) {
      let start = since ? String(since.getTime()) : '-';
      for (;;) {
        const batch = await redis.xrange(keys.audit, start, '+', 'COUNT', 500);
        for (const [, fields] of batch) yield fields[1]!;
        if (batch.length < 500) return;
        start = `(${batch.at(-1)![0]}`;
      }
    },
    async close() {},
  };
}

const ID = /^[\w-]{1,64}$/;

/**
 * Writes one audit entry per authenticated admin request, when its answer is finished. Mounted
 * after the token check, so nothing an unauthenticated caller does reaches the trail; every
 * field is bounded: the route's pattern (never the requested path), a checked actor and id.
 */
export function auditRequests(deps: { audit: AuditTrail; log: Logger; now: () => Date }): RequestHandler {
  return (req, res, next) => {
    res.locals.actor = actorOf(req.get('x-actor'));
    res.on('finish', () => {
      const path = req.route ? String(req.route.path) : '/(no such endpoint)';
      const recordId = (req.params as Record<string, string | undefined>).id ?? (typeof req.query.clientId === 'string' ? req.query.clientId : null);
      deps.audit
        .append({
          at: deps.now().toISOString(),
          actor: String(res.locals.actor),
          action: `${req.method} /api${path}`,
          recordType: req.route ? (path.split('/').filter(Boolean)[0]?.replace(/s$/, '') ?? 'unknown') : 'unknown',
          recordId: recordId && ID.test(recordId) ? recordId : null,
          status: res.statusCode,
        })
        .catch((err: unknown) => deps.log.error({ err }, 'audit append failed'));
    });
    next();
  };
}

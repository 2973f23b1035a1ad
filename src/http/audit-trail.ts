import type { Redis } from 'ioredis';
import type { Keys } from '../store/keys.js';

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

/**
 * An append-only Redis stream: entries are never rewritten or trimmed by the product, and a
 * stream id orders them even when two land in the same millisecond.
 */
export function createAuditTrail(deps: { redis: Redis; keys: Keys }): AuditTrail {
  const { redis, keys } = deps;
  return {
    async append(entry) {
      await redis.xadd(keys.audit, '*', 'entry', JSON.stringify(entry));
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

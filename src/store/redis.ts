import { Redis, type RedisOptions } from 'ioredis';

/**
 * The two kinds of connection the product makes. `command` serves webhooks and the admin API:
 * it fails fast (no offline queue, one retry) so a caller falls back to the safety dial within
 * seconds instead of waiting on a dead Redis. `worker` is for BullMQ workers, which must block
 * and reconnect forever (`maxRetriesPerRequest: null`, as BullMQ requires).
 */
export type ConnectionRole = 'command' | 'worker';

export function createRedis(url: string, role: ConnectionRole, overrides: RedisOptions = {}): Redis {
  const options: RedisOptions =
    role === 'worker'
      ? { maxRetriesPerRequest: null, enableReadyCheck: true }
      : {
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          connectTimeout: 1_000,
          commandTimeout: 1_500,
          retryStrategy: (times) => Math.min(times * 200, 2_000),
          // Concurrent webhooks' commands go out together in one write per tick.
          enableAutoPipelining: true,
        };
  const redis = new Redis(url, { lazyConnect: false, ...options, ...overrides });
  // Connection errors are reported through readiness and request failures; without a listener
  // ioredis would print every reconnect attempt as an unhandled error event.
  redis.on('error', () => {});
  return redis;
}

/** What Redis says about keeping data: an afterhours Redis must persist and never evict. */
export interface Durability {
  appendonly: string | null;
  maxmemoryPolicy: string | null;
  safe: boolean;
  warnings: string[];
}

async function configValue(redis: Redis, name: string): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', name)) as string[];
    return reply[1] ?? null;
  } catch {
    return null; // managed Redis services often disable CONFIG
  }
}

/**
 * Reads `appendonly` and `maxmemory-policy`. A Redis that does not write an append-only file
 * loses queued pages on restart; one that evicts keys can drop a page record under memory
 * pressure. Either is a warning the operator must see.
 */
export async function checkDurability(redis: Redis): Promise<Durability> {
  const [appendonly, maxmemoryPolicy, appendfsync] = await Promise.all([
    configValue(redis, 'appendonly'),
    configValue(redis, 'maxmemory-policy'),
    configValue(redis, 'appendfsync'),
  ]);
  const warnings: string[] = [];
  if (appendonly !== 'yes') {
    warnings.push(
      appendonly === null
        ? 'cannot read Redis appendonly setting: make sure the server persists with appendonly yes'
        : 'Redis appendonly is off: a Redis restart loses open pages and queued escalations',
    );
  }
  if (appendonly === 'yes' && appendfsync !== null && appendfsync !== 'always') {
    // measured by the fault suite: a host crash under everysec lost about a second of pages and claims
    warnings.push(`Redis appendfsync is ${appendfsync}: a crash of the Redis host can lose the last second of pages and claims; use appendfsync always`);
  }
  if (maxmemoryPolicy !== 'noeviction') {
    warnings.push(
      maxmemoryPolicy === null
        ? 'cannot read Redis maxmemory-policy: make sure it is noeviction'
        : `Redis maxmemory-policy is ${maxmemoryPolicy}: under memory pressure Redis may evict page records; use noeviction`,
    );
  }
  return { appendonly, maxmemoryPolicy, safe: warnings.length === 0, warnings };
}

/**
 * Deletes every key under a prefix, with its own short-lived connection: the demo cleans up its
 * practice this way, and tests and benches theirs. Never called on a live practice's prefix.
 */
export async function deleteKeysUnder(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
      cursor = next;
      if (found.length > 0) await redis.unlink(...found);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Whether a Redis answers PING at this URL now, with a connection of its own that gives up at once. */
export async function redisAnswers(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 1_500, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => {});
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

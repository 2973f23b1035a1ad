import { Writable } from 'node:stream';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSystem } from '../../src/main.js';
import { checkDurability, createRedis } from '../../src/store/redis.js';
import { ADMIN_TOKEN, dropPrefix, REDIS_URL, testConfig, testSystem, type TestSystem } from '../support/system.js';

const METRICS_TOKEN = 'test-metrics-token-0123456789';
let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem({ vars: { METRICS_TOKEN } });
});
afterEach(() => sys.teardown());

describe('operations endpoints', () => {
  it('when the process is up, then /healthz answers ok', async () => {
    await request(sys.app).get('/healthz').expect(200, { status: 'ok' });
  });

  it('when Redis answers, then /readyz tells the public only that it is ready, and the token holder whether Redis keeps data', async () => {
    const open = await request(sys.app).get('/readyz').expect(200);
    expect(open.body).toEqual({ ready: true });
    const durability = await checkDurability(sys.redis);
    const res = await request(sys.app).get('/readyz').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.body).toEqual({ ready: true, redis: 'up', durable: durability.safe, warnings: durability.warnings });
    if (durability.appendonly === 'no') expect(res.body.warnings.join(' ')).toContain('appendonly is off');
    await request(sys.app).get('/readyz').set('Authorization', 'Bearer not-the-metrics-token').expect(200, { ready: true });
  });

  it('when Redis is configured to keep data, then no warning is given', async () => {
    const redis = createRedis(REDIS_URL, 'worker');
    const saved = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const savedAof = (await redis.config('GET', 'appendonly')) as string[];
    const savedFsync = (await redis.config('GET', 'appendfsync')) as string[];
    try {
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      expect((await checkDurability(redis)).warnings).toContain('Redis maxmemory-policy is allkeys-lru: under memory pressure Redis may evict page records; use noeviction');
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      await redis.config('SET', 'appendonly', 'yes');
      await redis.config('SET', 'appendfsync', 'everysec');
      expect((await checkDurability(redis)).warnings).toEqual([expect.stringContaining('appendfsync is everysec')]);
      await redis.config('SET', 'appendfsync', 'always');
      expect(await checkDurability(redis)).toMatchObject({ safe: true, warnings: [] });
    } finally {
      await redis.config('SET', 'maxmemory-policy', saved[1]!);
      await redis.config('SET', 'appendfsync', savedFsync[1]!);
      await redis.config('SET', 'appendonly', savedAof[1]!);
      redis.disconnect();
    }
  });

  it('when Redis does not answer, then /readyz says 503, with the reason for the token holder', async () => {
    sys.redis.disconnect();
    await request(sys.app).get('/readyz').expect(503, { ready: false });
    const res = await request(sys.app).get('/readyz').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(503);
    expect(res.body).toMatchObject({ ready: false, redis: 'down' });
  });

  it('when metrics are scraped with the token, then Prometheus text with request timings is served', async () => {
    await request(sys.app).get('/healthz');
    const res = await request(sys.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(res.text).toContain('afterhours_http_request_seconds_bucket');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('when metrics are asked for without the token, with a wrong one, or with no token configured, then 404 as if they did not exist', async () => {
    await request(sys.app).get('/metrics').expect(404);
    await request(sys.app).get('/metrics').set('Authorization', 'Bearer not-the-metrics-token').expect(404);
    await request(sys.app).get('/metrics').set('Authorization', `Bearer ${ADMIN_TOKEN}`).expect(404);
    const untokened = await testSystem();
    try {
      await request(untokened.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(404);
      await request(untokened.app).get('/readyz').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200, { ready: true });
    } finally {
      await untokened.teardown();
    }
  });

  it('when Redis does not persist, no schedule is set and no fallback number is configured, then each is warned about loudly', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = testConfig();
    const sys = createSystem({ config, log: createLogger({ level: 'warn', destination }) });
    await sys.connect();
    const saved = ((await sys.redis.config('GET', 'maxmemory-policy')) as string[])[1]!;
    try {
      await sys.redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      await sys.warnAboutSetup();
      const text = lines.join('');
      expect(text).toContain('DATA LOSS RISK: Redis maxmemory-policy is allkeys-lru');
      expect(text).toContain('NO ON-CALL SCHEDULE and no FALLBACK_ONCALL_PHONE');
      expect(text).toContain('FALLBACK_ONCALL_PHONE is not set');
    } finally {
      await sys.redis.config('SET', 'maxmemory-policy', saved);
      await sys.close();
      await dropPrefix(config.redisPrefix);
    }
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';
import { createSystem } from '../src/main.js';
import { dropPrefix, testConfig } from './support/system.js';

describe('warnings at start', () => {
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

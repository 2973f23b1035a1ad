import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { createSystem, type System, type SystemOptions } from '../../src/main.js';
import { deleteKeysUnder } from '../../src/store/redis.js';
import { dueMember } from '../../src/store/keys.js';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A config over a unique key prefix, so test files never see each other's data. */
export function testConfig(vars: Record<string, string> = {}): Config {
  return loadConfig({
    REDIS_URL,
    REDIS_PREFIX: `t-${randomBytes(6).toString('hex')}`,
    ADMIN_TOKEN,
    PUBLIC_BASE_URL: 'https://afterhours.test',
    PRACTICE_NAME: 'Riverside Psychiatry',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SPOOL_DIR: mkdtempSync(join(tmpdir(), 'afterhours-spool-')),
    ...vars,
  });
}

/** Deletes every key under a prefix. */
export const dropPrefix = (prefix: string) => deleteKeysUnder(REDIS_URL, prefix);

export interface TestSystem extends System {
  api: (method: 'get' | 'put' | 'post' | 'delete', path: string, body?: unknown) => request.Test;
  teardown(): Promise<void>;
}

/** A whole system on a fresh prefix, with an authenticated admin client for its API. */
export async function testSystem(options: { vars?: Record<string, string>; now?: () => Date } & Partial<Pick<SystemOptions, 'failureLimits' | 'log' | 'signInLimits'>> = {}): Promise<TestSystem> {
  const config = testConfig(options.vars);
  const system = createSystem({ config, log: options.log ?? createLogger({ level: config.logLevel }), now: options.now, failureLimits: options.failureLimits, signInLimits: options.signInLimits });
  if (!(await system.connect())) throw new Error(`no Redis answers at ${REDIS_URL}`);
  return Object.assign(system, {
    api(method: 'get' | 'put' | 'post' | 'delete', path: string, body?: unknown) {
      const req = request(system.app)[method](path).set('Authorization', `Bearer ${ADMIN_TOKEN}`);
      return body === undefined ? req : req.send(body as object);
    },
    async teardown() {
      await system.close();
      await dropPrefix(config.redisPrefix);
    },
  });
}

/**
 * How many times a page's first step waits to be started: pushed for a worker to pop (and due,
 * for the reconciler) when the page is created. 1 once the page exists and no worker took it yet.
 */
export async function firstStepWaiting(sys: System, pageId: string): Promise<number> {
  const member = dueMember(pageId, 0);
  const [pushed, due] = await Promise.all([sys.redis.lrange(sys.keys.pagesToStart, 0, -1), sys.redis.zscore(sys.keys.dueSteps, member)]);
  return due === null ? 0 : pushed.filter((m) => m === member).length;
}

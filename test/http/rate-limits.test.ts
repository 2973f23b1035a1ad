import { Writable } from 'node:stream';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressKey } from '../../src/http/auth-failures.js';
import { createLogger } from '../../src/log.js';
import { createSystem } from '../../src/main.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';

const METRICS_TOKEN = 'test-metrics-token-0123456789';
const limits = (windowSeconds: number) => ({ api: { failures: 3, windowSeconds }, webhook: { failures: 3, windowSeconds } });
const LIMITS = limits(60);
const lines: string[] = [];
const destination = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let sys: TestSystem;
const start = (failureLimits = LIMITS) => testSystem({ vars: { ...TWILIO_VARS, METRICS_TOKEN }, failureLimits, log: createLogger({ level: 'warn', destination }) });
beforeEach(async () => {
  lines.length = 0;
  sys = await start();
});
afterEach(() => sys.teardown());

/** The release tests run with a 2-second window (set through the system's deps), then wait it out. */
async function shortWindow(): Promise<void> {
  await sys.teardown();
  sys = await start(limits(2));
}
const windowPasses = () => new Promise((r) => setTimeout(r, 2_100));
const call = { CallSid: `CA${'8'.repeat(32)}`, From: '+16175550202', To: TWILIO_VARS.TWILIO_PHONE_NUMBER };
const wrongToken = (app = sys.app) => request(app).get('/api/clinicians').set('Authorization', 'Bearer wrong-token-0123456789');
const unsigned = (app = sys.app) => request(app).post('/twilio/voice').type('form').send(call);
const counters = async () => (await sys.redis.keys(`${sys.keys.prefix}:auth-failures:*`)).sort();

describe('rate limits on failed authentication', () => {
  it('when one address fails the admin token too often, then 429 (even with the right token) until the window ends', async () => {
    await shortWindow();
    for (let i = 0; i < 3; i++) await wrongToken().expect(401);
    const limited = await wrongToken().expect(429);
    expect(limited.body).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.headers['cache-control']).toBe('no-store');
    await sys.api('get', '/api/clinicians').expect(429);
    await request(sys.app).get('/api/clinicians').expect(429);

    await windowPasses();
    await sys.api('get', '/api/clinicians').expect(200);
    await wrongToken().expect(401);
  });

  it('when one address sends unsigned or wrongly signed webhooks too often, then 429 until the window ends, while signed ones from it still get through', async () => {
    await shortWindow();
    for (let i = 0; i < 2; i++) await unsigned().expect(403);
    await signedPost(sys.app, '/twilio/voice', call, { token: 'forged' }).expect(403);
    const limited = await unsigned().expect(429);
    expect(limited.type).toBe('text/plain');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 3; i++) {
      const res = await signedPost(sys.app, '/twilio/voice', call).expect(200);
      expect(res.text).toContain('<Gather');
    }

    await windowPasses();
    await unsigned().expect(403);
  });

  it('when failures arrive at two web processes sharing Redis, then they count together', async () => {
    const other = createSystem({ config: sys.config, log: createLogger({ level: 'silent' }), failureLimits: LIMITS });
    try {
      await other.connect();
      await wrongToken().expect(401);
      await wrongToken(other.app).expect(401);
      await wrongToken().expect(401);
      await wrongToken(other.app).expect(429);
      await request(other.app).post('/twilio/voice').type('form').send(call).expect(403);
    } finally {
      await other.close();
    }
  });

  it('when an address fails many times, then Redis holds one counter per kind with the window as its TTL, the failures are counted in metrics and logged once', async () => {
    for (let i = 0; i < 40; i++) {
      await wrongToken();
      await unsigned();
    }
    expect(await counters()).toEqual([`${sys.keys.prefix}:auth-failures:api:127.0.0.1`, `${sys.keys.prefix}:auth-failures:webhook:127.0.0.1`]);
    for (const key of await counters()) {
      expect(await sys.redis.pttl(key)).toBeGreaterThan(0);
      expect(await sys.redis.pttl(key)).toBeLessThanOrEqual(60_000);
    }
    const metrics = (await request(sys.app).get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200)).text;
    expect(metrics).toContain('afterhours_auth_failures_total{kind="api"} 4');
    expect(metrics).toContain('afterhours_auth_failures_total{kind="webhook"} 40');
    expect(metrics).toContain('afterhours_rate_limited_total{kind="api"} 37');
    expect(metrics).toContain('afterhours_rate_limited_total{kind="webhook"} 37');
    const refusals = lines.filter((l) => l.includes('refused a request'));
    expect(refusals).toHaveLength(2);
  });

  it('when X-Forwarded-For names other addresses, then it is ignored unless TRUST_PROXY trusts the proxy, and then each forwarded address has its own count', async () => {
    // Not trusted: a forged header cannot pick a fresh address for each try.
    for (let i = 0; i < 3; i++) await wrongToken().set('X-Forwarded-For', `203.0.113.${i + 1}`).expect(401);
    await wrongToken().set('X-Forwarded-For', '203.0.113.99').expect(429);

    await sys.teardown();
    sys = await testSystem({ vars: { ...TWILIO_VARS, METRICS_TOKEN, TRUST_PROXY: 'loopback' }, failureLimits: LIMITS, log: createLogger({ level: 'warn', destination }) });
    for (let i = 0; i < 3; i++) await wrongToken().set('X-Forwarded-For', '203.0.113.7').expect(401);
    await wrongToken().set('X-Forwarded-For', '203.0.113.7').expect(429);
    // Another client behind the same proxy is not locked out by the first one's failures.
    await sys.api('get', '/api/clinicians').set('X-Forwarded-For', '203.0.113.8').expect(200);
  });

  it('when addresses are keyed, then IPv4 stands alone and IPv6 counts by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey(undefined)).toBe('unknown');
    expect(addressKey('not an address')).toBe('unknown');
  });
});

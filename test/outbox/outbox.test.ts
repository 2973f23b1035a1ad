import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createOptOuts } from '../../src/history/opt-outs.js';
import { createLogger } from '../../src/log.js';
import { createOutbox, type SendKey } from '../../src/outbox/index.js';
import { createKeys } from '../../src/store/keys.js';
import { TwilioSendError, type Messenger, type OutboundCall } from '../../src/twilio/client.js';
import { dropPrefix, REDIS_URL } from '../support/system.js';

const CLIENT = '+16175550142';
const CLINICIAN = '+16175550177';

/** A messenger that records what it was asked to send and fails as told. */
function fakeMessenger() {
  const sent: { to: string; body?: string; call?: OutboundCall }[] = [];
  const failures: TwilioSendError[] = [];
  let n = 0;
  const next = () => {
    const failure = failures.shift();
    if (failure) throw failure;
    return `SM${String(++n).padStart(32, '0')}`;
  };
  const messenger: Messenger = {
    async sendSms(to, body) {
      const sid = next();
      sent.push({ to, body });
      return sid;
    },
    async startCall(call) {
      const sid = next();
      sent.push({ to: call.to, call });
      return sid;
    },
    async close() {},
  };
  return { messenger, sent, failures };
}

const redis = new Redis(REDIS_URL);
const prefix = `t-${randomBytes(6).toString('hex')}`;
const keys = createKeys(prefix);
const optOuts = createOptOuts({ redis, keys });
const lines: string[] = [];
const log = createLogger({
  level: 'info',
  destination: new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  }),
});

function outboxWith(messenger: Messenger, client: Redis = redis) {
  return createOutbox({ redis: client, keys, messenger, optOuts, log, now: () => new Date('2026-03-02T07:00:00Z'), practiceName: 'Riverside Psychiatry', statusCallback: 'https://afterhours.test/twilio/page/status' });
}

let seq = 0;
const key = (scope: SendKey['scope'] = 'page-notices'): SendKey => ({ scope, id: `pg_${++seq}`, field: 'c1' });

beforeEach(() => {
  lines.length = 0;
});
afterAll(async () => {
  redis.disconnect();
  await dropPrefix(prefix);
});

describe('outbox: each send once', () => {
  it('when the same send is asked for twice, then it goes out once and the second is a duplicate', async () => {
    const { messenger, sent } = fakeMessenger();
    const outbox = outboxWith(messenger);
    const k = key();
    const message = { kind: 'taken-notice', to: CLINICIAN, code: '4821', taker: 'Dr. Ames', at: '2026-03-02T07:00:00Z', timezone: 'America/New_York' } as const;
    expect(await outbox.sendOnce(k, message)).toMatchObject({ status: 'sent' });
    expect(await outbox.sendOnce(k, message)).toEqual({ status: 'duplicate' });
    expect(sent.map((s) => s.body)).toEqual(['afterhours page 4821 was taken by Dr. Ames at 2:00 AM. No action needed.']);
  });

  it('invariant 6: when Redis writes a claim but its answer is lost, then the run knows the claim as its own and sends, once', async () => {
    const { messenger, sent } = fakeMessenger();
    let cut = true;
    // The first HSETNX reaches Redis, and its answer never comes back.
    const lossy = new Proxy(redis, {
      get(target, name, receiver) {
        if (name === 'hsetnx' && cut) {
          return async (...args: [string, string, string]) => {
            cut = false;
            await target.hsetnx(...args);
            throw new Error('Connection is closed.');
          };
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const outbox = outboxWith(messenger, lossy);
    expect(await outbox.sendOnce(key(), { kind: 'digest', to: CLINICIAN, count: 2, contactsUrl: 'https://example.org/console/contacts' })).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
  });

  it('invariant 6: when Twilio does not take a send (retryable), then the claim is released and the error thrown, so a retry sends it', async () => {
    const { messenger, sent, failures } = fakeMessenger();
    const outbox = outboxWith(messenger);
    failures.push(new TwilioSendError('retryable', 20500, 500));
    const k = key();
    await expect(outbox.sendOnce(k, { kind: 'digest', to: CLINICIAN, count: 1, contactsUrl: 'https://example.org/console/contacts' })).rejects.toThrow(TwilioSendError);
    expect(await redis.hget(keys.sends(k.scope, k.id), k.field)).toBeNull();
    expect(await outbox.sendOnce(k, { kind: 'digest', to: CLINICIAN, count: 1, contactsUrl: 'https://example.org/console/contacts' })).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
  });

  it.each([
    ['invalid-number', 21211, 'failed'],
    ['rejected', 30007, 'failed'],
    ['unknown', null, 'unknown'],
  ] as const)('when Twilio fails a send as %s, then the outcome says so, the record keeps it, and it is not resent', async (kind, code, delivery) => {
    const { messenger, sent, failures } = fakeMessenger();
    const outbox = outboxWith(messenger);
    failures.push(new TwilioSendError(kind, code, code ? 400 : null));
    const k = key('page-steps');
    expect(await outbox.sendOnce(k, { kind: 'page-call', to: CLINICIAN, url: 'https://afterhours.test/twilio/page/voice' })).toEqual({ status: 'failed', kind });
    expect(JSON.parse((await redis.hget(keys.sends(k.scope, k.id), k.field))!)).toMatchObject({ channel: 'voice', delivery, sid: null });
    expect(await outbox.sendOnce(k, { kind: 'page-call', to: CLINICIAN, url: 'https://afterhours.test/twilio/page/voice' })).toEqual({ status: 'duplicate' });
    expect(sent).toHaveLength(0);
  });

  it('when no number is on file, then the send is recorded as failed, not dropped unseen', async () => {
    const outbox = outboxWith(fakeMessenger().messenger);
    const k = key('page-steps');
    expect(await outbox.sendOnce({ ...k, meta: { step: 0, tier: 'primary', clinicianId: 'c1' } }, { kind: 'page-call', to: null, url: 'https://afterhours.test/x' })).toEqual({ status: 'failed', kind: 'no-phone' });
    expect(JSON.parse((await redis.hget(keys.sends(k.scope, k.id), k.field))!)).toMatchObject({ step: 0, tier: 'primary', clinicianId: 'c1', delivery: 'failed', error: 'no phone on file' });
  });
});

describe('outbox: STOP means stop (invariant 9)', () => {
  it('invariant 9: when a client number texted STOP, then a text to the client is suppressed unclaimed, while a clinician text to the same number still goes', async () => {
    const { messenger, sent } = fakeMessenger();
    const outbox = outboxWith(messenger);
    await optOuts.add(CLIENT);
    const k = key();
    expect(await outbox.sendOnce(k, { kind: 'client-still-trying', to: CLIENT, language: 'es' })).toEqual({ status: 'suppressed' });
    expect(await outbox.sendOnce(key(), { kind: 'check-in', to: CLIENT, language: 'en', wording: 'standard' })).toEqual({ status: 'suppressed' });
    expect(await redis.hget(keys.sends(k.scope, k.id), k.field)).toBeNull();
    // A clinician's page is never dropped for the set: Twilio refuses it (21610) and the ladder calls instead.
    expect(await outbox.sendOnce(key('page-steps'), { kind: 'exhausted-alert', to: CLIENT, page: { code: '4821', priority: 'high' }, rounds: 2 })).toMatchObject({ status: 'sent' });
    expect(sent).toHaveLength(1);
    await optOuts.remove(CLIENT);
  });

  it('invariant 9: when Twilio reports a client opted out (21610), then the number joins the opt-outs and gets nothing more', async () => {
    const { messenger, failures } = fakeMessenger();
    const outbox = outboxWith(messenger);
    failures.push(new TwilioSendError('opted-out', 21610, 400));
    expect(await outbox.sendOnce(key(), { kind: 'client-page-taken', to: CLIENT, language: 'en' })).toEqual({ status: 'failed', kind: 'opted-out' });
    expect(await optOuts.has(CLIENT)).toBe(true);
    expect(await outbox.sendOnce(key(), { kind: 'check-in', to: CLIENT, language: 'en', wording: 'standard' })).toEqual({ status: 'suppressed' });
    await optOuts.remove(CLIENT);
  });
});

describe('outbox: secrets and delivery', () => {
  it('when a sign-in code is sent, then it reaches the phone and nothing stored or logged holds it', async () => {
    const { messenger, sent, failures } = fakeMessenger();
    const outbox = outboxWith(messenger);
    const k = key('sign-in');
    expect(await outbox.sendOnce(k, { kind: 'sign-in-code', to: CLINICIAN, code: '739215', minutes: 10 })).toMatchObject({ status: 'sent' });
    failures.push(new TwilioSendError('rejected', 30007, 400));
    await outbox.sendOnce(key('sign-in'), { kind: 'sign-in-code', to: CLINICIAN, code: '739215', minutes: 10 });
    expect(sent[0]!.body).toContain('739215');
    const stored = await redis.hgetall(keys.sends(k.scope, k.id));
    expect(JSON.stringify(stored)).not.toContain('739215');
    expect(lines.join('')).toContain('send failed');
    expect(lines.join('')).not.toContain('739215');
    expect(await redis.ttl(keys.sends(k.scope, k.id))).toBeGreaterThan(0);
  });

  it('invariant 5: when Twilio reports a delivery, then the record takes it (who answered, the error) and nothing else changes; an unknown SID is ignored', async () => {
    const outbox = outboxWith(fakeMessenger().messenger);
    const k = key('page-steps');
    const outcome = await outbox.sendOnce(k, { kind: 'page-call', to: CLINICIAN, url: 'https://afterhours.test/x' });
    const sid = outcome.status === 'sent' ? outcome.sid : '';
    const result = await outbox.delivery(sid, { status: 'completed', answeredBy: 'machine_start', errorCode: null });
    expect(result).toMatchObject({ key: { scope: 'page-steps', id: k.id, field: k.field }, status: 'completed', record: { delivery: 'completed (machine_start)' } });
    expect(await outbox.delivery('SMnothing', { status: 'delivered', answeredBy: null, errorCode: null })).toBeNull();
    // The index of a page's send keeps the value it always had: pageId|field.
    expect(await redis.get(keys.sendBySid(sid))).toBe(`${k.id}|${k.field}`);
  });

  it('when Twilio reports a text undelivered before its send is recorded, then the send applies the report and says so, so its call still follows', async () => {
    let outbox: ReturnType<typeof outboxWith> | null = null;
    const messenger: Messenger = {
      // The status callback lands while the API's answer is still on its way back.
      async sendSms() {
        expect(await outbox!.delivery('SMearly', { status: 'undelivered', answeredBy: null, errorCode: '30003' })).toBeNull();
        return 'SMearly';
      },
      startCall: async () => 'CAnever',
      close: async () => {},
    };
    outbox = outboxWith(messenger);
    const k = key('page-steps');
    expect(await outbox.sendOnce(k, { kind: 'digest', to: CLINICIAN, count: 1, contactsUrl: 'https://example.org/console/contacts' })).toEqual({ status: 'sent', sid: 'SMearly', delivered: 'undelivered' });
    expect(JSON.parse((await redis.hget(keys.sends(k.scope, k.id), k.field))!)).toMatchObject({ delivery: 'undelivered', error: 'error 30003', sid: 'SMearly' });
    expect(await redis.exists(keys.earlyDelivery('SMearly'))).toBe(0);
  });
});

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../src/console/sign-in.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { eventuallyDefined, fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

/** Wrong codes are limited per phone per day, whichever addresses they come from. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;

beforeAll(async () => {
  api = fakeTwilioApi();
  sys = await testSystem({
    vars: TWILIO_VARS,
    signInLimits: { perPhone: { points: 3, windowSeconds: 900 }, perAddress: { points: 500, windowSeconds: 900 }, failedPerPhone: { points: 2, windowSeconds: 86_400 } },
  });
  await seedPractice(sys);
});

afterAll(async () => {
  await sys.teardown();
  api.done();
});

const ask = (phone: string) => request(sys.app).post('/console/sign-in').type('form').send({ phone });
const answer = (phone: string, code: string, ip: string) => request(sys.app).post('/console/sign-in/code').set('X-Forwarded-For', ip).type('form').send({ phone, code });
const codesTo = (phone: string) => api.textsTo(phone).map((m) => /(\d{6})/.exec(m.Body)?.[1]).filter(Boolean) as string[];

describe('console sign-in: wrong codes per phone per day', () => {
  it('by default a phone gets 20 wrong codes a day', () => {
    expect(DEFAULT_SIGN_IN_LIMITS.failedPerPhone).toEqual({ points: 20, windowSeconds: 24 * 3600 });
  });

  it('by default a phone is sent at most 3 codes an hour, so a stranger can make the practice number text a clinician at most 72 codes a day', () => {
    const { points, windowSeconds } = DEFAULT_SIGN_IN_LIMITS.perPhone;
    expect(points * (86_400 / windowSeconds)).toBeLessThanOrEqual(72);
  });

  it('past the daily limit of wrong codes for a phone, even the right code is refused until the day is over', async () => {
    await ask(PHONES.ben).expect(200);
    const code = await eventuallyDefined(() => codesTo(PHONES.ben)[0]);
    const wrong = code === '000000' ? '111111' : '000000';
    await answer(PHONES.ben, wrong, '203.0.113.1').expect(400);
    await answer(PHONES.ben, wrong, '203.0.113.2').expect(400);
    const refused = await answer(PHONES.ben, code, '203.0.113.3').expect(429);
    expect(refused.text).toContain('Too many tries');
    const spent = await sys.redis.keys(`${sys.keys.signInLimits('failed-phone')}*`);
    expect(spent).toHaveLength(1);
    expect(await sys.redis.pttl(spent[0]!)).toBeGreaterThan(23 * 3600_000);
  });

  it('a wrong code when no code waits does not count against the phone (a stranger must ask, and be limited, first)', async () => {
    for (const ip of ['203.0.113.4', '203.0.113.5', '203.0.113.6']) await answer(PHONES.ana, '123456', ip).expect(400);
    await ask(PHONES.ana).expect(200);
    const code = await eventuallyDefined(() => codesTo(PHONES.ana)[0]);
    await answer(PHONES.ana, code, '203.0.113.7').expect(303);
  });
});

import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { eventuallyDefined, fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

/** Review of issue #15: sign-in attacked by a stranger who knows a clinician's number. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;

beforeAll(async () => {
  api = fakeTwilioApi();
  sys = await testSystem({ vars: TWILIO_VARS, signInLimits: { perPhone: { points: 3, windowSeconds: 900 }, perAddress: { points: 500, windowSeconds: 900 } } });
  await seedPractice(sys);
});

afterAll(async () => {
  await sys.teardown();
  api.done();
});

const ask = (phone: string) => request(sys.app).post('/console/sign-in').type('form').send({ phone });
const answer = (phone: string, code: string) => request(sys.app).post('/console/sign-in/code').type('form').send({ phone, code });
const codesTo = (phone: string) => api.textsTo(phone).map((m) => /(\d{6})/.exec(m.Body)?.[1]).filter(Boolean) as string[];

describe('review: sign-in against a stranger', () => {
  it('a stranger asking for a code for her number does not void the code the clinician is about to type', async () => {
    await ask(PHONES.ben).expect(200);
    const hers = await eventuallyDefined(() => codesTo(PHONES.ben)[0]);
    // Someone else, anywhere, types her (not secret) number into the sign-in page.
    await ask(PHONES.ben).expect(200);
    await eventuallyDefined(() => codesTo(PHONES.ben)[1]);
    await answer(PHONES.ben, hers).expect(303);
  });

  it('12 hours idle, not 12 hours from sign-in: a request pushes back the cookie’s Max-Age as it does the session in Redis', async () => {
    await ask(PHONES.lead).expect(200);
    const code = await eventuallyDefined(() => codesTo(PHONES.lead)[0]);
    const signed = await answer(PHONES.lead, code).expect(303);
    const cookie = String(signed.headers['set-cookie']).split(';')[0]!;
    // Hours later the clinician is still at work: the browser must not drop the cookie 12 h after sign-in.
    const later = await request(sys.app).get('/console/tonight').set('Cookie', cookie).expect(200);
    const fixedLifetime = /Max-Age=|Expires=/i.test(String(signed.headers['set-cookie']));
    const pushedBack = /^afterhours_console=[\w-]{43};.*Max-Age=43200/.test(String(later.headers['set-cookie'] ?? ''));
    expect(!fixedLifetime || pushedBack).toBe(true);
  });
});

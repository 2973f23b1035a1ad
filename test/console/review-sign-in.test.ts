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
});

import request from 'supertest';
import { afterAll, beforeAll } from 'vitest';
import { seedPractice } from './practice.js';
import { testSystem, type TestSystem } from './system.js';
import { eventuallyDefined, fakeTwilioApi } from './twilio-api.js';
import { TWILIO_VARS } from './twilio.js';

/** One seeded practice for a whole test file, with the Twilio API faked; handed over once it is up, torn down after the file. */
export function seededPracticeForFile(take: (sys: TestSystem, api: ReturnType<typeof fakeTwilioApi>) => void): void {
  let sys: TestSystem;
  let api: ReturnType<typeof fakeTwilioApi>;
  beforeAll(async () => {
    api = fakeTwilioApi();
    sys = await testSystem({ vars: TWILIO_VARS });
    await seedPractice(sys);
    take(sys, api);
  });
  afterAll(async () => {
    await sys.teardown();
    api.done();
  });
}

/** Signs a person in over HTTP with the code the fake Twilio API was asked to text; answers the session cookie and form token. */
export async function consoleSession(sys: TestSystem, api: ReturnType<typeof fakeTwilioApi>, phone: string): Promise<{ cookie: string; csrf: string }> {
  const before = api.textsTo(phone).length;
  await request(sys.app).post('/console/sign-in').type('form').send({ phone }).expect(200);
  const text = await eventuallyDefined(() => api.textsTo(phone)[before]);
  const code = /(\d{6})/.exec(text.Body)![1]!;
  const res = await request(sys.app).post('/console/sign-in/code').type('form').send({ phone, code }).expect(303);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const page = await request(sys.app).get('/console/tonight').set('Cookie', cookie).expect(200);
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page.text)![1]! };
}

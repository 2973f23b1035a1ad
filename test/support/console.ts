import request from 'supertest';
import type { TestSystem } from './system.js';
import { eventuallyDefined, type fakeTwilioApi } from './twilio-api.js';

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

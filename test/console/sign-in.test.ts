import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONES, seedPractice } from '../support/practice.js';
import { createSignIn } from '../../src/console/sign-in.js';
import { createKeys } from '../../src/store/keys.js';
import { dropPrefix, testSystem, type TestSystem } from '../support/system.js';
import { eventuallyDefined, fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

/** Sign-in, sessions and forgery protection of the console, over HTTP without a browser. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;

beforeAll(async () => {
  api = fakeTwilioApi();
  // Every request here comes from one address: its limit is high, and proved on a sign-in of its own below.
  sys = await testSystem({ vars: TWILIO_VARS, signInLimits: { perPhone: { points: 3, windowSeconds: 900 }, perAddress: { points: 500, windowSeconds: 900 } } });
  await seedPractice(sys);
  await sys.api('put', '/api/clinicians/sue', { name: 'Sue Staff', phone: '+16175550120', role: 'staff' }).expect(201);
});

afterAll(async () => {
  await sys.teardown();
  api.done();
});

const ask = (phone: string, ip = '10.0.0.1') => request(sys.app).post('/console/sign-in').set('X-Forwarded-For', ip).type('form').send({ phone });
const answer = (phone: string, code: string) => request(sys.app).post('/console/sign-in/code').type('form').send({ phone, code });
const codesTo = (phone: string) => api.textsTo(phone).map((m) => /(\d{6})/.exec(m.Body)?.[1]).filter(Boolean) as string[];

async function newCode(phone: string): Promise<string> {
  const before = codesTo(phone).length;
  await ask(phone).expect(200);
  return eventuallyDefined(() => codesTo(phone)[before]);
}

async function signedInCookie(phone: string): Promise<string> {
  const res = await answer(phone, await newCode(phone)).expect(303);
  return String(res.headers['set-cookie']).split(';')[0]!;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1]!;

describe('console sign-in', () => {
  it('answers the same whether or not the number is known, and texts only a person of the practice', async () => {
    const known = await ask('(617) 555-0101').expect(200);
    const unknown = await ask(PHONES.unknown).expect(200);
    expect(known.text.replace(PHONES.ana, 'N')).toBe(unknown.text.replace(PHONES.unknown, 'N'));
    await eventuallyDefined(() => codesTo(PHONES.ana)[0]);
    expect(api.textsTo(PHONES.unknown)).toEqual([]);
    // A client's number is not a person of the practice either.
    await ask(PHONES.regular).expect(200);
    expect(api.textsTo(PHONES.regular)).toEqual([]);
  });

  it('a right code signs in once; the cookie is httpOnly, SameSite=Strict, Secure over https, under /console', async () => {
    const code = await newCode(PHONES.lead);
    const res = await answer(PHONES.lead, code).expect(303);
    expect(res.headers.location).toBe('/console/tonight');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^afterhours_console=[\w-]{43}; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200; Secure$/);
    await answer(PHONES.lead, code).expect(400);
    const tonight = await request(sys.app).get('/console/tonight').set('Cookie', cookie.split(';')[0]!).expect(200);
    expect(tonight.text).toContain('Dr. Lee Park');
  });

  it('five wrong tries use a code up: the right one no longer works', async () => {
    const code = await newCode(PHONES.ben);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await answer(PHONES.ben, wrong).expect(400);
    await answer(PHONES.ben, code).expect(400);
  });

  it('a code lives 5 minutes and a session 12 hours idle, both in Redis, neither under its own value', async () => {
    const code = await newCode('+16175550120');
    const codeKeys = await sys.redis.keys(`${sys.config.redisPrefix}:sign-in-code:*`);
    const ttls = await Promise.all(codeKeys.map((k) => sys.redis.ttl(k)));
    expect(Math.max(...ttls)).toBeLessThanOrEqual(300);
    expect(Math.min(...ttls)).toBeGreaterThan(0);
    for (const key of codeKeys) expect(JSON.stringify(await sys.redis.hgetall(key))).not.toContain(code);
    const cookie = (await answer('+16175550120', code).expect(303)).headers['set-cookie'];
    const value = String(cookie).split(';')[0]!.split('=')[1]!;
    const sessionKeys = await sys.redis.keys(`${sys.config.redisPrefix}:console-session:*`);
    expect(sessionKeys.some((k) => k.includes(value))).toBe(false);
    const sessionTtls = await Promise.all(sessionKeys.map((k) => sys.redis.ttl(k)));
    expect(Math.max(...sessionTtls)).toBeLessThanOrEqual(12 * 3600);
    expect(Math.min(...sessionTtls)).toBeGreaterThan(12 * 3600 - 60);
  });

  it('is rate-limited per phone, known or not alike: the fourth code in 15 minutes is a 429', async () => {
    // Each number was asked for once in the first test.
    for (const phone of [PHONES.unknown, PHONES.ana]) {
      for (let i = 1; i < 3; i++) await ask(phone).expect(200);
      await ask(phone).expect(429);
    }
  });

  it('is rate-limited per address: asking for codes and trying them', async () => {
    const keys = createKeys(`${sys.config.redisPrefix}-limits`);
    const sent: string[] = [];
    const signIn = createSignIn({ redis: sys.redis, keys, directory: sys.directory, sender: { sendSignInCode: async (id) => void sent.push(id) }, limits: { perPhone: { points: 10, windowSeconds: 900 }, perAddress: { points: 3, windowSeconds: 900 } } });
    for (let i = 0; i < 3; i++) expect(await signIn.request(`+1617555100${i}`, '10.0.0.4')).toEqual({ sent: true });
    expect(await signIn.request('+16175551009', '10.0.0.4')).toMatchObject({ sent: false });
    expect(await signIn.request('+16175551009', '10.0.0.5')).toEqual({ sent: true });
    for (let i = 0; i < 3; i++) expect(await signIn.verify(PHONES.ana, '123456', '10.0.0.6')).toEqual({ ok: false, reason: 'wrong' });
    expect(await signIn.verify(PHONES.ana, '123456', '10.0.0.6')).toMatchObject({ ok: false, reason: 'limited' });
    await dropPrefix(keys.prefix);
  });
});

describe('console sessions and forms', () => {
  it('refuses a signed-in form without the session token, or from another origin, and changes nothing', async () => {
    const cookie = await signedInCookie(PHONES.lead);
    const people = await request(sys.app).get('/console/people').set('Cookie', cookie).expect(200);
    const body = { id: 'eve', name: 'Eve', phone: '+16175550166', role: 'lead' };
    await request(sys.app).post('/console/people').set('Cookie', cookie).type('form').send(body).expect(403);
    await request(sys.app).post('/console/people').set('Cookie', cookie).set('Origin', 'https://evil.example').type('form').send({ ...body, _csrf: csrfOf(people.text) }).expect(403);
    expect(await sys.directory.getClinician('eve')).toBeNull();
    await request(sys.app).post('/console/people').set('Cookie', cookie).set('Origin', 'https://afterhours.test').type('form').send({ ...body, _csrf: csrfOf(people.text) }).expect(303);
    expect(await sys.directory.getClinician('eve')).toMatchObject({ role: 'lead' });
  });

  it('a screen without a session sends the browser to sign in; a form without one is refused', async () => {
    await request(sys.app).get('/console/contacts').expect(303).expect('Location', '/console/sign-in');
    await request(sys.app).post('/console/pages/pg_x/take').type('form').send({}).expect(401);
  });

  it('escapes everything: a client named with markup is shown as text', async () => {
    await sys.api('put', '/api/clients/xss', { name: '<img src=x onerror=alert(1)>', phones: ['+16175550301'], clinicianId: 'ana' }).expect(201);
    const cookie = await signedInCookie(PHONES.lead);
    const list = await request(sys.app).get('/console/clients').set('Cookie', cookie).expect(200);
    expect(list.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(list.text).not.toContain('<img src=x');
  });

  it('a person with the staff role is never on call: the schedule refuses them', async () => {
    const res = await sys.api('put', '/api/oncall', { rotation: ['ana', 'sue'], shiftDays: 7, handoff: '2026-11-23T08:00', backup: 'next', lead: 'lead' }).expect(400);
    expect(res.body.fields).toEqual([{ field: 'rotation[1]', message: 'sue is staff, who are never on call' }]);
  });
});

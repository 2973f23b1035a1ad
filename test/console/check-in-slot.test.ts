import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsole } from '../../src/console/index.js';
import { createLogger } from '../../src/log.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';

/** The Clients screen's check-in slot: absent without a plan store, the plan in words with one. */
let sys: TestSystem;

beforeAll(async () => {
  sys = await testSystem();
  await seedPractice(sys);
});

afterAll(async () => {
  await sys.teardown();
});

async function clientPage(checkIns: Parameters<typeof createConsole>[0]['checkIns']): Promise<string> {
  const codes: string[] = [];
  const ui = createConsole({ ...sys, log: createLogger({ level: 'silent' }), sender: { sendSignInCode: async (_id, _phone, code) => void codes.push(code) }, checkIns });
  const app = express().use('/console', ui.router);
  await request(app).post('/console/sign-in').type('form').send({ phone: PHONES.ana }).expect(200);
  await new Promise((r) => setImmediate(r));
  const res = await request(app).post('/console/sign-in/code').type('form').send({ phone: PHONES.ana, code: codes[0] }).expect(303);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return (await request(app).get('/console/clients/regular').set('Cookie', cookie).expect(200)).text;
}

describe('console: the check-in plan on the Clients screen', () => {
  it('with no check-in store wired, the screen has no check-in section', async () => {
    expect(await clientPage(null)).not.toContain('Check-in plan');
  });

  it('with one, the plan is shown in words, and "No check-in plan" when the client has none', async () => {
    const plan = { times: ['09:00', '21:00'], days: ['Mon', 'Thu'], from: '2026-11-28', until: '2026-12-12', endedAt: null };
    const page = await clientPage({ get: async (id) => (id === 'regular' ? plan : null) });
    expect(page).toContain('At 09:00, 21:00 on Mon, Thu, from 2026-11-28 until 2026-12-12.');
    expect(await clientPage({ get: async () => null })).toContain('No check-in plan.');
  });
});

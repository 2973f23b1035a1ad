import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console.js';
import { PHONES } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

/** Review of issue #15: what Tonight says at 2 a.m. must be true. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;

beforeAll(async () => {
  api = fakeTwilioApi();
  // FALLBACK_ONCALL_PHONE is optional; this practice has none, and no schedule yet.
  const { FALLBACK_ONCALL_PHONE: _none, ...vars } = TWILIO_VARS;
  sys = await testSystem({ vars });
  await sys.api('put', '/api/clinicians/lead', { name: 'Dr. Lee Park', phone: PHONES.lead, role: 'lead' }).expect(201);
});

afterAll(async () => {
  await sys.teardown();
  api.done();
});

describe('review: Tonight', () => {
  it('with no schedule and no fallback phone configured, Tonight does not say pages go to a fallback phone', async () => {
    expect(sys.config.fallbackOncallPhone).toBeNull();
    const lead = await consoleSession(sys, api, PHONES.lead);
    const tonight = await request(sys.app).get('/console/tonight').set('Cookie', lead.cookie).expect(200);
    expect(tonight.text).toContain('No schedule is set');
    expect(tonight.text).not.toContain('pages go to the fallback phone');
  });
});

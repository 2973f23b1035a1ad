import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

/** Only the lead gives or changes a clinical role and a clinician's phone; staff add and change staff. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let sue: { cookie: string; csrf: string };

beforeAll(async () => {
  api = fakeTwilioApi();
  sys = await testSystem({ vars: TWILIO_VARS });
  await seedPractice(sys);
  await sys.directory.putClinician('sue', { name: 'Sue Staff', phone: '+16175550120', role: 'staff' });
  sue = await consoleSession(sys, api, '+16175550120');
});

afterAll(async () => {
  await sys.teardown();
  api.done();
});

const post = (body: Record<string, string>) => request(sys.app).post('/console/people').set('Cookie', sue.cookie).type('form').send({ _csrf: sue.csrf, ...body });

describe('console People: what staff may change', () => {
  it('staff cannot change a clinician’s phone (pages and sign-in codes go there), nor add a clinician', async () => {
    const lead = (await sys.directory.listClinicians()).find((c) => c.role === 'lead')!;
    const moved = await post({ existing: '1', id: lead.id, name: lead.name, phone: '+16175550178', role: 'lead' });
    expect(moved.status).toBe(400);
    expect(moved.text).toMatch(/id="f-phone-error"/);
    expect((await sys.directory.getClinician(lead.id))?.phone).toBe(lead.phone);
    const added = await post({ id: 'newdoc', name: 'New Doctor', phone: '+16175550179', role: 'therapist' });
    expect(added.status).toBe(400);
    expect(added.text).toMatch(/id="f-role-error"/);
    expect(await sys.directory.getClinician('newdoc')).toBeNull();
  });

  it('staff add staff, change their own phone and a clinician’s name', async () => {
    expect((await post({ id: 'tom', name: 'Tom Desk', phone: '+16175550181', role: 'staff' })).status).toBe(303);
    expect((await post({ existing: '1', id: 'sue', name: 'Sue Staff', phone: '+16175550182', role: 'staff' })).status).toBe(303);
    expect((await post({ existing: '1', id: 'ben', name: 'Dr. Benjamin Cole', phone: PHONES.ben, role: 'psychiatrist' })).status).toBe(303);
    expect(await sys.directory.getClinician('ben')).toMatchObject({ name: 'Dr. Benjamin Cole', role: 'psychiatrist' });
  });
});

import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console.js';
import { PHONES, seededPracticeForFile } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import type { fakeTwilioApi } from '../support/twilio-api.js';

/** Review of issue #15: roles, the directory and the schedule, attacked. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
seededPracticeForFile((s, a) => ((sys = s), (api = a)));

type Who = { cookie: string; csrf: string };
const post = (path: string, body: Record<string, string>, who: Who) => request(sys.app).post(path).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf, ...body });

describe('review: roles and the directory', () => {
  it('staff are never on call: the admin API refuses to make a clinician on the schedule staff', async () => {
    // ana is in the rotation (primary this week); turning her into staff must be refused, as the console and import do.
    const res = await sys.api('put', '/api/clinicians/ana', { name: 'Dr. Ana Ruiz', phone: PHONES.ana, role: 'staff' });
    const ana = await sys.directory.getClinician('ana');
    // restore, so the other tests see the practice as seeded
    await sys.api('put', '/api/clinicians/ana', { name: 'Dr. Ana Ruiz', phone: PHONES.ana, role: 'psychiatrist' });
    expect(res.status).toBe(400);
    expect(ana?.role).toBe('psychiatrist');
  });

  it('"Add a person" with an id that already exists is refused beside the Id field, never overwriting that person', async () => {
    const lead = await consoleSession(sys, api, PHONES.lead);
    const res = await post('/console/people', { id: 'ben', name: 'New Hire', phone: '+16175550177', role: 'therapist' }, lead);
    const ben = await sys.directory.getClinician('ben');
    if (ben?.name !== 'Dr. Ben Cole') await sys.api('put', '/api/clinicians/ben', { name: 'Dr. Ben Cole', phone: PHONES.ben, role: 'psychiatrist' });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/id="f-id-error"/);
    expect(ben).toMatchObject({ name: 'Dr. Ben Cole', phone: PHONES.ben });
  });

  it('staff cannot give themselves the lead role (and with it every client’s agreement and dispositions)', async () => {
    await sys.directory.putClinician('sue', { name: 'Sue Staff', phone: '+16175550120', role: 'staff' });
    const sue = await consoleSession(sys, api, '+16175550120');
    await post('/console/people', { existing: '1', id: 'sue', name: 'Sue Staff', phone: '+16175550120', role: 'lead' }, sue);
    const after = await sys.directory.getClinician('sue');
    expect(after?.role).toBe('staff');
  });

  it('a client is never given a staff person as their clinician, even by a hand-made form (nobody could then record their dispositions)', async () => {
    await sys.directory.putClinician('sue', { name: 'Sue Staff', phone: '+16175550120', role: 'staff' });
    const lead = await consoleSession(sys, api, PHONES.lead);
    const res = await post('/console/clients', { id: 'stella', name: 'Stella Staffed', phones: '617-555-0331', clinicianId: 'sue', language: 'en' }, lead);
    const api_ = await sys.api('put', '/api/clients/stella2', { name: 'Stella Two', phones: ['+16175550332'], clinicianId: 'sue' });
    expect(res.status).toBe(400);
    expect(await sys.directory.getClient('stella')).toBeNull();
    expect(api_.status).toBe(400);
  });

  it('a form sent after the session ended (12 hours idle, or signed out in another tab) keeps what was typed', async () => {
    const { contact } = await sys.history.recordContact({ clientId: 'regular', channel: 'sms', claimedUrgency: 'unsure', crisis: false, from: PHONES.regular, source: 'sms:SMreview-expired', at: sys.now(), message: 'can we talk' });
    const ana = await consoleSession(sys, api, PHONES.ana);
    await post('/console/sign-out', {}, ana).expect(303);
    const note = 'Called her back at 2:10, safe, plan for morning appointment';
    const res = await post(`/console/contacts/${contact.id}/disposition`, { disposition: 'warranted', note }, ana);
    expect(res.status).not.toBe(303);
    expect(res.text).toContain(note);
  });
});

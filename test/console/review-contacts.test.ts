import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console.js';
import { PHONES, seededPracticeForFile } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import type { fakeTwilioApi } from '../support/twilio-api.js';

/** Review of issue #15: Contacts must not tell a clinician that nothing awaits her when something does. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
seededPracticeForFile((s, a) => ((sys = s), (api = a)));

describe('review: Contacts', () => {
  it('a contact of her own client awaiting a disposition stays on her Contacts screen however many newer contacts other clinicians’ clients made', async () => {
    const t0 = sys.now().getTime() - 3 * 24 * 3600_000;
    await sys.history.recordContact({ clientId: 'regular', channel: 'sms', claimedUrgency: 'unsure', crisis: false, from: PHONES.regular, source: 'sms:SMreview-own', at: new Date(t0), message: 'please call me back about the dose' });
    // Ben's clients were busy afterwards (a noisy week for one client is ordinary).
    for (let i = 1; i <= 200; i++) {
      await sys.history.recordContact({ clientId: 'spanish', channel: 'sms', claimedUrgency: 'not-emergency', crisis: false, from: PHONES.spanish, source: `sms:SMreview-${i}`, at: new Date(t0 + i * 60_000), message: `hola ${i}` });
    }
    const ana = await consoleSession(sys, api, PHONES.ana);
    const contacts = await request(sys.app).get('/console/contacts').set('Cookie', ana.cookie).expect(200);
    expect(contacts.text).toContain('please call me back about the dose');
    expect(contacts.text).toContain('Awaiting a disposition (1)');
  });
});

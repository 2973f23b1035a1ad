import nock from 'nock';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleSession } from '../support/console.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi } from '../support/twilio-api.js';
import { TWILIO_VARS } from '../support/twilio.js';

/** What each role sees and may do on the console's screens, over HTTP. */
let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let ana: { cookie: string; csrf: string };
let contactIds: { regular?: string; spanish?: string };

beforeAll(async () => {
  api = fakeTwilioApi();
  sys = await testSystem({ vars: TWILIO_VARS });
  await seedPractice(sys);
  const at = sys.now();
  contactIds = {};
  for (const [clientId, message, recordingUrl] of [
    ['regular', 'question about my dose', `https://api.twilio.com/2010-04-01/Accounts/${TWILIO_VARS.TWILIO_ACCOUNT_SID}/Recordings/RE1`],
    ['spanish', 'pregunta sobre la cita', 'https://elsewhere.example/recording.wav'],
  ] as const) {
    const { contact } = await sys.history.recordContact({ clientId, channel: 'voice', claimedUrgency: 'not-emergency', crisis: false, from: PHONES[clientId], source: `voice:CA${clientId}`, at, message, recordingUrl: recordingUrl ?? undefined });
    contactIds[clientId] = contact.id;
  }
  ana = await consoleSession(sys, api, PHONES.ana);
});

afterAll(async () => {
  await sys.teardown();
  api.done();
});

const get = (path: string, who = ana) => request(sys.app).get(path).set('Cookie', who.cookie);
const post = (path: string, body: Record<string, string>, who = ana) => request(sys.app).post(path).set('Cookie', who.cookie).type('form').send({ _csrf: who.csrf, ...body });

describe('console screens by role', () => {
  it('a clinician sees the contacts of her own clients only', async () => {
    const contacts = await get('/console/contacts').expect(200);
    expect(contacts.text).toContain('question about my dose');
    expect(contacts.text).not.toContain('pregunta sobre la cita');
    await post(`/console/contacts/${contactIds.spanish}/disposition`, { disposition: 'warranted' }).expect(404);
  });

  it('a recording is fetched from Twilio with the account credentials; the browser gets the audio, never a Twilio URL', async () => {
    const recording = nock('https://api.twilio.com').get(`/2010-04-01/Accounts/${TWILIO_VARS.TWILIO_ACCOUNT_SID}/Recordings/RE1`).basicAuth({ user: TWILIO_VARS.TWILIO_ACCOUNT_SID, pass: TWILIO_VARS.TWILIO_AUTH_TOKEN }).reply(200, Buffer.from('RIFFfake'), { 'Content-Type': 'audio/x-wav' });
    const contacts = await get('/console/contacts').expect(200);
    expect(contacts.text).toContain(`/console/contacts/${contactIds.regular}/recording`);
    expect(contacts.text).not.toContain('api.twilio.com');
    const audio = await get(`/console/contacts/${contactIds.regular}/recording`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(audio.headers['content-type']).toBe('audio/x-wav');
    expect(String(audio.body)).toBe('RIFFfake');
    expect(recording.isDone()).toBe(true);
  });

  it('a recording URL that is not the Twilio API is never fetched', async () => {
    const lead = await consoleSession(sys, api, PHONES.lead);
    await get(`/console/contacts/${contactIds.spanish}/recording`, lead).expect(404);
  });

  it('a refused disposition keeps the note that was typed and says why beside it', async () => {
    const res = await post(`/console/contacts/${contactIds.regular}/disposition`, { disposition: 'maybe', note: 'called back, fine' }).expect(400);
    expect(res.text).toContain('called back, fine</textarea>');
    expect(res.text).toMatch(/class="error" id="note-[^"]+-error">Invalid option/);
    expect((await sys.history.getContact(contactIds.regular!))!.disposition).toBeNull();
  });

  it('a person saved from the console is checked like the API: a taken phone is refused beside the field', async () => {
    const lead = await consoleSession(sys, api, PHONES.lead);
    const res = await post('/console/people', { id: 'new', name: 'New Person', phone: PHONES.ben, role: 'therapist' }, lead).expect(400);
    expect(res.text).toMatch(/id="f-phone-error">Phone already belongs to clinician ben/);
    expect(res.text).toContain('value="New Person"');
  });

  it('staff and the lead add and change clients with the API’s checks; the agreement is kept; a clinician may not', async () => {
    const lead = await consoleSession(sys, api, PHONES.lead);
    await post('/console/clients', { id: 'nina', name: 'Nina New', phones: '617-555-0311', clinicianId: 'ana', language: 'en' }, ana).expect(403);
    const taken = await post('/console/clients', { id: 'nina', name: 'Nina New', phones: `617-555-0311, ${PHONES.regular}`, clinicianId: 'ana', language: 'en' }, lead).expect(400);
    expect(taken.text).toMatch(/id="f-phones-error">Phones already belongs to client regular/);
    expect(taken.text).toContain(`value="617-555-0311, ${PHONES.regular}"`);
    await post('/console/clients', { id: 'nina', name: 'Nina New', phones: '617-555-0311, 617-555-0312', clinicianId: 'ana', language: 'es' }, lead).expect(303);
    expect(await sys.directory.getClient('nina')).toMatchObject({ phones: ['+16175550311', '+16175550312'], language: 'es', clinicianId: 'ana' });
    await sys.api('put', '/api/clients/nina', { name: 'Nina New', phones: ['+16175550311'], clinicianId: 'ana', agreement: { trust: 'review' } }).expect(200);
    await post('/console/clients', { existing: '1', id: 'nina', name: 'Nina Newer', phones: '+16175550311', clinicianId: 'ben', language: 'en' }, lead).expect(303);
    expect(await sys.directory.getClient('nina')).toMatchObject({ name: 'Nina Newer', clinicianId: 'ben', agreement: { trust: 'review' } });
    const fresh = await post('/console/clients', { id: 'nina', name: 'Someone Else', phones: '+16175550399', clinicianId: 'ana', language: 'en' }, lead).expect(400);
    expect(fresh.text).toMatch(/id="f-id-error">Id already belongs to another client/);
  });
});

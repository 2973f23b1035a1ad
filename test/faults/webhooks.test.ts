import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTwiml, spokenText } from '../../src/devtools/twiml-reader.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';
import { recordFaultResult } from './ledger.js';

let sys: TestSystem;
beforeAll(async () => {
  sys = await testSystem({ vars: TWILIO_VARS });
  await seedPractice(sys);
});
afterAll(() => sys.teardown());

const CLIENT_VOICE_ROUTES = ['/twilio/voice', '/twilio/voice/answer?attempt=1&lang=en', '/twilio/voice/answer?attempt=2&lang=es', '/twilio/voice/answer?attempt=x&lang=zz', '/twilio/voice/followup?lang=en', '/twilio/voice/message-done', '/twilio/fallback'];
const OTHER_ROUTES = ['/twilio/voice/status', '/twilio/voice/recording', '/twilio/voice/transcript', '/twilio/sms', '/twilio/page/status', '/twilio/page/voice?pageId=pg_x&clinicianId=ana', '/twilio/page/key?pageId=&clinicianId=', '/twilio/page/connect', '/twilio/page/bridge?pageId=pg_none'];

const twilioish = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '1', '2', '9', '*', 'yes', 'no', 'STOP', 'HELP', 'completed', 'human', 'machine_start', PHONES.regular, PHONES.ana, '+1', 'CA123', '💊💊', 'null', '\u0000', 'a'.repeat(2_000)),
);
const params = fc.dictionary(
  fc.constantFrom('CallSid', 'MessageSid', 'From', 'To', 'Body', 'Digits', 'SpeechResult', 'CallStatus', 'AnsweredBy', 'RecordingUrl', 'RecordingStatus', 'TranscriptionText', 'NumMedia', 'MediaUrl0', 'OptOutType', 'MessageStatus', 'ErrorCode', 'Extra'),
  twilioish,
  { maxKeys: 10 },
);

describe('fault: webhooks with valid signatures and arbitrary parameters', () => {
  it('invariant 1: property: a client voice route never answers 5xx and always gives valid TwiML with 911 and 988', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CLIENT_VOICE_ROUTES), params, async (route, body) => {
        runs += 1;
        const res = await signedPost(sys.app, route, body);
        expect(res.status).toBe(200);
        const words = spokenText(readTwiml(res.text)).replace(/-/g, '');
        expect(words).toMatch(/911/);
        expect(words).toMatch(/988/);
      }),
      { numRuns: 300 },
    );
    recordFaultResult({ suite: 'fuzzed voice webhooks', ladders: 0, faults: runs, pagesLost: 0, duplicates: 0 });
  });

  it('property: every other webhook never answers 5xx, and a TwiML answer is valid TwiML', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OTHER_ROUTES), params, async (route, body) => {
        runs += 1;
        const res = await signedPost(sys.app, route, body);
        expect(res.status).toBeLessThan(500);
        if (/xml/.test(res.type)) expect(() => readTwiml(res.text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
    recordFaultResult({ suite: 'fuzzed other webhooks', ladders: 0, faults: runs, pagesLost: 0, duplicates: 0 });
  });

  it('invariant 6: when the same webhooks arrive many times at once, then each call and text makes exactly one contact and one page', async () => {
    const call = { CallSid: `CA${'5'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER };
    const textFirst = { MessageSid: `SM${'5'.repeat(32)}`, From: PHONES.trusted, Body: 'are you there' };
    const textYes = { MessageSid: `SM${'6'.repeat(32)}`, From: PHONES.trusted, Body: 'YES' };
    await signedPost(sys.app, '/twilio/voice', call).expect(200);
    await Promise.all(Array.from({ length: 10 }, () => signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...call, Digits: '1' })));
    await Promise.all(Array.from({ length: 10 }, () => signedPost(sys.app, '/twilio/sms', textFirst)));
    await Promise.all(Array.from({ length: 10 }, () => signedPost(sys.app, '/twilio/sms', textYes)));
    const contacts = (await sys.history.listContacts({})).filter((c) => c.source === `voice:${call.CallSid}` || c.source === `sms:${textFirst.MessageSid}`);
    expect(contacts).toHaveLength(2);
    const pages = (await sys.pages.list()).filter((p) => contacts.some((c) => c.id === p.contactId));
    expect(pages).toHaveLength(2);
    recordFaultResult({ suite: 'concurrent duplicate hooks', ladders: 2, faults: 30, pagesLost: 0, duplicates: 0 });
  });
});

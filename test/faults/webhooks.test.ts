import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readTwiml, spokenText } from '../../src/devtools/twiml-reader.js';
import { PHONES } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';
import { recordRow } from './recorder.js';
import { count } from './rows.js';
import { startRig, type Rig } from './rig.js';

// The product with its workers and the Twilio stand-in: any page a webhook raises runs its ladder, and is checked.
let rig: Rig;
let sys: TestSystem;
beforeAll(async () => {
  rig = await startRig();
  sys = rig.sys;
  sys.startWorkers();
});
afterAll(() => rig.close());

/** Runs the ladders of the pages raised since `before` to their end and checks them against what the phones got. */
async function laddersSince(before: Set<string>) {
  const ids = (await sys.pages.list()).map((p) => p.id).filter((id) => !before.has(id));
  await rig.track(ids);
  const settled = await rig.waitSettled(60_000);
  const report = await rig.check(ids);
  return { ids, settled, report };
}

const pageIds = async () => new Set((await sys.pages.list()).map((p) => p.id));

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
    const before = await pageIds();
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
    await fuzzRow('fuzzed signed voice webhooks', runs, before);
  });

  it('property: every other webhook never answers 5xx, and a TwiML answer is valid TwiML', async () => {
    let runs = 0;
    const before = await pageIds();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OTHER_ROUTES), params, async (route, body) => {
        runs += 1;
        const res = await signedPost(sys.app, route, body);
        expect(res.status).toBeLessThan(500);
        if (/xml/.test(res.type)) expect(() => readTwiml(res.text)).not.toThrow();
      }),
      { numRuns: 300 },
    );
    await fuzzRow('fuzzed signed webhooks, all others', runs, before);
  });

  it('invariant 6: when the same webhooks arrive many times at once, then each call and text makes exactly one contact and one page', async () => {
    const before = await pageIds();
    const call = { CallSid: `CA${'5'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER };
    const textFirst = { MessageSid: `SM${'5'.repeat(32)}`, From: PHONES.trusted, Body: 'are you there' };
    const textYes = { MessageSid: `SM${'6'.repeat(32)}`, From: PHONES.trusted, Body: 'YES' };
    await signedPost(sys.app, '/twilio/voice', call).expect(200);
    const answers = [
      ...(await Promise.all(Array.from({ length: 10 }, () => signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...call, Digits: '1' })))),
      ...(await Promise.all(Array.from({ length: 10 }, () => signedPost(sys.app, '/twilio/sms', textFirst)))),
      ...(await Promise.all(Array.from({ length: 10 }, () => signedPost(sys.app, '/twilio/sms', textYes)))),
    ];
    const contacts = (await sys.history.listContacts({})).filter((c) => c.source === `voice:${call.CallSid}` || c.source === `sms:${textFirst.MessageSid}`);
    expect(contacts).toHaveLength(2);
    const pages = (await sys.pages.list()).filter((p) => contacts.some((c) => c.id === p.contactId));
    expect(pages).toHaveLength(2);
    const { ids, settled, report } = await laddersSince(before);
    // a copy that reached the product: answered as Twilio expects (anything else would make Twilio retry)
    const delivered = answers.filter((res) => res.status === 200).length;
    recordRow(
      {
        suite: 'the same webhooks 10 times at once',
        ran: `${count(contacts.length, 'contact')}, ${count(report.ladders, 'ladder')}`,
        faultsInjected: answers.length,
        faultsObserved: delivered,
        lost: report.lost,
        lostInFlight: report.lostInFlight,
        duplicates: report.duplicates + report.afterTake,
        notes: `a call answered and two texts, each 10 times at once: ${contacts.length} contacts and ${pages.length} pages made; each ladder ran once per tier`,
        details: { report },
      },
      {
        'one contact and one page each': contacts.length === 2 && pages.length === 2 && ids.length === 2,
        'every ladder ended': settled && report.unfinished === 0,
        'no page lost': report.lost === 0 && report.lostInFlight === 0 && report.mootAfterTake === 0,
        'nothing sent twice': report.duplicates === 0 && report.afterTake === 0,
        'in order': report.outOfOrder === 0,
      },
      report.problems,
    );
  });
});

/** A fuzz row: the requests are the faults; any page they raised ran its ladder and is checked like the others. */
async function fuzzRow(suite: string, runs: number, before: Set<string>): Promise<void> {
  const { settled, report } = await laddersSince(before);
  recordRow(
    {
      suite,
      ran: `${runs} requests, ${count(report.ladders, 'ladder')} they raised`,
      faultsInjected: runs,
      faultsObserved: null,
      lost: report.ladders > 0 ? report.lost : null,
      lostInFlight: report.ladders > 0 ? report.lostInFlight : null,
      duplicates: report.ladders > 0 ? report.duplicates + report.afterTake : null,
      notes: `no 5xx, valid TwiML${suite.includes('voice') ? ' with 911 and 988' : ''} every time; ${report.taken} of the raised pages taken by fuzzed replies, ${report.exhausted} ran out`,
      details: { report },
    },
    {
      'every ladder ended': settled && report.unfinished === 0,
      'no page lost': report.lost === 0 && report.lostInFlight === 0 && report.mootAfterTake === 0,
      'nothing sent twice': report.duplicates === 0 && report.afterTake === 0,
      'in order': report.outOfOrder === 0,
    },
    report.problems,
  );
}

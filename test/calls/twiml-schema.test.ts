import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { twimlSchemaErrors } from '../support/twiml-schema.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';

let sys: TestSystem;
beforeEach(async () => {
  sys = await testSystem({ vars: TWILIO_VARS });
  await seedPractice(sys);
});
afterEach(() => sys.teardown());

describe('TwiML against the published voice schema', () => {
  it('when a document breaks the schema, then the check names the fault', async () => {
    const errors = await twimlSchemaErrors('<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="one"><Hangup/></Gather></Response>');
    expect(errors.join(' ')).toMatch(/numDigits.*not a valid value/);
  });

  it('when every voice answer of the client line, the page call and the fallback is checked, then each is valid TwiML', async () => {
    const call = { CallSid: `CA${'3'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER };
    const unknown = { ...call, CallSid: `CA${'4'.repeat(32)}`, From: PHONES.unknown };
    const answers = [
      await signedPost(sys.app, '/twilio/voice', call),
      await signedPost(sys.app, '/twilio/voice', unknown),
      await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...unknown, Digits: '9' }),
      await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...unknown }),
      await signedPost(sys.app, '/twilio/voice/answer?attempt=2&lang=en', { ...unknown }),
      await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...call, Digits: '1' }),
      await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=es', { ...call, CallSid: `CA${'5'.repeat(32)}`, Digits: '2' }),
      await signedPost(sys.app, '/twilio/voice/followup?lang=en', call),
      await signedPost(sys.app, '/twilio/voice/message-done?lang=es', call),
      await signedPost(sys.app, '/twilio/fallback', call),
    ];
    const page = (await sys.pages.list())[0]!;
    const pageUrl = `/twilio/page/voice?pageId=${page.id}&clinicianId=ana&step=0`;
    answers.push(await signedPost(sys.app, pageUrl, { CallSid: 'CApage', AnsweredBy: 'human' }));
    answers.push(await signedPost(sys.app, pageUrl, { CallSid: 'CApage', AnsweredBy: 'machine_end_beep' }));
    answers.push(await signedPost(sys.app, `/twilio/page/key?pageId=${page.id}&clinicianId=ana`, { CallSid: 'CApage', Digits: '1' }));
    answers.push(await signedPost(sys.app, `/twilio/page/connect?pageId=${page.id}&clinicianId=ana`, { CallSid: 'CApage', Digits: '1' }));
    answers.push(await signedPost(sys.app, `/twilio/page/voice?pageId=${page.id}&clinicianId=ben`, { CallSid: 'CApage2', AnsweredBy: 'human' }));
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(await twimlSchemaErrors(res.text), res.text).toEqual([]);
    }
  });
});

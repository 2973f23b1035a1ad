import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readTwiml, spokenText } from '../../src/devtools/twiml-reader.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { eventually, eventuallyDefined, fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { find, signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
const clock = manualClock(new Date('2026-11-27T07:00:00Z'));
let seq = 0;

beforeEach(async () => {
  api = fakeTwilioApi();
  sys = await testSystem({ vars: { ...TWILIO_VARS, ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1' }, now: clock.now });
  await seedPractice(sys);
  sys.startWorkers();
});
afterEach(async () => {
  await sys.teardown();
  api.done();
});

/** A client calls and presses 1 (or stays silent): the page the product raised. */
async function emergencyCall(from: string, digits = '1') {
  seq += 1;
  const params = { CallSid: `CA${String(seq).padStart(32, '0')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, AccountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID };
  await signedPost(sys.app, '/twilio/voice', params).expect(200);
  await signedPost(sys.app, '/twilio/voice/answer?attempt=1&lang=en', { ...params, Digits: digits }).expect(200);
  const contact = await sys.history.getContactBySource(`voice:${params.CallSid}`);
  return sys.pages.require(contact!.pageId!);
}

const pagerText = (from: string, body: string) => {
  seq += 1;
  return signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '0')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body });
};

describe('paging: reaching the on-call clinician', () => {
  it('when a high page is queued, then the primary gets a text and a call with the least that lets them act', async () => {
    const page = await emergencyCall(PHONES.regular);
    const text = await eventually(() => {
      expect(api.textsTo(PHONES.ana)).toHaveLength(1);
      expect(api.callsTo(PHONES.ana)).toHaveLength(1);
      return api.textsTo(PHONES.ana)[0]!;
    });
    expect(text.From).toBe(TWILIO_VARS.TWILIO_PHONE_NUMBER);
    expect(text.Body).toBe(`afterhours HIGH page ${page.code}: client R.R., claimed emergency; no earlier contact. Called 2:00 AM. Reply 1 to take, CALL to take and be connected, PASS to hand on.`);
    expect(text.Body).not.toMatch(/Rob|Regular|555/);
    expect(text.Body.length).toBeLessThanOrEqual(306);
    expect(text.StatusCallback).toBe('https://afterhours.test/twilio/page/status');
    const call = api.callsTo(PHONES.ana)[0]!;
    expect(call).toMatchObject({ From: TWILIO_VARS.TWILIO_PHONE_NUMBER, MachineDetection: 'Enable', Url: `https://afterhours.test/twilio/page/voice?pageId=${page.id}&clinicianId=ana&step=0` });
    await eventually(async () => {
      const view = await sys.api('get', `/api/pages/${page.id}`).expect(200);
      expect(view.body.steps).toHaveLength(2);
      expect(view.body.steps).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ tier: 'primary', clinicianId: 'ana', channel: 'sms', delivery: 'sent' }),
          expect.objectContaining({ tier: 'primary', clinicianId: 'ana', channel: 'voice', delivery: 'sent' }),
        ]),
      );
    });
  });

  it('invariant 5: when a page is taken by an SMS reply, then it is acknowledged with who, how and when, and the ladder stops', async () => {
    const page = await emergencyCall(PHONES.regular);
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    const reply = verbsOf(await pagerText(PHONES.ana, '1').expect(200));
    expect(reply[0]!.text).toBe(`afterhours: page ${page.code} is yours. Reply CALL ${page.code} to be connected to the client through the practice line.`);
    const taken = await sys.pages.require(page.id);
    expect(taken).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana', acknowledgedVia: 'sms', acknowledgedAt: clock.now().toISOString() });
    // well past the timeout, nobody else is paged
    await new Promise((r) => setTimeout(r, 1_600));
    expect(api.textsTo(PHONES.ben)).toHaveLength(0);
    expect(api.callsTo(PHONES.ben)).toHaveLength(0);
    // a second take is answered politely
    const again = verbsOf(await pagerText(PHONES.ben, `ACK ${page.code}`).expect(200));
    expect(again[0]!.text).toBe(`Thank you. Page ${page.code} was already taken by Dr. Ana Ruiz at 2:00 AM.`);
    expect((await sys.pages.require(page.id)).acknowledgedBy).toBe('ana');
  });

  it('invariant 5: when a delivery receipt says the page text was delivered, then the page is still open', async () => {
    const page = await emergencyCall(PHONES.regular);
    const text = await eventuallyDefined(() => api.textsTo(PHONES.ana)[0]);
    await signedPost(sys.app, '/twilio/page/status', { MessageSid: text.sid, MessageStatus: 'delivered', To: PHONES.ana }).expect(204);
    const after = await sys.pages.require(page.id);
    expect(after.status).toBe('open');
    expect(after.steps.find((s) => s.channel === 'sms')!.delivery).toBe('delivered');
  });

  it('invariant 3: when crisis words raise a page whose ladder already ran out, then the lead is alerted and called again at the new priority, and the client is not sent 911/988 twice', async () => {
    const page = await emergencyCall(PHONES.regular);
    await eventually(async () => expect((await sys.pages.require(page.id)).status).toBe('exhausted'), 8_000);
    await eventually(() => expect(api.callsTo(PHONES.lead)).toHaveLength(2)); // its tier, then the alert
    await eventually(() => expect(api.textsTo(PHONES.regular)).toHaveLength(1)); // the client's 911/988
    const contact = (await sys.history.getContact(page.contactId))!;
    const client = (await sys.directory.getClient('regular'))!;
    const { page: raised } = await sys.intake.settle({ source: contact.source, channel: 'voice', from: PHONES.regular, client, claim: 'emergency', crisis: true, crisisCategory: 'intent to die' });
    expect(raised?.priority).toBe('critical');
    await eventually(() => expect(api.textsTo(PHONES.lead).map((m) => m.Body).filter((b) => /ALERT: critical page/.test(b))).toHaveLength(1), 5_000);
    await eventually(() => expect(api.callsTo(PHONES.lead)).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(api.textsTo(PHONES.regular)).toHaveLength(1);
    expect(api.callsTo(PHONES.lead)).toHaveLength(3);
  });

  it('invariant 5: when nobody takes a page, then it climbs to the backup and the lead, and the exhausted ladder alerts the lead and re-sends 911/988 to the client', async () => {
    const page = await emergencyCall(PHONES.regular);
    await eventually(() => expect(api.textsTo(PHONES.ben)).toHaveLength(1), 5_000);
    await eventually(() => expect(api.textsTo(PHONES.lead)).toHaveLength(2), 8_000); // its tier, then the alert
    await eventually(async () => expect((await sys.pages.require(page.id)).status).toBe('exhausted'));
    expect(api.textsTo(PHONES.lead)[1]!.Body).toContain(`was not taken after 1 round`);
    await eventually(() => expect(api.callsTo(PHONES.lead)).toHaveLength(2));
    const toClient = await eventuallyDefined(() => api.textsTo(PHONES.regular)[0]);
    expect(toClient.Body).toMatch(/911.*988/);
    await eventually(async () => {
      const steps = (await sys.pages.require(page.id)).steps;
      expect(steps.map((s) => `${s.tier}:${s.clinicianId}:${s.channel}:${s.delivery}`)).toEqual(
        expect.arrayContaining(['primary:ana:sms:sent', 'backup:ben:sms:sent', 'lead:lead:sms:sent', 'lead-alert:lead:sms:sent', 'lead-alert:lead:voice:sent', 'client:client:sms:sent']),
      );
    });
    // the page stays visible and can still be taken
    const open = await sys.api('get', '/api/pages?status=exhausted').expect(200);
    expect(open.body.map((p: { id: string }) => p.id)).toEqual([page.id]);
    await sys.api('post', `/api/pages/${page.id}/ack`, { clinicianId: 'lead' }).expect(200);
    expect((await sys.pages.require(page.id)).status).toBe('acknowledged');
  });

  it('when a page is taken, then every clinician already paged gets one text saying who took it', async () => {
    const page = await emergencyCall(PHONES.regular);
    await eventually(() => expect(api.textsTo(PHONES.ben)).toHaveLength(1), 5_000);
    await pagerText(PHONES.ben, '1').expect(200);
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(2));
    expect(api.textsTo(PHONES.ana)[1]!.Body).toBe(`afterhours page ${page.code} was taken by Dr. Ben Cole at 2:00 AM. No action needed.`);
    await new Promise((r) => setTimeout(r, 300));
    expect(api.textsTo(PHONES.ben)).toHaveLength(1); // the taker is not told
    expect(api.textsTo(PHONES.lead)).toHaveLength(0);
  });

  it('when the clinician replies PASS, then the next tier is paged at once', async () => {
    const clockTimeout = await testSystemWithLongTimeout();
    try {
      const page = await clockTimeout.raise();
      await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
      const reply = verbsOf(await signedPost(clockTimeout.sys.app, '/twilio/sms', { MessageSid: `SM${'7'.repeat(32)}`, From: PHONES.ana, Body: 'pass' }).expect(200));
      expect(reply[0]!.text).toBe(`afterhours: page ${page.code} passed to the next clinician.`);
      await eventually(() => expect(api.textsTo(PHONES.ben)).toHaveLength(1));
    } finally {
      await clockTimeout.sys.teardown();
    }
  });
});

/** A second system with the default five-minute timeout, so only PASS can move the ladder. */
async function testSystemWithLongTimeout() {
  const other = await testSystem({ vars: { ...TWILIO_VARS, ACK_TIMEOUT_SECONDS: '300' }, now: clock.now });
  await seedPractice(other);
  other.startWorkers();
  return {
    sys: other,
    async raise() {
      const params = { CallSid: `CA${'8'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER };
      await signedPost(other.app, '/twilio/voice', params).expect(200);
      await signedPost(other.app, '/twilio/voice/answer?attempt=1&lang=en', { ...params, Digits: '1' }).expect(200);
      return (await other.pages.list())[0]!;
    },
  };
}

describe('paging: the next tier on time', () => {
  it('invariant 2: when the primary\'s call takes Twilio 3 s to accept, then the backup is still paged one ack timeout after the claim, not after the primary\'s sends have finished', async () => {
    // A practice of its own on the real clock, with the reconciler at its default 15 s: the next rung's job alone pages the backup in time.
    const own = await testSystem({ vars: { ...TWILIO_VARS, ACK_TIMEOUT_SECONDS: '4', ESCALATION_ROUNDS: '1' } });
    try {
      await seedPractice(own);
      const onCall = (await own.oncall.onCallAt(new Date()))!;
      const [primary, backup] = [onCall.primary, onCall.backup].map((id) => (id === 'ana' ? PHONES.ana : PHONES.ben));
      const startCall = own.messenger.startCall.bind(own.messenger);
      own.messenger.startCall = async (call) => {
        if (call.to === primary) await new Promise((r) => setTimeout(r, 3_000));
        return startCall(call);
      };
      own.startWorkers();
      const client = await own.directory.requireClient('regular');
      await own.intake.settle({ source: 'voice:CAslowcall', channel: 'voice', from: PHONES.regular, client, claim: 'emergency', crisis: false });
      // the primary's text goes out at the claim, beside the call still waiting on Twilio
      await eventually(() => expect(api.textsTo(primary!)).toHaveLength(1));
      // ACK_TIMEOUT_SECONDS is 4: the backup is due 4 s after the claim, not 4 s after the call was accepted (7 s)
      await eventually(() => expect(api.textsTo(backup!)).toHaveLength(1), 5_500);
    } finally {
      await own.teardown();
    }
  });
});

describe('paging: the voice page', () => {
  it('when a voicemail greeting answers the page call, then nothing about the client is said and it is not a take', async () => {
    const page = await emergencyCall(PHONES.regular);
    const call = await eventuallyDefined(() => api.callsTo(PHONES.ana)[0]);
    const res = await signedPost(sys.app, call.Url, { CallSid: call.sid, AnsweredBy: 'machine_end_beep', To: PHONES.ana }).expect(200);
    const verbs = readTwiml(res.text);
    expect(spokenText(verbs)).not.toMatch(/R\. R|claimed|code/);
    expect(verbs.at(-1)!.name).toBe('Hangup');
    expect((await sys.pages.require(page.id)).status).toBe('open');
  });

  it('invariant 5: when the clinician presses 1 on the page call, then it is taken by keypress, and 1 again connects them through the practice number', async () => {
    const page = await emergencyCall(PHONES.regular);
    const call = await eventuallyDefined(() => api.callsTo(PHONES.ana)[0]);
    const answered = verbsOf(await signedPost(sys.app, call.Url, { CallSid: call.sid, AnsweredBy: 'human', To: PHONES.ana }).expect(200));
    const gather = find(answered, 'Gather')!;
    expect(spokenText(gather.children)).toContain(`code ${page.code.split('').join(' ')}`);
    const taken = verbsOf(await signedPost(sys.app, gather.attrs.action!, { CallSid: call.sid, Digits: '1' }).expect(200));
    expect(await sys.pages.require(page.id)).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ana', acknowledgedVia: 'voice' });
    const connect = verbsOf(await signedPost(sys.app, find(taken, 'Gather')!.attrs.action!, { CallSid: call.sid, Digits: '1' }).expect(200));
    const dial = find(connect, 'Dial')!;
    expect(dial.attrs.callerId).toBe(TWILIO_VARS.TWILIO_PHONE_NUMBER);
    expect(dial.text).toBe(PHONES.regular);
  });

  it('when the clinician replies CALL, then the page is theirs and the practice line rings them to connect the client', async () => {
    const page = await emergencyCall(PHONES.regular);
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    await pagerText(PHONES.ana, `call ${page.code}`).expect(200);
    const bridge = await eventuallyDefined(() => api.calls.find((c) => c.Url.includes('/twilio/page/bridge')));
    expect(bridge).toMatchObject({ To: PHONES.ana, From: TWILIO_VARS.TWILIO_PHONE_NUMBER });
    const verbs = verbsOf(await signedPost(sys.app, bridge.Url, { CallSid: bridge.sid, To: PHONES.ana }).expect(200));
    expect(find(verbs, 'Dial')).toMatchObject({ text: PHONES.regular, attrs: expect.objectContaining({ callerId: TWILIO_VARS.TWILIO_PHONE_NUMBER }) });
    expect((await sys.pages.require(page.id)).acknowledgedBy).toBe('ana');
  });
});

describe('paging: Twilio failures', () => {
  it('invariant 6: when Twilio answers 500 to a page text, then it is retried with backoff and delivered once', async () => {
    api.fail('Messages', { status: 500, code: 20500, message: 'Internal Server Error' }, { to: PHONES.ana, times: 2 });
    await emergencyCall(PHONES.regular);
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1), 8_000);
    expect(api.callsTo(PHONES.ana)).toHaveLength(1);
  });

  it('when the clinician has texted STOP (error 21610), then the page text is followed at once by a call', async () => {
    api.fail('Messages', { status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' }, { to: PHONES.ana });
    // a normal-priority page sends only a text, so the call here comes from the opt-out
    const page = await sys.intake.settle({ source: 'sms:SMstop', channel: 'sms', from: PHONES.regular, client: await sys.directory.requireClient('regular'), claim: 'no-answer', crisis: false });
    expect(page.page!.priority).toBe('normal');
    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(1));
    const steps = (await sys.pages.require(page.page!.id)).steps;
    expect(steps.find((s) => s.channel === 'sms')!.delivery).toBe('failed');
  });

  it('when a page text comes back undelivered, then a call follows at once', async () => {
    const { page } = await sys.intake.settle({ source: 'sms:SMundelivered', channel: 'sms', from: PHONES.regular, client: await sys.directory.requireClient('regular'), claim: 'no-answer', crisis: false });
    const text = await eventuallyDefined(() => api.textsTo(PHONES.ana)[0]);
    expect(api.callsTo(PHONES.ana)).toHaveLength(0);
    await signedPost(sys.app, '/twilio/page/status', { MessageSid: text.sid, MessageStatus: 'undelivered', ErrorCode: '30003' }).expect(204);
    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(1));
    expect((await sys.pages.require(page!.id)).status).toBe('open');
  });

  it('when the primary number is invalid, then the next tier is paged at once', async () => {
    api.fail('Messages', { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." }, { to: PHONES.ana });
    api.fail('Calls', { status: 400, code: 21211, message: "The 'To' number is not a valid phone number." }, { to: PHONES.ana });
    const slow = await testSystemWithLongTimeout();
    try {
      await slow.raise();
      await eventually(() => expect(api.textsTo(PHONES.ben)).toHaveLength(1), 4_000);
    } finally {
      await slow.sys.teardown();
    }
  });
});

describe('paging: admin API', () => {
  it('when a page is taken on the web, then the first take wins; unknown pages and clinicians are refused clearly', async () => {
    const page = await emergencyCall(PHONES.trusted);
    await sys.api('post', `/api/pages/${page.id}/ack`, { clinicianId: 'nobody' }).expect(400);
    await sys.api('post', '/api/pages/pg_none/ack', { clinicianId: 'ana' }).expect(404);
    const taken = await sys.api('post', `/api/pages/${page.id}/ack`, { clinicianId: 'ben' }).expect(200);
    expect(taken.body).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ben', acknowledgedVia: 'web', priority: 'critical' });
    const second = await sys.api('post', `/api/pages/${page.id}/ack`, { clinicianId: 'ana' }).expect(409);
    expect(second.body.message).toContain('already taken by ben');
    const list = await sys.api('get', '/api/pages?status=acknowledged').expect(200);
    expect(list.body).toHaveLength(1);
    await sys.api('get', '/api/pages?status=lost').expect(400);
  });
});

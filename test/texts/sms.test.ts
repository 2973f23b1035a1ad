import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANSWER_TIMEOUT_MS } from '../../src/texts/conversation.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { firstStepWaiting, testSystem, type TestSystem } from '../support/system.js';
import { eventually, fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let clock: ReturnType<typeof manualClock>;
let seq = 0;

beforeEach(async () => {
  api = fakeTwilioApi();
  clock = manualClock(new Date('2026-11-27T07:00:00Z')); // Friday 02:00 in New York
  sys = await testSystem({ vars: TWILIO_VARS, now: clock.now });
  await seedPractice(sys);
});
afterEach(async () => {
  await sys.teardown();
  api.done();
});

function nextSid() {
  seq += 1;
  return `SM${String(seq).padStart(32, '0')}`;
}

/** Sends a text as Twilio would and returns the reply text ('' when none). */
async function text(from: string, body: string, extra: Record<string, string> = {}, sid = nextSid()): Promise<string> {
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: sid, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0', ...extra }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}

const contactsOf = (clientId: string) => sys.history.listContacts({ clientId });
const hasSafetyLine = (reply: string) => /911/.test(reply) && /988/.test(reply);

/** Whether a reply fits two SMS segments: 306 GSM-7 characters, or 134 when it needs UCS-2. */
function fitsTwoSegments(reply: string): boolean {
  const gsm = /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,\-./:;<=>?¡ÄÖÑÜ§¿äöñüà\n\r]*$/.test(reply);
  return reply.length <= (gsm ? 306 : 134);
}

describe('text line: reply lengths', () => {
  it('when any reply of either language is sent, then it fits two SMS segments', async () => {
    const { TEXT_REPLIES } = await import('../../src/wording/index.js');
    const when = 'Monday after 9:00 AM';
    for (const r of Object.values(TEXT_REPLIES)) {
      for (const reply of [r.question('Riverside Psychiatry'), r.reask, r.paged, r.pagedAskDetails, r.detailsAdded, r.crisis, r.messageKept(when), r.added, r.help('Riverside Psychiatry'), r.helpOnly('Riverside Psychiatry'), r.helpPaged('Riverside Psychiatry'), r.unsure, r.resubscribed('Riverside Psychiatry')]) {
        expect(fitsTwoSegments(reply), reply).toBe(true);
      }
    }
  });
});

describe('text line: the danger line on every reply', () => {
  it('invariant 1: when any reply of either language is sent, then it carries 911 and 988 (the detector can miss a crisis)', async () => {
    const { TEXT_REPLIES } = await import('../../src/wording/index.js');
    for (const r of Object.values(TEXT_REPLIES)) {
      for (const reply of [r.question('P'), r.reask, r.unsure, r.paged, r.pagedAskDetails, r.detailsAdded, r.crisis, r.messageKept('soon'), r.added, r.help('P'), r.helpOnly('P'), r.helpPaged('P'), r.resubscribed('P')]) {
        expect(hasSafetyLine(reply), reply).toBe(true);
      }
    }
  });
});

describe('text line: the question', () => {
  it('invariant 1: when a client texts, then the reply asks YES or NO with the 911 / 988 line, and the first text is kept as the message', async () => {
    const reply = await text(PHONES.regular, 'Can we talk about my meds');
    expect(reply).toContain("Is this an emergency that can't wait for your next session? Reply YES or NO.");
    expect(hasSafetyLine(reply)).toBe(true);
    expect(fitsTwoSegments(reply)).toBe(true);
    const [contact] = await contactsOf('regular');
    expect(contact).toMatchObject({ channel: 'sms', message: 'Can we talk about my meds', claimedUrgency: 'no-answer', pageId: null });
  });

  it('invariant 2: when the client answers YES, then the page is queued at once, and anyone not fast-tracked is asked for a few words that join the page', async () => {
    await text(PHONES.regular, 'hi');
    const reply = await text(PHONES.regular, 'yes');
    expect(reply).toContain('paging the on-call psychiatrist');
    expect(reply).toContain('In a few words, what is happening?');
    expect(hasSafetyLine(reply)).toBe(true);
    const [contact] = await contactsOf('regular');
    const page = await sys.pages.require(contact!.pageId!);
    expect(page.priority).toBe('high');
    expect(await firstStepWaiting(sys, page.id)).toBe(1);
    const thanks = await text(PHONES.regular, 'panic attack, cannot breathe');
    expect(hasSafetyLine(thanks)).toBe(true);
    expect((await contactsOf('regular'))[0]!.message).toBe('hi\npanic attack, cannot breathe');
  });

  it('invariant 2: when an emergency-only client answers YES, then a critical page goes out and nothing more is asked', async () => {
    await text(PHONES.trusted, 'hi, it is me');
    const reply = await text(PHONES.trusted, 'Y');
    expect(reply).not.toContain('what is happening');
    expect(hasSafetyLine(reply)).toBe(true);
    const [contact] = await contactsOf('trusted');
    expect((await sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });

  it('when the client answers NO, then the message waits for the next business day with words that support waiting, and no page', async () => {
    await text(PHONES.regular, 'I had a rough day');
    const reply = await text(PHONES.regular, 'nope');
    expect(reply).toContain('your clinician will read it today after 9:00 AM');
    expect(reply).toContain('Waiting can be hard');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(fitsTwoSegments(reply)).toBe(true);
    expect(await contactsOf('regular')).toEqual([expect.objectContaining({ claimedUrgency: 'not-emergency', pageId: null })]);
    expect(await sys.pages.list()).toEqual([]);
  });

  it('when the answer is unclear, then the question is asked again and the words join the message', async () => {
    await text(PHONES.regular, 'hello');
    const reply = await text(PHONES.regular, 'what do you mean');
    expect(reply).toContain('please reply YES');
    expect((await contactsOf('regular'))[0]!.message).toBe('hello\nwhat do you mean');
  });

  it('when a Spanish-speaking client texts, then the line answers in Spanish and reads "si"', async () => {
    const question = await text(PHONES.spanish, 'hola');
    expect(question).toContain('Responda SI o NO');
    expect(fitsTwoSegments(question)).toBe(true);
    const reply = await text(PHONES.spanish, 'Sí');
    expect(reply).toContain('psiquiatra de guardia');
    expect(hasSafetyLine(reply)).toBe(true);
  });

  it('invariant 4: when a known client does not answer within 15 minutes, then they are paged at normal priority; an unknown number waits for the digest', async () => {
    await text(PHONES.regular, 'are you there');
    await text(PHONES.unknown, 'who is this');
    clock.advance(ANSWER_TIMEOUT_MS - 1_000);
    await sys.reconciler.runOnce();
    expect(await sys.pages.list()).toEqual([]);
    clock.advance(2_000);
    await sys.reconciler.runOnce();
    const pages = await sys.pages.list();
    expect(pages).toEqual([expect.objectContaining({ priority: 'normal', clientId: 'regular', why: expect.stringContaining('did not answer') })]);
    expect((await sys.history.listContacts({})).find((c) => c.clientId === null)).toMatchObject({ pageId: null });
  });

  it('invariant 4: when raising the 15-minute page fails, then the text stays due and the next reconciler pass pages it (crash-safe order)', async () => {
    await text(PHONES.regular, 'are you there');
    const [contact] = await contactsOf('regular');
    clock.advance(ANSWER_TIMEOUT_MS + 1_000);
    const raise = vi.spyOn(sys.pages, 'raise').mockRejectedValueOnce(new Error('Redis went away'));
    await sys.reconciler.runOnce();
    expect(raise).toHaveBeenCalledTimes(1);
    expect(await sys.pages.list()).toEqual([]);
    expect(await sys.redis.zscore(sys.keys.answerDue, contact!.id)).not.toBeNull();
    await sys.reconciler.runOnce();
    expect(await sys.pages.list()).toEqual([expect.objectContaining({ priority: 'normal', clientId: 'regular' })]);
    expect(await sys.redis.zscore(sys.keys.answerDue, contact!.id)).toBeNull();
  });
});

describe('text line: crisis language (invariant 3)', () => {
  it('invariant 3: when the first text carries crisis language, then a critical page goes out and the reply gives 988 and 911 at once', async () => {
    const reply = await text(PHONES.regular, 'I want it all to end');
    expect(reply).toMatch(/988/);
    expect(reply).toMatch(/911/);
    const [contact] = await contactsOf('regular');
    expect(contact).toMatchObject({ crisis: true });
    expect((await sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });

  it('invariant 3: when crisis language comes after the client said NO, then it still pages at critical priority, on the same contact', async () => {
    await text(PHONES.regular, 'just checking in');
    await text(PHONES.regular, 'no');
    const reply = await text(PHONES.regular, 'actually i took all my 💊');
    expect(hasSafetyLine(reply)).toBe(true);
    const contacts = await contactsOf('regular');
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ crisis: true, claimedUrgency: 'emergency' });
    expect((await sys.pages.require(contacts[0]!.pageId!)).priority).toBe('critical');
  });

  it('invariant 3: when crisis words follow an empty first text, then the page carries them once', async () => {
    await text(PHONES.regular, '');
    await text(PHONES.regular, 'I want to die');
    const [contact] = await contactsOf('regular');
    expect(contact).toMatchObject({ crisis: true, message: 'I want to die' });
  });

  it('invariant 3: when an unknown number texts crisis words, then it pages too, and the reply names no client', async () => {
    const reply = await text(PHONES.unknown, 'quiero morir');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(reply).not.toMatch(/Rob|Tess|Sofía/);
    expect(await sys.pages.list()).toEqual([expect.objectContaining({ priority: 'critical', clientId: null })]);
  });
});

describe('text line: keywords', () => {
  it('when a client texts STOP, then the opt-out is recorded and nothing is sent back; START opts back in', async () => {
    expect(await text(PHONES.regular, 'STOP')).toBe('');
    expect(await sys.redis.sismember(sys.keys.optOut, PHONES.regular)).toBe(1);
    expect(await contactsOf('regular')).toEqual([]);
    const back = await text(PHONES.regular, 'start');
    expect(back).toContain('texts from this line again');
    expect(await sys.redis.sismember(sys.keys.optOut, PHONES.regular)).toBe(0);
  });

  it('when Twilio itself handled the opt-out (OptOutType), then it is recorded the same way', async () => {
    await text(PHONES.regular, 'Unsubscribe', { OptOutType: 'STOP' });
    expect(await sys.redis.sismember(sys.keys.optOut, PHONES.regular)).toBe(1);
  });

  it('invariant 3: when a text has crisis language and a keyword, then crisis wins: "stop" opts out, "i want to stop living, end it all" pages', async () => {
    await text(PHONES.regular, 'stop');
    expect(await sys.pages.list()).toEqual([]);
    await text(PHONES.regular, 'I want it to end. STOP');
    expect(await sys.pages.list()).toHaveLength(1);
  });

  it('invariant 2: when a client texts HELP alone, then it is read as a call for help: it pages, and the answer names the practice with 911 / 988', async () => {
    const reply = await text(PHONES.regular, 'HELP');
    expect(reply).toContain('Riverside Psychiatry');
    expect(reply).toContain('paging the on-call psychiatrist');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(await sys.pages.list()).toEqual([expect.objectContaining({ priority: 'high' })]);
  });

  it('when a client texts INFO, then the answer has the practice name and the 911 / 988 line, and the text is still triaged', async () => {
    const reply = await text(PHONES.regular, 'INFO');
    expect(reply).toContain('Riverside Psychiatry');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(reply).toContain('Reply YES or NO');
    expect(await contactsOf('regular')).toHaveLength(1);
    await text(PHONES.regular, 'yes');
    expect(await sys.pages.list()).toHaveLength(1);
  });
});

describe('text line: duplicates, floods and pictures', () => {
  it('invariant 6: when the same MessageSid arrives again, even at once, then the reply is the same and nothing changes', async () => {
    await text(PHONES.regular, 'hi');
    const sid = nextSid();
    const replies = await Promise.all([1, 2, 3].map(() => signedPost(sys.app, '/twilio/sms', { MessageSid: sid, From: PHONES.regular, Body: 'YES' })));
    for (const r of replies) expect(r.status).toBe(200);
    const again = await text(PHONES.regular, 'YES', {}, sid);
    expect(again).toContain('paging the on-call psychiatrist');
    expect(await sys.pages.list()).toHaveLength(1);
    expect(await contactsOf('regular')).toHaveLength(1);
    expect((await contactsOf('regular'))[0]!.message).toBe('hi');
  });

  it('when a number sends many texts, then they are gathered into one contact, and an emergency among them still pages', async () => {
    await text(PHONES.regular, 'first');
    for (let i = 0; i < 15; i++) await text(PHONES.regular, `more ${i}`);
    expect(await contactsOf('regular')).toHaveLength(1);
    await text(PHONES.regular, 'yes');
    expect(await sys.pages.list()).toHaveLength(1);
  });

  it('when a picture is sent, then the contact notes it and keeps the media address', async () => {
    await text(PHONES.regular, '', { NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME1' });
    expect((await contactsOf('regular'))[0]).toMatchObject({ message: '(picture attached)', mediaUrls: ['https://api.twilio.com/media/ME1'] });
  });

  it('when a clinician texts the practice number, then it is a pager reply, never a client contact', async () => {
    const reply = await text(PHONES.ana, 'hello');
    expect(reply).toContain('reply 1 to take a page');
    expect(await sys.history.listContacts({})).toEqual([]);
  });
});

describe('text line: after the page', () => {
  it('when the page of a client who texted is taken, then the client is told at their number on file', async () => {
    sys.startWorkers();
    await text(PHONES.regular, 'hi');
    await text(PHONES.regular, 'yes');
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    await text(PHONES.ana, '1');
    const told = await eventually(() => {
      expect(api.textsTo(PHONES.regular)).toHaveLength(1);
      return api.textsTo(PHONES.regular)[0]!;
    });
    expect(told.Body).toContain('the on-call psychiatrist has your message');
    expect(hasSafetyLine(told.Body)).toBe(true);
  });

  it('invariant 2: when a silent texter\'s normal page is raised by a later YES, then the clinician already texted is called at once', async () => {
    sys.startWorkers();
    await text(PHONES.regular, 'are you there');
    clock.advance(ANSWER_TIMEOUT_MS + 1_000);
    await sys.reconciler.runOnce();
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    expect(api.callsTo(PHONES.ana)).toHaveLength(0);
    await text(PHONES.regular, 'yes');
    await eventually(() => expect(api.callsTo(PHONES.ana)).toHaveLength(1));
    expect((await sys.pages.list())[0]).toMatchObject({ priority: 'high' });
    expect(api.textsTo(PHONES.ana)).toHaveLength(1);
  });

  it('when the client has opted out at Twilio (21610) and the ladder runs out, then the page is still exhausted, visible and the lead alerted', async () => {
    const quick = await testSystem({ vars: { ...TWILIO_VARS, ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1' }, now: clock.now });
    try {
      await seedPractice(quick);
      quick.startWorkers();
      api.fail('Messages', { status: 400, code: 21610, message: 'unsubscribed' }, { to: PHONES.regular, times: 5 });
      const { page } = await quick.intake.settle({ source: 'sms:SMoptedout', channel: 'sms', from: PHONES.regular, client: await quick.directory.requireClient('regular'), claim: 'emergency', crisis: false });
      await eventually(async () => expect((await quick.pages.require(page!.id)).status).toBe('exhausted'), 8_000);
      await eventually(() => expect(api.textsTo(PHONES.lead).some((m) => m.Body.includes('ALERT'))).toBe(true));
      await eventually(async () => {
        const steps = (await quick.pages.require(page!.id)).steps;
        expect(steps.find((s) => s.tier === 'client')).toMatchObject({ delivery: 'failed' });
      });
    } finally {
      await quick.teardown();
    }
  });
});

describe('morning digest', () => {
  it('when business hours open, then each clinician gets one text with how many messages wait, no client detail, once a day', async () => {
    await text(PHONES.regular, 'note one');
    await text(PHONES.regular, 'no');
    await text(PHONES.spanish, 'hola');
    await text(PHONES.spanish, 'no');
    await text(PHONES.unknown, 'is this the clinic?');
    clock.advance(7 * 3_600_000); // 09:00
    expect(await sys.digest.run()).toEqual({ sent: 3 });
    expect(api.textsTo(PHONES.ana).map((m) => m.Body)).toEqual(["afterhours: 1 after-hours message is waiting for you. Review them at https://afterhours.test/console/contacts"]);
    expect(api.textsTo(PHONES.ben)).toHaveLength(1);
    expect(api.textsTo(PHONES.lead)).toHaveLength(1); // the unknown number's message
    for (const m of api.messages) expect(m.Body).not.toMatch(/note|hola|clinic|Rob|Sof/);
    expect(await sys.digest.run()).toEqual({ sent: 0 });
    expect(api.messages).toHaveLength(3);
  });

  it('when workers start, then the digest is scheduled once at the opening of business hours in the practice zone', async () => {
    await sys.digest.schedule();
    await sys.digest.schedule();
    const schedulers = await sys.digest.queue.getJobSchedulers();
    expect(schedulers).toEqual([expect.objectContaining({ key: 'digest', pattern: '0 9 * * 1,2,3,4,5', tz: 'America/New_York' })]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANSWER_TIMEOUT_MS } from '../../src/texts/conversation.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { firstStepWaiting, testSystem, type TestSystem } from '../support/system.js';
import { eventually, fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let clock: ReturnType<typeof manualClock>;
let seq = 0;

async function start(vars: Record<string, string> = {}, seed = true) {
  api = fakeTwilioApi();
  clock = manualClock(new Date('2026-11-27T07:00:00Z')); // Friday 02:00 in New York
  sys = await testSystem({ vars: { ...TWILIO_VARS, ...vars }, now: clock.now });
  if (seed) await seedPractice(sys);
}
beforeEach(() => start());
/** A fresh system with other settings, in place of the one beforeEach made. */
async function restart(vars: Record<string, string>, seed = true) {
  await sys.teardown();
  api.done();
  await start(vars, seed);
}
afterEach(async () => {
  await sys.teardown();
  api.done();
});

/** Sends a text as Twilio would, signed, and returns the reply text ('' when none). */
async function text(from: string, body: string, extra: Record<string, string> = {}): Promise<string> {
  seq += 1;
  const sid = `SM${String(seq).padStart(32, '0')}`;
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: sid, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0', ...extra }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}

const hasSafetyLine = (reply: string) => /911/.test(reply) && /988/.test(reply);
const pages = () => sys.pages.list();
const contactsFrom = async (phone: string) => (await sys.history.listContacts({})).filter((c) => c.from === phone);

describe('text line: an emergency is heard wherever it is said (invariant 2)', () => {
  it('invariant 2: when a known client\'s first text claims an emergency, then the page goes out at once, at least high, and the reply gives 911 / 988', async () => {
    const reply = await text(PHONES.regular, 'EMERGENCY please call me right now');
    expect(reply).toContain('paging the on-call psychiatrist');
    expect(hasSafetyLine(reply)).toBe(true);
    const [page] = await pages();
    expect(page).toMatchObject({ clientId: 'regular', priority: 'high', why: expect.stringContaining('claimed emergency') });
    expect(await firstStepWaiting(sys, page!.id)).toBe(1);
    const [contact] = await contactsFrom(PHONES.regular);
    expect(contact).toMatchObject({ claimedUrgency: 'emergency', message: 'EMERGENCY please call me right now' });
  });

  it('invariant 2: when an unknown number\'s first text claims an emergency, then it is paged too, without waiting for an answer', async () => {
    const reply = await text(PHONES.unknown, 'this is an emergency, call me');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(await pages()).toEqual([expect.objectContaining({ clientId: null, priority: 'high' })]);
  });

  it('invariant 2: when a Spanish first text says "necesito ayuda, es urgente", then it is paged', async () => {
    const reply = await text(PHONES.spanish, 'necesito ayuda es urgente');
    expect(reply).toContain('psiquiatra de guardia');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(await pages()).toHaveLength(1);
  });

  it('invariant 2: when a Spanish client\'s first text says "ayúdeme" or "llámeme ya" (the formal forms), then it is paged at once', async () => {
    const reply = await text(PHONES.spanish, 'ayúdeme por favor, llámeme ya');
    expect(reply).toContain('psiquiatra de guardia');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(await pages()).toEqual([expect.objectContaining({ clientId: 'spanish', priority: 'high' })]);
  });

  it('when a first text says it is not an emergency, then it stays a message and the question is asked', async () => {
    const reply = await text(PHONES.regular, "it's not an emergency, just a question about my refill");
    expect(reply).toContain('Reply YES or NO');
    expect(await pages()).toEqual([]);
  });

  it('invariant 2: when a client answered NO and later texts "YES it\'s an emergency now, please call me", then the page goes out with 911 / 988', async () => {
    await text(PHONES.regular, 'hi');
    await text(PHONES.regular, 'no');
    const reply = await text(PHONES.regular, "YES it's an emergency now, please call me");
    expect(reply).toContain('paging the on-call psychiatrist');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(await pages()).toEqual([expect.objectContaining({ priority: 'high' })]);
    const [contact] = await contactsFrom(PHONES.regular);
    expect(contact).toMatchObject({ claimedUrgency: 'emergency', message: "hi\nYES it's an emergency now, please call me" });
  });

  it('invariant 2: when a client answers the question "no its urgent" (no comma), then it pages, and no message is kept for the morning', async () => {
    await text(PHONES.regular, 'hi');
    const reply = await text(PHONES.regular, 'no its urgent');
    expect(reply).toContain('paging the on-call psychiatrist');
    expect(await pages()).toEqual([expect.objectContaining({ priority: 'high' })]);
  });

  it('invariant 2: when a client answered NO and then texts a bare YES, then it is read as changing the answer and pages', async () => {
    await text(PHONES.regular, 'hi');
    await text(PHONES.regular, 'no');
    expect(hasSafetyLine(await text(PHONES.regular, 'yes'))).toBe(true);
    expect(await pages()).toHaveLength(1);
  });

  it('invariant 2: when the conversation has closed and the client then says "I need help now", then it pages', async () => {
    await text(PHONES.regular, 'hi');
    await text(PHONES.regular, 'no');
    expect(await text(PHONES.regular, 'ok thanks')).toContain('added this to your message');
    const reply = await text(PHONES.regular, 'actually I need help now');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(await pages()).toHaveLength(1);
  });

  it('invariant 2: when a client gives details after YES and claims the emergency again, then the one page stands and nothing is sent twice', async () => {
    await text(PHONES.regular, 'hi');
    expect(await text(PHONES.regular, 'yes')).toContain('In a few words');
    expect(hasSafetyLine(await text(PHONES.regular, 'urgent, please call me now'))).toBe(true);
    expect(await pages()).toHaveLength(1);
    expect((await contactsFrom(PHONES.regular))).toHaveLength(1);
  });
});

describe('text line: distress and doubt are never read as no (invariant 2)', () => {
  it('invariant 2: when a known client answers "I\'m not okay" and then "I don\'t know", then they are reassured once and then paged as unsure', async () => {
    await text(PHONES.regular, 'hey');
    const first = await text(PHONES.regular, "I'm not okay");
    expect(first).toContain("If you are not sure, that's all right: reply YES");
    expect(hasSafetyLine(first)).toBe(true);
    expect(await pages()).toEqual([]);
    const second = await text(PHONES.regular, "I don't know");
    expect(second).toContain('paging the on-call psychiatrist');
    expect(hasSafetyLine(second)).toBe(true);
    const [page] = await pages();
    expect(page).toMatchObject({ priority: 'normal', why: expect.stringContaining('unsure') });
    expect((await contactsFrom(PHONES.regular))[0]).toMatchObject({ claimedUrgency: 'unsure', message: "hey\nI'm not okay\nI don't know" });
  });

  it('invariant 2: when a client answers "no, I feel awful", then it is not read as no: they are reassured and asked again, and no message is kept yet', async () => {
    await text(PHONES.regular, 'hey');
    const reply = await text(PHONES.regular, 'no, I feel awful');
    expect(reply).toContain("If you are not sure, that's all right: reply YES");
    expect(reply).not.toContain('Your message is saved');
    expect(await text(PHONES.regular, 'idk')).toContain('paging the on-call psychiatrist');
    expect(await pages()).toEqual([expect.objectContaining({ why: expect.stringContaining('unsure') })]);
  });

  it('invariant 2: when an unknown number is unsure twice, in Spanish, then it is paged too', async () => {
    await text(PHONES.unknown, 'hola');
    await text(PHONES.unknown, 'no sé');
    await text(PHONES.unknown, 'no estoy bien');
    expect(await pages()).toEqual([expect.objectContaining({ clientId: null, priority: 'normal' })]);
  });

  it('when a client is unsure and then answers NO, then the message is kept for the next business day and nobody is paged', async () => {
    await text(PHONES.regular, 'hey');
    await text(PHONES.regular, 'not sure');
    expect(await text(PHONES.regular, 'no')).toContain('Your message is saved');
    expect(await pages()).toEqual([]);
  });

  it('invariant 4: when an unknown number is unsure once and then silent for 15 minutes, then it is paged as unsure', async () => {
    await text(PHONES.unknown, 'hello?');
    await text(PHONES.unknown, 'maybe');
    clock.advance(ANSWER_TIMEOUT_MS + 1_000);
    await sys.reconciler.runOnce();
    expect(await pages()).toEqual([expect.objectContaining({ clientId: null, why: expect.stringContaining('unsure') })]);
  });

  it('invariant 2: when an unknown number\'s first text says it is not okay and it then stays silent for 15 minutes, then it is paged as unsure', async () => {
    expect(await text(PHONES.unknown, "i'm not okay and i'm scared")).toContain('Reply YES or NO');
    clock.advance(ANSWER_TIMEOUT_MS + 1_000);
    await sys.reconciler.runOnce();
    expect(await pages()).toEqual([expect.objectContaining({ clientId: null, priority: 'normal', why: expect.stringContaining('unsure') })]);
  });

  it('invariant 2: when a first text says the client is not okay and the answer to the question cannot be read, then it pages as unsure', async () => {
    await text(PHONES.unknown, 'no estoy bien');
    expect(hasSafetyLine(await text(PHONES.unknown, 'what do you mean'))).toBe(true);
    expect(await pages()).toEqual([expect.objectContaining({ clientId: null, why: expect.stringContaining('unsure') })]);
  });

  it('when an unknown number is silent for 15 minutes without doubt, then its message waits for the morning and nobody is paged', async () => {
    await text(PHONES.unknown, 'is this the clinic?');
    clock.advance(ANSWER_TIMEOUT_MS + 1_000);
    await sys.reconciler.runOnce();
    expect(await pages()).toEqual([]);
    expect(await sys.redis.zcard(sys.keys.answerDue)).toBe(0);
  });
});

describe('text line: what a reply really says', () => {
  it('invariant 2: when Twilio marks a YES as an opt-in word (OptOutType START), then it is still the answer and pages', async () => {
    await text(PHONES.regular, 'something is wrong');
    const reply = await text(PHONES.regular, 'YES', { OptOutType: 'START' });
    expect(reply).toContain('paging the on-call psychiatrist');
    expect(await pages()).toHaveLength(1);
  });

  it('invariant 2: when a client answered NO and then writes "I\'m really not okay", then the question is open again and the next doubt pages', async () => {
    await text(PHONES.regular, 'hi');
    await text(PHONES.regular, 'no');
    expect(await text(PHONES.regular, "I'm really not okay")).toContain("If you are not sure, that's all right");
    expect(await pages()).toEqual([]);
    await text(PHONES.regular, 'idk');
    expect(await pages()).toEqual([expect.objectContaining({ why: expect.stringContaining('unsure') })]);
  });

  it('invariant 2: when an unknown number answers twice in words that are neither yes nor no, then it is paged as unsure', async () => {
    await text(PHONES.unknown, 'hello');
    expect(await text(PHONES.unknown, 'what do you mean')).toContain('please reply YES');
    expect(hasSafetyLine(await text(PHONES.unknown, 'please, I have been waiting all night'))).toBe(true);
    expect(await pages()).toEqual([expect.objectContaining({ clientId: null, why: expect.stringContaining('unsure') })]);
  });

  it('invariant 9: when a client texts that she is scared and then STOP while the question waits, then the 15-minute silence still pages, and the page says to call', async () => {
    await text(PHONES.regular, "i'm scared");
    expect(await text(PHONES.regular, 'STOP')).toBe('');
    clock.advance(ANSWER_TIMEOUT_MS + 1_000);
    await sys.reconciler.runOnce();
    expect(await pages()).toEqual([expect.objectContaining({ priority: 'normal', why: expect.stringContaining('client has opted out of texts: call') })]);
    expect(await contactsFrom(PHONES.regular)).toHaveLength(1);
  });

  it('when a text waits for its number\'s lock longer than usual, then it is still handled normally, not as an outage', async () => {
    await sys.redis.set(sys.keys.lock(`conversation:${PHONES.regular}`), 'someone-else', 'PX', 10_000);
    const reply = await text(PHONES.regular, 'hi');
    expect(reply).toContain('Reply YES or NO');
    expect(api.textsTo(TWILIO_VARS.FALLBACK_ONCALL_PHONE)).toEqual([]);
  });
});

describe('text line: STOP means stop (invariant 9)', () => {
  it('invariant 9: when an opted-out client texts crisis words, then it pages at critical, the page says to call, and no reply is sent', async () => {
    sys.startWorkers();
    await text(PHONES.regular, 'STOP');
    expect(await text(PHONES.regular, 'i want to kill myself')).toBe('');
    const [page] = await pages();
    expect(page).toMatchObject({ priority: 'critical', why: expect.stringContaining('client has opted out of texts: call') });
    const pageText = await eventually(() => {
      expect(api.textsTo(PHONES.ana)).toHaveLength(1);
      return api.textsTo(PHONES.ana)[0]!.Body;
    });
    expect(pageText).toContain('opted out of texts: call');
  });

  it('invariant 9: when an opted-out client claims an emergency and the page is taken, then the client gets no "page taken" text', async () => {
    sys.startWorkers();
    await text(PHONES.regular, 'stop');
    expect(await text(PHONES.regular, 'emergency, call me now')).toBe('');
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    await text(PHONES.ana, '1');
    await eventually(async () => expect((await pages())[0]).toMatchObject({ status: 'acknowledged' }));
    await new Promise((r) => setTimeout(r, 300)); // the notices job
    expect(api.textsTo(PHONES.regular)).toEqual([]);
  });

  it('invariant 9: when an opted-out client\'s ladder runs out, then the lead is alerted and the client gets no 911 / 988 re-send', async () => {
    await restart({ ACK_TIMEOUT_SECONDS: '1', ESCALATION_ROUNDS: '1' });
    sys.startWorkers();
    await text(PHONES.regular, 'STOP');
    await text(PHONES.regular, 'please help me now');
    const [page] = await pages();
    await eventually(async () => expect((await sys.pages.require(page!.id)).status).toBe('exhausted'), 10_000);
    await eventually(() => expect(api.textsTo(PHONES.lead).some((m) => m.Body.includes('ALERT'))).toBe(true));
    await new Promise((r) => setTimeout(r, 300));
    expect(api.textsTo(PHONES.regular)).toEqual([]);
    expect((await sys.pages.require(page!.id)).steps.some((s) => s.tier === 'client')).toBe(false);
  });

  it('invariant 9: when a client texts START after STOP, then replies and notices resume', async () => {
    await text(PHONES.regular, 'STOP');
    expect(await text(PHONES.regular, 'hello')).toBe('');
    expect(await text(PHONES.regular, 'START')).toContain('texts from this line again');
    expect(hasSafetyLine(await text(PHONES.regular, 'urgent'))).toBe(true);
  });
});

describe('text line: the fallback phone is a pager', () => {
  it('when no schedule is set and the fallback phone replies 1, then it takes the page and no client contact or second page is made', async () => {
    await restart({}, false);
    sys.startWorkers();
    await text(PHONES.unknown, 'emergency please call');
    const pageText = await eventually(() => {
      expect(api.textsTo(TWILIO_VARS.FALLBACK_ONCALL_PHONE)).toHaveLength(1);
      return api.textsTo(TWILIO_VARS.FALLBACK_ONCALL_PHONE)[0]!.Body;
    });
    expect(pageText).toContain('Reply 1 to take');
    const reply = await text(TWILIO_VARS.FALLBACK_ONCALL_PHONE, '1');
    expect(reply).toMatch(/page \d{4} is yours/);
    const [page] = await pages();
    expect(page).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'fallback', acknowledgedVia: 'sms' });
    expect(await pages()).toHaveLength(1);
    expect(await contactsFrom(TWILIO_VARS.FALLBACK_ONCALL_PHONE)).toEqual([]);
  });
});

describe('text line: why a crisis page was raised', () => {
  it('invariant 3: when crisis language pages, then the page names the kind of language read and never the client\'s words', async () => {
    await text(PHONES.regular, 'i took a handful of my klonopin');
    const [page] = await pages();
    expect(page).toMatchObject({ priority: 'critical', why: expect.stringMatching(/^crisis language \(means or overdose\); /) });
    expect(page!.why).not.toMatch(/klonopin|handful/);
  });
});

describe('text line: a page raised to critical', () => {
  it('invariant 3: when a high page\'s client then texts crisis words, then the tier already paged is texted again as CRITICAL, and the page says why', async () => {
    sys.startWorkers();
    await text(PHONES.regular, 'can i change my appointment');
    await text(PHONES.regular, 'yes');
    await eventually(() => expect(api.textsTo(PHONES.ana)).toHaveLength(1));
    expect(api.textsTo(PHONES.ana)[0]!.Body).toContain('HIGH page');
    await text(PHONES.regular, 'I took all my pills');
    const critical = await eventually(() => {
      expect(api.textsTo(PHONES.ana)).toHaveLength(2);
      return api.textsTo(PHONES.ana)[1]!.Body;
    });
    expect(critical).toMatch(/CRITICAL page \d{4}: client R\.R\., crisis language \(means or overdose\)/);
    expect((await pages())[0]).toMatchObject({ priority: 'critical', why: expect.stringContaining('crisis language (means or overdose)') });
    await new Promise((r) => setTimeout(r, 300));
    expect(api.callsTo(PHONES.ana)).toHaveLength(1); // the call was made at high; the new text carries the news
  });
});

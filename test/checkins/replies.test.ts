import { beforeEach, describe, expect, it } from 'vitest';
import { PHONES } from '../support/practice.js';
import type { TestSystem } from '../support/system.js';
import { eveningCheckInForEach } from '../support/checkins.js';
import type { fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let clock: ReturnType<typeof manualClock>;
let seq = 0;
const HOUR = 3_600_000;

eveningCheckInForEach((p) => ((sys = p.sys), (api = p.api), (clock = p.clock)));
beforeEach(async () => {
  // Rob (mixed standing, no history yet) gets his evening check-in at 20:00.
  clock.advance(12 * HOUR + 60_000);
  await sys.checkInScheduler.sweep();
  expect(api.textsTo(PHONES.regular)).toHaveLength(1);
});

async function text(from: string, body: string): Promise<string> {
  seq += 1;
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '0')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}

const contacts = () => sys.history.listContacts({ clientId: 'regular' });
const standing = async () => (await sys.api('get', '/api/clients/regular').expect(200)).body.standing;
const safety = (reply: string) => /911/.test(reply) && /988/.test(reply);

describe('check-in replies', () => {
  it('when the wait of an answered check-in is over, then the digest does not list it', async () => {
    await text(PHONES.regular, '1');
    clock.advance(13 * HOUR);
    await sys.digest.run();
    expect(api.textsTo(PHONES.ana).filter((m) => /Check-ins/.test(m.Body))).toEqual([]);
  });

  it('when the client answers 1-3, then it is a check-in contact, thanked with the 988 line, no page, and standing is untouched', async () => {
    const before = await standing();
    const reply = await text(PHONES.regular, '2');
    expect(reply).toMatch(/Thank you/);
    expect(safety(reply)).toBe(true);
    expect(await contacts()).toEqual([expect.objectContaining({ channel: 'check-in', claimedUrgency: 'not-emergency', pageId: null, message: '2' })]);
    expect(await sys.pages.list()).toEqual([]);
    expect(await standing()).toEqual(before);
    expect((await sys.api('get', '/api/clients/regular/checkins').expect(200)).body.checkIns[0].answeredBy).toBe((await contacts())[0]!.id);
  });

  it('when the client answers 4, then a normal page goes to the on-call clinician and the reply says the psychiatrist will be told; standing is untouched', async () => {
    const before = await standing();
    const reply = await text(PHONES.regular, '4');
    expect(await standing()).toEqual(before);
    expect(reply).toMatch(/psychiatrist know/);
    expect(safety(reply)).toBe(true);
    const [contact] = await contacts();
    expect(contact).toMatchObject({ channel: 'check-in', claimedUrgency: 'unsure' });
    expect(await sys.pages.require(contact!.pageId!)).toMatchObject({ priority: 'normal', why: expect.stringContaining('struggling (4 of 5)') });
  });

  it('invariant 3: when the client answers 5, uses crisis language or claims an emergency, then a critical page goes at once and the reply gives 988 and 911', async () => {
    for (const [phone, body, clientId] of [
      [PHONES.regular, '5', 'regular'],
      [PHONES.trusted, 'I want to end my life', 'trusted'],
      [PHONES.spanish, 'es una emergencia', 'spanish'],
    ] as const) {
      if (clientId !== 'regular') {
        await sys.api('put', `/api/clients/${clientId}/checkins`, { times: ['20:00'], from: '2026-11-27', until: '2026-12-10' }).expect(201);
        clock.advance(60_000);
        await sys.redis.hset(sys.keys.checkInCursor, clientId, String(clock.now().getTime() - 5 * 60_000));
        await sys.checkInScheduler.sweep();
      }
      const reply = await text(phone, body);
      expect(safety(reply), body).toBe(true);
      const [contact] = await sys.history.listContacts({ clientId });
      expect(contact, body).toMatchObject({ channel: 'check-in', claimedUrgency: 'emergency' });
      expect((await sys.pages.require(contact!.pageId!)).priority, body).toBe('critical');
    }
  });

  it('when the client writes something else, then it is kept and answered kindly; a later 5 on the same check-in raises one page on the same contact', async () => {
    const reply = await text(PHONES.regular, 'long day, will talk about it tuesday');
    expect(reply).toMatch(/saved your words/);
    expect(safety(reply)).toBe(true);
    expect(await sys.pages.list()).toEqual([]);
    await text(PHONES.regular, '5');
    const all = await contacts();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ channel: 'check-in', message: 'long day, will talk about it tuesday\n5' });
    expect(await sys.pages.list()).toEqual([expect.objectContaining({ priority: 'critical' })]);
  });

  it('when 12 hours have passed since the check-in, then a text is an ordinary text again (the urgency question)', async () => {
    clock.advance(12 * HOUR);
    const reply = await text(PHONES.regular, 'question about my dose');
    expect(reply).toMatch(/Is this an emergency/);
    expect(await contacts()).toEqual([expect.objectContaining({ channel: 'sms' })]);
  });

  it('when the client texts STOP while a check-in waits, then it opts out (no reply) and the next text is not a check-in reply', async () => {
    expect(await text(PHONES.regular, 'STOP')).toBe('');
    expect(await sys.optOuts.has(PHONES.regular)).toBe(true);
    await text(PHONES.regular, 'I want to kill myself');
    const [contact] = await contacts();
    expect(contact).toMatchObject({ channel: 'sms', crisis: true });
  });

  it('invariant 9: when the number is opted out (Twilio said so) while a check-in waits, then a 5 still pages critical, the page says to call, and nothing is texted back', async () => {
    await sys.optOuts.add(PHONES.regular);
    expect(await text(PHONES.regular, '5')).toBe('');
    const [contact] = await contacts();
    expect(await sys.pages.require(contact!.pageId!)).toMatchObject({ priority: 'critical', why: expect.stringContaining('opted out of texts: call') });
  });

  it('when check-ins go unanswered, then the client\'s clinician reads it in the morning digest, two in a row flagged, each an uncounted check-in contact', async () => {
    clock.advance(24 * HOUR); // Saturday 20:01: the second check-in
    await sys.checkInScheduler.sweep();
    clock.advance(61 * HOUR - 60_000); // Monday 09:00
    await sys.digest.run();
    const digest = api.textsTo(PHONES.ana).map((m) => m.Body);
    expect(digest).toEqual([expect.stringContaining('R.R. 2 check-ins unanswered (2 IN A ROW')]);
    expect(await contacts()).toEqual([
      expect.objectContaining({ channel: 'check-in', claimedUrgency: 'no-answer', pageId: null, at: '2026-11-29T01:00:00.000Z' }),
      expect.objectContaining({ channel: 'check-in', claimedUrgency: 'no-answer', pageId: null, at: '2026-11-28T01:00:00.000Z' }),
    ]);
    expect((await standing()).contacts).toBe(0);
    await sys.digest.run();
    expect(await contacts()).toHaveLength(2);
  });
});

// Review of issue #14 (rev-trust): check-in replies that a client in crisis might send and that
// the reply line loses or under-triages. Each test states what the issue / DESIGN requires.
import { describe, expect, it } from 'vitest';
import { claimOfAnswer, readCheckInReply } from '../../src/checkins/reading.js';
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

async function text(from: string, body: string, media: string[] = []): Promise<string> {
  seq += 1;
  const params: Record<string, string> = { MessageSid: `SM${String(seq).padStart(32, '7')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: String(media.length) };
  media.forEach((url, i) => (params[`MediaUrl${i}`] = url));
  const res = await signedPost(sys.app, '/twilio/sms', params).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}
const contacts = () => sys.history.listContacts({ clientId: 'regular' });

describe('review: how a check-in reply is read (pure)', () => {
  it.each([
    ['five', 'emergency'],
    ['Five.', 'emergency'],
    ['cinco', 'emergency'],
    ['4.5', 'unsure'],
    ['4-5', 'unsure'],
    ['5 5 5', 'emergency'],
    ['honestly I am at a 5 tonight and shaking', 'emergency'],
    ['four', 'unsure'],
    ['4 or 5', 'unsure'],
    ['between 4 and 5', 'unsure'],
    ['6', 'unsure'],
    ['10', 'unsure'],
    ["I'm not ok", 'unsure'],
  ] as const)('invariant 3 / issue #14: a check-in reply %j is read as at least %s, never as "other" (no page)', (body, least) => {
    const claim = claimOfAnswer(readCheckInReply(body));
    const rank = { 'no-answer': 0, 'not-emergency': 0, unsure: 1, emergency: 2 } as const;
    expect(rank[claim], `${body} -> ${claim}`).toBeGreaterThanOrEqual(rank[least]);
  });
});

describe('review: check-in replies through the webhook', () => {
  eveningCheckInForEach((p) => ((sys = p.sys), (api = p.api), (clock = p.clock)));

  async function checkInGoesOut() {
    clock.advance(12 * HOUR + 60_000); // 20:01
    await sys.checkInScheduler.sweep();
    expect(api.textsTo(PHONES.regular).filter((m) => /check-in/.test(m.Body))).toHaveLength(1);
  }

  it('invariant 3: a client answering a check-in with "five" gets a critical page and the 988/911 reply', async () => {
    await checkInGoesOut();
    const reply = await text(PHONES.regular, 'five');
    expect(reply).toMatch(/911/);
    const [contact] = await contacts();
    expect(contact?.pageId, 'no page was raised for "five"').toBeTruthy();
    expect((await sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });

  it('issue #14: a 4 or 5 written as "4.5" pages (at least normal) instead of being filed as words', async () => {
    await checkInGoesOut();
    await text(PHONES.regular, '4.5');
    const [contact] = await contacts();
    expect(contact?.pageId, 'no page was raised for "4.5"').toBeTruthy();
  });

  it('issue #14 "anything else: recorded": a photo sent as a check-in reply is kept on the contact', async () => {
    await checkInGoesOut();
    const url = 'https://api.twilio.com/2010-04-01/Accounts/AC/Messages/MM1/Media/ME1';
    await text(PHONES.regular, '', [url]);
    const [contact] = await contacts();
    expect(contact).toMatchObject({ channel: 'check-in' });
    expect(contact!.mediaUrls, 'the picture was dropped').toContain(url);
  });

  it('invariant 2: a YES to the text line\'s urgency question asked before a check-in went out still pages at once (it is not swallowed as a check-in reply)', async () => {
    clock.advance(11 * HOUR + 55 * 60_000); // 19:55: the client texts the line first
    expect(await text(PHONES.regular, 'can someone call me tonight')).toMatch(/Is this an emergency/);
    clock.advance(6 * 60_000); // 20:01: the check-in goes out while the question waits
    await sys.checkInScheduler.sweep();
    expect(api.textsTo(PHONES.regular).filter((m) => /check-in/.test(m.Body))).toHaveLength(1);
    const reply = await text(PHONES.regular, 'YES');
    const pages = await sys.pages.list();
    expect(pages, `YES was answered with: ${reply}`).toEqual([expect.objectContaining({ priority: expect.stringMatching(/high|critical/) })]);
  });

  it('issue #14 (every reply to the same check-in joins it): two replies that arrive at once are both kept on the check-in contact', async () => {
    await checkInGoesOut();
    await Promise.all([text(PHONES.regular, '5'), text(PHONES.regular, 'he is outside my door again')]);
    const all = await contacts();
    expect(all).toHaveLength(1);
    expect(all[0]!.message ?? '', 'the words of one reply were lost').toMatch(/outside my door/);
    expect(all[0]!.message ?? '').toMatch(/5/);
  });

  it('invariant 4 / issue #14 ("while a check-in is waiting for its answer"): once the check-in is answered, a text hours later is an ordinary text again (urgency question, silence pages), not filed as words', async () => {
    await checkInGoesOut();
    expect(await text(PHONES.regular, '2')).toMatch(/Thank you/);
    clock.advance(6 * HOUR); // 02:01
    const reply = await text(PHONES.regular, 'please can someone call me');
    expect(reply, 'a 2 a.m. plea was filed as a check-in reply: no question, and silence will never page').toMatch(/Is this an emergency/);
  });
});

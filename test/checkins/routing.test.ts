// Which line takes a client's text while a check-in waits, and what the digest says of a check-in
// that did not go (choices made fixing review #14).
import { describe, expect, it } from 'vitest';
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

async function text(from: string, body: string): Promise<string> {
  seq += 1;
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '5')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}
const contacts = () => sys.history.listContacts({ clientId: 'regular' });

eveningCheckInForEach((p) => ((sys = p.sys), (api = p.api), (clock = p.clock)));

describe('check-in reply routing', () => {
  it('invariant 3: when the text line\'s question is open and a check-in goes out, then a "5" (which the text line cannot read) answers the check-in and pages critical at once', async () => {
    clock.advance(11 * HOUR + 55 * 60_000); // 19:55
    expect(await text(PHONES.regular, 'can someone call me tonight')).toMatch(/Is this an emergency/);
    clock.advance(6 * 60_000); // 20:01
    await sys.checkInScheduler.sweep();
    expect(await text(PHONES.regular, '5')).toMatch(/911/);
    const checkIn = (await contacts()).find((c) => c.channel === 'check-in');
    expect(checkIn?.pageId).toBeTruthy();
    expect((await sys.pages.require(checkIn!.pageId!)).priority).toBe('critical');
  });

  it('when a follow-up comes within 5 minutes of the answer, then it joins the check-in; after that, a text is an ordinary text', async () => {
    clock.advance(12 * HOUR + 60_000); // 20:01
    await sys.checkInScheduler.sweep();
    await text(PHONES.regular, '2');
    clock.advance(4 * 60_000);
    await text(PHONES.regular, 'slept badly though');
    clock.advance(2 * 60_000);
    expect(await text(PHONES.regular, 'can I change my appointment')).toMatch(/Is this an emergency/);
    const all = await contacts();
    expect(all.find((c) => c.channel === 'check-in')?.message).toBe('2\nslept badly though');
    expect(all.filter((c) => c.channel === 'sms')).toHaveLength(1);
  });

  it('when check-ins go out while the client has stopped texts, then the morning digest says they were not sent and why', async () => {
    await text(PHONES.regular, 'STOP');
    clock.advance(12 * HOUR + 60_000); // 20:01
    await sys.checkInScheduler.sweep();
    clock.advance(13 * HOUR - 60_000); // Saturday 09:00
    await sys.digest.run();
    expect(api.textsTo(PHONES.ana).map((m) => m.Body).join('\n')).toMatch(/R\.R\. 1 check-in NOT SENT \(texts stopped by the client\)/);
  });
});

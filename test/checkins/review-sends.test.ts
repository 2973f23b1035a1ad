// Review of issue #14 (rev-trust): check-in sends across failures and restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let clock: ReturnType<typeof manualClock>;
let seq = 0;
const HOUR = 3_600_000;
const PLAN = { times: ['20:00'], from: '2026-11-27', until: '2026-12-10' };

async function text(from: string, body: string): Promise<string> {
  seq += 1;
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '8')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}
const checkInsTo = (phone: string) => api.textsTo(phone).filter((m) => /check-in/.test(m.Body));

beforeEach(async () => {
  api = fakeTwilioApi();
  clock = manualClock(new Date('2026-11-27T13:00:00Z')); // Friday 08:00 in New York
  sys = await testSystem({ vars: TWILIO_VARS, now: clock.now });
  await seedPractice(sys);
});
afterEach(async () => {
  await sys.teardown();
  api.done();
});

describe('review: check-in sends', () => {
  it('invariant 6 / issue #14 (restart never skips a check-in silently): a worker that dies after Twilio took the check-in but before its wait was written still treats the client\'s "5" as a check-in reply and pages critical', async () => {
    await sys.api('put', '/api/clients/regular/checkins', PLAN).expect(201);
    clock.advance(12 * HOUR + 60_000); // 20:01
    const setWaiting = sys.checkIns.setWaiting;
    sys.checkIns.setWaiting = async () => {
      throw new Error('worker died here');
    };
    await expect(sys.checkInScheduler.sweep()).rejects.toThrow('worker died here');
    sys.checkIns.setWaiting = setWaiting;
    clock.advance(60_000);
    await sys.checkInScheduler.sweep(); // the retried job / the next worker
    expect(checkInsTo(PHONES.regular)).toHaveLength(1); // the client has the check-in in hand
    await text(PHONES.regular, '5');
    const [contact] = await sys.history.listContacts({ clientId: 'regular' });
    expect(contact?.channel, 'the 5 went to the ordinary text line').toBe('check-in');
    expect(contact?.pageId, 'the 5 raised no page').toBeTruthy();
    expect((await sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });

  it('issue #14 (never skips a check-in silently): a check-in Twilio refused is told to the client\'s clinician in the morning digest', async () => {
    await sys.api('put', '/api/clients/regular/checkins', PLAN).expect(201);
    api.fail('Messages', { status: 400, code: 21211, message: 'invalid To' }, { to: PHONES.regular });
    clock.advance(12 * HOUR + 60_000); // 20:01
    await sys.checkInScheduler.sweep();
    expect((await sys.checkIns.records('regular')).map((r) => r.status)).toEqual(['failed']);
    clock.advance(13 * HOUR - 60_000); // Saturday 09:00
    await sys.digest.run();
    await sys.digest.run(); // (a second run must not matter)
    const digest = api.textsTo(PHONES.ana).map((m) => m.Body).join('\n');
    expect(digest, 'the clinician is never told the check-in did not go').toMatch(/R\.R\./);
  });

  it('issue #14 (several workers send each check-in once, none skipped): one client whose sends keep failing retryably does not hold back every other client\'s check-in', async () => {
    await sys.api('put', '/api/clients/regular/checkins', PLAN).expect(201);
    await sys.api('put', '/api/clients/trusted/checkins', PLAN).expect(201);
    const [first, second] = await sys.checkIns.clientIds();
    const phoneOf = { regular: PHONES.regular, trusted: PHONES.trusted } as Record<string, string>;
    api.fail('Messages', { status: 503, code: 20503, message: 'unavailable' }, { to: phoneOf[first!], times: 100 });
    clock.advance(12 * HOUR + 60_000); // 20:01
    for (let run = 0; run < 3; run++) {
      await sys.checkInScheduler.sweep().catch(() => undefined);
      clock.advance(60_000);
    }
    expect(checkInsTo(phoneOf[second!]!), `${second}'s check-in is held back by ${first}'s failing sends`).toHaveLength(1);
  });

  it('invariant 3 / issue #14: a "5" answering a check-in that was already sent is still a check-in reply (critical page) when the clinician ends the plan a minute later', async () => {
    await sys.api('put', '/api/clients/regular/checkins', PLAN).expect(201);
    clock.advance(12 * HOUR + 60_000); // 20:01: the check-in goes
    await sys.checkInScheduler.sweep();
    expect(checkInsTo(PHONES.regular)).toHaveLength(1);
    clock.advance(60_000);
    await sys.api('delete', '/api/clients/regular/checkins').expect(200); // no more check-ins
    clock.advance(60_000);
    await text(PHONES.regular, '5'); // the answer to the one the client holds
    const [contact] = await sys.history.listContacts({ clientId: 'regular' });
    expect(contact?.pageId, `the 5 raised no page (channel ${contact?.channel})`).toBeTruthy();
    expect((await sys.pages.require(contact!.pageId!)).priority).toBe('critical');
  });
});

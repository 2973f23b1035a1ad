// Page codes are reused after 14 days; morning questions are keyed by page id, so an old
// unanswered question and a new one with the same code are both kept, and W/N answers the new one.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from '../../src/paging/pages.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi, manualClock } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let sys: TestSystem;
let api: ReturnType<typeof fakeTwilioApi>;
let clock: ReturnType<typeof manualClock>;
let seq = 0;
const DAY = 86_400_000;

async function text(from: string, body: string): Promise<string> {
  seq += 1;
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '6')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}

/** A page from this number, taken by Dr. Cole (ben). */
async function takenPage(phone: string): Promise<Page> {
  await text(phone, 'this is an emergency');
  const contact = (await sys.history.listContacts({})).filter((c) => c.from === phone).sort((a, b) => b.at.localeCompare(a.at))[0]!;
  const page = await sys.pages.require(contact.pageId!);
  await sys.api('post', `/api/pages/${page.id}/ack`, { clinicianId: 'ben' }).expect(200);
  return page;
}

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

describe('morning questions keyed by page id', () => {
  it('when a page code comes back after 14 days while its old question is still open, then both questions stay open and W <code> answers the new page only', async () => {
    const old = await takenPage(PHONES.regular);
    clock.advance(7 * 3_600_000); // Friday 09:00
    await sys.digest.run();
    clock.advance(15 * DAY - 7 * 3_600_000); // a Saturday night, 15 days on: the code is free again
    const fresh = await takenPage(PHONES.trusted);
    await sys.redis.hset(sys.keys.page(fresh.id), 'code', old.code); // the page store drew the old code again
    clock.advance(2 * DAY + 7 * 3_600_000); // Monday 09:00
    await sys.digest.run();

    const open = (await sys.api('get', '/api/dispositions?clinicianId=ben').expect(200)).body as { pageId: string; code: string }[];
    expect(open.map((q) => [q.pageId, q.code])).toEqual([
      [old.id, old.code],
      [fresh.id, old.code],
    ]);
    await text(PHONES.ben, `W ${old.code}`);
    expect((await sys.history.requireContact(fresh.contactId)).disposition).toBe('warranted');
    expect((await sys.history.requireContact(old.contactId)).disposition).toBeNull();
    expect((await sys.api('get', '/api/dispositions?clinicianId=ben').expect(200)).body.map((q: { pageId: string }) => q.pageId)).toEqual([old.id]);
  });
});

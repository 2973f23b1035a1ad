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
let rob: Page;
let sofia: Page;
let stranger: Page;

async function text(from: string, body: string): Promise<string> {
  seq += 1;
  const res = await signedPost(sys.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(32, '0')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' }).expect(200);
  return verbsOf(res).map((v) => v.text).join('');
}

async function pageOf(phone: string): Promise<Page> {
  await text(phone, 'this is an emergency');
  const contact = (await sys.history.listContacts({})).find((c) => c.from === phone)!;
  return sys.pages.require(contact.pageId!);
}

const questionsTo = (phone: string) => api.textsTo(phone).filter((m) => /Was it warranted\?/.test(m.Body)).map((m) => m.Body);
const dispositionOf = async (page: Page) => (await sys.history.requireContact(page.contactId)).disposition;

beforeEach(async () => {
  api = fakeTwilioApi();
  clock = manualClock(new Date('2026-11-27T07:00:00Z')); // Friday 02:00 in New York; Dr. Ruiz (ana) is on call
  sys = await testSystem({ vars: TWILIO_VARS, now: clock.now });
  await seedPractice(sys);
  rob = await pageOf(PHONES.regular); // Dr. Ruiz's client; Dr. Cole (ben) takes the page
  await sys.api('post', `/api/pages/${rob.id}/ack`, { clinicianId: 'ben' }).expect(200);
  sofia = await pageOf(PHONES.spanish); // Dr. Cole's client; nobody takes it and the ladder runs out
  await sys.redis.hset(sys.keys.page(sofia.id), 'status', 'exhausted', 'exhaustedAt', clock.now().toISOString());
  stranger = await pageOf(PHONES.unknown); // an unknown number; Dr. Ruiz takes it
  await sys.api('post', `/api/pages/${stranger.id}/ack`, { clinicianId: 'ana' }).expect(200);
  api.messages.length = 0;
  clock.advance(7 * 3_600_000); // 09:00: business hours open
  await sys.digest.run();
});
afterEach(async () => {
  await sys.teardown();
  api.done();
});

describe('dispositions by text, the morning after', () => {
  it('when business hours open, then whoever took each page (the client\'s clinician for an exhausted one) is asked once, one text per page', async () => {
    expect(questionsTo(PHONES.ben).sort()).toEqual(
      [
        `afterhours: page ${rob.code} (client R.R., Fri 2:00 AM). Was it warranted? Reply W ${rob.code} if it was warranted, N ${rob.code} if not.`,
        `afterhours: page ${sofia.code} (client S.S., Fri 2:00 AM). Was it warranted? Reply W ${sofia.code} if it was warranted, N ${sofia.code} if not.`,
      ].sort(),
    );
    expect(questionsTo(PHONES.ana)).toEqual([`afterhours: page ${stranger.code} (unknown caller, Fri 2:00 AM). Was it warranted? Reply W ${stranger.code} if it was warranted, N ${stranger.code} if not.`]);
    expect(questionsTo(PHONES.lead)).toEqual([]);
    for (const m of api.messages) expect(m.Body).not.toMatch(/Rob|Sof|emergency/i);

    await sys.digest.run();
    clock.advance(86_400_000);
    await sys.digest.run();
    expect(questionsTo(PHONES.ben)).toHaveLength(2);
    expect(questionsTo(PHONES.ana)).toHaveLength(1);
    const open = (await sys.api('get', '/api/dispositions').expect(200)).body;
    expect(open.map((q: { code: string; clinicianId: string }) => [q.code, q.clinicianId]).sort()).toEqual([[rob.code, 'ben'], [sofia.code, 'ben'], [stranger.code, 'ana']].sort());
    expect((await sys.api('get', '/api/dispositions?clinicianId=ana').expect(200)).body).toHaveLength(1);
  });

  it('when a clinician answers W with a code, then the contact is dispositioned as by the API, the clinician is the actor, and the answer gives the standing', async () => {
    const reply = await text(PHONES.ben, `W ${rob.code}`);
    expect(reply).toBe(`afterhours: page ${rob.code} marked warranted. R.R.: emergency-only, 1 contact.`);
    expect(await sys.history.requireContact(rob.contactId)).toMatchObject({ disposition: 'warranted', dispositionBy: 'ben' });
    const lines: string[] = [];
    for await (const line of sys.audit.exportLines()) lines.push(line);
    expect(lines.map((l) => JSON.parse(l))).toContainEqual(expect.objectContaining({ actor: 'ben', recordType: 'contact', recordId: rob.contactId }));
    expect((await sys.api('get', '/api/dispositions?clinicianId=ben').expect(200)).body.map((q: { code: string }) => q.code)).toEqual([sofia.code]);
  });

  it('when the code is left out, then it answers the one open question, or lists them when several are open', async () => {
    expect(await text(PHONES.ben, 'W')).toMatch(/2 questions are open/);
    expect(await dispositionOf(rob)).toBeNull();
    expect(await text(PHONES.ben, `N ${rob.code}`)).toMatch(/R.R.: mixed, 1 contact/);
    expect(await text(PHONES.ben, 'NOT WARRANTED')).toBe(`afterhours: page ${sofia.code} marked not warranted. S.S.: mixed, 1 contact.`);
    expect(await dispositionOf(sofia)).toBe('not-warranted');
    expect(await text(PHONES.ana, 'warranted')).toMatch(/unknown number, so no standing changed/);
    expect(await dispositionOf(stranger)).toBe('warranted');
    expect((await sys.api('get', '/api/dispositions').expect(200)).body).toEqual([]);
    expect(await text(PHONES.ana, 'W')).toMatch(/no open question/);
  });

  it('when the code is unknown, or a page the clinician was not asked about, then it says so and nothing changes', async () => {
    expect(await text(PHONES.ben, 'W 0000')).toMatch(/no open question about page 0000, so nothing was changed/);
    expect(await text(PHONES.ben, `N ${stranger.code}`)).toMatch(/nothing was changed/);
    expect(await dispositionOf(stranger)).toBeNull();
    expect(await dispositionOf(rob)).toBeNull();
    expect((await sys.api('get', '/api/dispositions').expect(200)).body).toHaveLength(3);
    expect((await sys.api('get', '/api/clients/regular').expect(200)).body.standing).toMatchObject({ warranted: 0, notWarranted: 0 });
  });

  it('when a page is dispositioned through the API instead, then its question leaves the open list and a later W says so', async () => {
    await sys.api('post', `/api/contacts/${rob.contactId}/disposition`, { disposition: 'warranted' }).expect(200);
    expect((await sys.api('get', '/api/dispositions?clinicianId=ben').expect(200)).body.map((q: { code: string }) => q.code)).toEqual([sofia.code]);
    expect(await text(PHONES.ben, `N ${rob.code}`)).toMatch(/nothing was changed/);
    expect(await dispositionOf(rob)).toBe('warranted');
  });

  it('when a run died after claiming a page for its question but before writing it, then the next opening asks it, once', async () => {
    const page = await pageOf(PHONES.review);
    await sys.api('post', `/api/pages/${page.id}/ack`, { clinicianId: 'ana' }).expect(200);
    await sys.redis.set(sys.keys.dispositionAsked(page.id), 'ana', 'EX', 86_400); // the claim the dead run left
    clock.advance(86_400_000);
    await sys.digest.run();
    await sys.digest.run();
    expect(questionsTo(PHONES.ana).filter((body) => body.includes(`page ${page.code} `))).toHaveLength(1);
    expect((await sys.api('get', '/api/dispositions?clinicianId=ana').expect(200)).body.map((q: { code: string }) => q.code)).toContain(page.code);
  });

  it('when a clinician sends a pager word, then it is still a pager reply, not a disposition', async () => {
    const page = await pageOf(PHONES.review);
    expect(await text(PHONES.ana, `1 ${page.code}`)).toMatch(/is yours/);
    expect(await dispositionOf(page)).toBeNull();
  });
});

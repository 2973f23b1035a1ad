import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewContact } from '../../src/history/store.js';
import { testSystem, type TestSystem } from '../support/system.js';

let sys: TestSystem;
const T0 = new Date('2026-11-27T07:00:00Z');
const day = (n: number) => new Date(T0.getTime() + n * 86_400_000);
let seq = 0;

beforeEach(async () => {
  // The system's clock is T0, the day the contacts are laid out from: with the wall clock, the
  // 365-day window moved a contact out once a day had passed since T0 was written.
  sys = await testSystem({ now: () => T0 });
  await sys.api('put', '/api/clinicians/jones', { name: 'Dr. Jones', phone: '+16175550101', role: 'psychiatrist' }).expect(201);
  await sys.api('put', '/api/clients/c1', { name: 'Client One', phones: ['+16175550188'], clinicianId: 'jones' }).expect(201);
});
afterEach(() => sys.teardown());

function contact(over: Partial<NewContact> = {}): NewContact {
  seq += 1;
  return { clientId: 'c1', channel: 'voice', claimedUrgency: 'emergency', crisis: false, from: '+16175550188', source: `voice:CA${seq}`, at: T0, ...over };
}

const client = () => sys.directory.requireClient('c1');

describe('contact history and standing', () => {
  it('when a client has no earlier contact, then the standing is no-history', async () => {
    const res = await sys.api('get', '/api/clients/c1').expect(200);
    expect(res.body.standing).toMatchObject({ level: 'no-history', contacts: 0, fastTrack: false });
  });

  it('when emergencies are recorded and dispositioned warranted, then the standing is emergency-only with the counts behind it', async () => {
    for (let i = 0; i < 3; i++) {
      const { contact: c } = await sys.history.recordContact(contact({ at: day(-i) }));
      await sys.api('post', `/api/contacts/${c.id}/disposition`, { disposition: 'warranted' }).expect(200);
    }
    const res = await sys.api('get', '/api/clients/c1').expect(200);
    expect(res.body.standing).toMatchObject({ level: 'emergency-only', contacts: 3, urgent: 3, warranted: 3, fastTrack: true, reason: 'emergency-only history: 3 contacts, all warranted' });
  });

  it('when a disposition changes from warranted to not-warranted and back, then the counters follow it exactly', async () => {
    const { contact: c } = await sys.history.recordContact(contact());
    await sys.api('post', `/api/contacts/${c.id}/disposition`, { disposition: 'warranted' }).expect(200);
    await sys.api('post', `/api/contacts/${c.id}/disposition`, { disposition: 'not-warranted', note: 'refill request' }).expect(200);
    let s = await sys.history.standingFor(await client(), T0);
    expect(s).toMatchObject({ contacts: 1, warranted: 0, notWarranted: 1, historyLevel: 'mixed' });
    await sys.api('post', `/api/contacts/${c.id}/disposition`, { disposition: 'warranted' }).expect(200);
    s = await sys.history.standingFor(await client(), T0);
    expect(s).toMatchObject({ contacts: 1, warranted: 1, notWarranted: 0, historyLevel: 'emergency-only' });
    const view = await sys.api('get', `/api/contacts/${c.id}`).expect(200);
    expect(view.body).toMatchObject({ id: c.id, clientId: 'c1', channel: 'voice', claimedUrgency: 'emergency', crisis: false, disposition: 'warranted', dispositionBy: 'admin' });
    expect(view.body).not.toHaveProperty('counted');
  });

  it('when two not-warranted dispositions land, then the standing is over-contact, but the client still has a record of every contact', async () => {
    for (let i = 0; i < 2; i++) {
      const { contact: c } = await sys.history.recordContact(contact({ at: day(-i) }));
      await sys.history.setDisposition(c.id, { disposition: 'not-warranted', by: 'jones', at: T0 });
    }
    const s = await sys.history.standingFor(await client(), T0);
    expect(s).toMatchObject({ level: 'over-contact', reason: '2 not-warranted in 12 months' });
  });

  it('when nine non-urgent messages arrive within 30 days, then over-contact; 40 days later they no longer count toward it', async () => {
    for (let i = 0; i < 9; i++) await sys.history.recordContact(contact({ claimedUrgency: 'not-emergency', channel: 'sms', at: day(-i) }));
    expect((await sys.history.standingFor(await client(), T0)).level).toBe('over-contact');
    expect((await sys.history.standingFor(await client(), day(40))).level).toBe('mixed');
  });

  it('when contacts are more than 365 days old, then the standing forgets them', async () => {
    const { contact: c } = await sys.history.recordContact(contact({ claimedUrgency: 'not-emergency', at: day(-400) }));
    await sys.history.setDisposition(c.id, { disposition: 'not-warranted', by: 'jones', at: T0 });
    await sys.history.recordContact(contact({ at: day(-10) }));
    const s = await sys.history.standingFor(await client(), T0);
    expect(s).toMatchObject({ contacts: 1, level: 'emergency-only' });
  });

  it('when a later crisis signal is found in a non-urgent contact, then it moves from non-urgent to urgent', async () => {
    const { contact: c } = await sys.history.recordContact(contact({ claimedUrgency: 'not-emergency' }));
    expect((await sys.history.standingFor(await client(), T0)).historyLevel).toBe('mixed');
    await sys.history.updateContact(c.id, () => ({ crisis: true }));
    expect(await sys.history.standingFor(await client(), T0)).toMatchObject({ historyLevel: 'emergency-only', urgent: 1, notEmergency: 0 });
  });

  it('when the same source arrives twice, even at the same moment, then exactly one contact is recorded and counted', async () => {
    const same = contact();
    const results = await Promise.all(Array.from({ length: 10 }, () => sys.history.recordContact(same)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.contact.id)).size).toBe(1);
    expect(await sys.history.listContacts({ clientId: 'c1' })).toHaveLength(1);
    expect((await sys.history.standingFor(await client(), T0)).contacts).toBe(1);
  });

  it('when concurrent updates race, then none is lost', async () => {
    const { contact: c } = await sys.history.recordContact(contact());
    await Promise.all([
      sys.history.updateContact(c.id, () => ({ recordingUrl: 'rec-1' })),
      sys.history.updateContact(c.id, () => ({ pageId: 'pg_1' })),
      sys.history.setDisposition(c.id, { disposition: 'warranted', by: 'jones', at: T0 }),
    ]);
    expect(await sys.history.requireContact(c.id)).toMatchObject({ recordingUrl: 'rec-1', pageId: 'pg_1', disposition: 'warranted' });
    expect((await sys.history.standingFor(await client(), T0)).warranted).toBe(1);
  });

  it('when contacts are listed, then they come newest first and can be filtered by client and time', async () => {
    await sys.history.recordContact(contact({ at: day(-2) }));
    await sys.history.recordContact(contact({ at: day(-1) }));
    await sys.history.recordContact(contact({ clientId: null, at: day(0), from: '+16175550000' }));
    const all = await sys.api('get', '/api/contacts').expect(200);
    expect(all.body.map((c: { at: string }) => c.at)).toEqual([day(0), day(-1), day(-2)].map((d) => d.toISOString()));
    const mine = await sys.api('get', `/api/contacts?clientId=c1&since=${encodeURIComponent(day(-1).toISOString())}`).expect(200);
    expect(mine.body).toHaveLength(1);
    const bad = await sys.api('get', '/api/contacts?since=yesterday').expect(400);
    expect(bad.body.fields[0].field).toBe('since');
  });

  it('when a disposition body is wrong or the contact unknown, then 400 or 404 and nothing changes', async () => {
    const { contact: c } = await sys.history.recordContact(contact());
    const bad = await sys.api('post', `/api/contacts/${c.id}/disposition`, { disposition: 'maybe' }).expect(400);
    expect(bad.body.fields[0].field).toBe('disposition');
    await sys.api('post', '/api/contacts/ct_nothing/disposition', { disposition: 'warranted' }).expect(404);
    expect((await sys.history.requireContact(c.id)).disposition).toBeNull();
  });

  it('when a client has contacted daily for 600 days, then standing reads a bounded set of counters covering only the window', async () => {
    for (let i = 599; i >= 0; i--) await sys.history.recordContact(contact({ at: day(-i) }));
    expect(await sys.redis.zcard(sys.keys.clientContacts('c1'))).toBe(600);
    const fields = await sys.redis.hlen(sys.keys.standing('c1'));
    expect(fields).toBeLessThanOrEqual(2 * 366);
    expect(await sys.history.standingFor(await client(), T0)).toMatchObject({ contacts: 365, urgent: 365 });
  });
});

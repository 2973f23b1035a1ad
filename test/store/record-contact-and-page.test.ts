import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewContact } from '../../src/history/store.js';
import { defineScript } from '../../src/store/scripts.js';
import { testSystem, type TestSystem } from '../support/system.js';

/**
 * The contact-and-page script against the two scripts it replaced (put-contact-6.lua, then
 * raise-page-6.lua): the same keys hold the same values afterwards, standing's totals and aging
 * set included, for every kind of contact that pages.
 */
const T0 = new Date('2026-11-27T07:00:00Z');
const DAY = 86_400_000;
let clock = T0.getTime();
let a: TestSystem; // the two scripts, one after the other
let b: TestSystem; // the one script

beforeEach(async () => {
  clock = T0.getTime();
  [a, b] = await Promise.all([testSystem({ now: () => new Date(clock) }), testSystem({ now: () => new Date(clock) })]);
  for (const sys of [a, b]) {
    await sys.api('put', '/api/clinicians/jones', { name: 'Dr. Jones', phone: '+16175550101', role: 'psychiatrist' }).expect(201);
    await sys.api('put', '/api/clients/c1', { name: 'Client One', phones: ['+16175550188'], clinicianId: 'jones' }).expect(201);
  }
});
afterEach(() => Promise.all([a.teardown(), b.teardown()]));

/** Every key the scripts may touch, by its name after the prefix, with its value. */
async function state(sys: TestSystem): Promise<Record<string, unknown>> {
  const prefix = `${sys.keys.prefix}:`;
  const names = (await sys.redis.keys(`${prefix}*`)).filter((k) => !k.startsWith(`${prefix}bull`));
  const out: Record<string, unknown> = {};
  for (const key of names.sort()) {
    const type = await sys.redis.type(key);
    const name = key.slice(prefix.length);
    if (type === 'string') out[name] = await sys.redis.get(key);
    else if (type === 'hash') out[name] = await sys.redis.hgetall(key);
    else if (type === 'zset') out[name] = await sys.redis.zrange(key, 0, -1, 'WITHSCORES');
    else if (type === 'set') out[name] = (await sys.redis.smembers(key)).sort();
    else if (type === 'list') out[name] = await sys.redis.lrange(key, 0, -1);
    else out[name] = type;
    if (type === 'string' && name.startsWith('page-code')) out[`${name} ttl>0`] = (await sys.redis.ttl(key)) > 0;
  }
  return out;
}

const earlier = (n: number, over: Partial<NewContact> = {}): NewContact => ({
  id: `ct_e${n}`, clientId: 'c1', channel: 'sms', claimedUrgency: n % 2 ? 'not-emergency' : 'emergency', crisis: false, from: '+16175550188', source: `sms:SMe${n}`, at: new Date(clock - n * 7 * DAY), ...over,
});

async function both(input: NewContact, page: { priority: 'critical' | 'high' | 'normal'; why: string; at: Date }) {
  // the old way: put-contact-6.lua, then raise-page-6.lua with the same code
  const made = a.pages.creation({ contactId: input.id!, clientId: input.clientId, ...page }, 0);
  expect((await a.history.recordContact(input)).created).toBe(true);
  const raise = defineScript<'created'>(a.redis, 'raise-page-6.lua');
  expect((await raise(made.keys, made.args))[0]).toBe('created');
  // the new way, with the code the old way drew
  const code = made.made.code;
  const recorded = await b.pages.withFreeCode({ contactId: input.id!, clientId: input.clientId, ...page }, (w) => {
    w.keys[4] = b.keys.pageByCode(code);
    w.args[1] = code;
    w.made.code = code;
    return b.history.recordContactWithPage(input, w);
  });
  expect(recorded.created).toBe(true);
  expect(recorded.page).toEqual(made.made);
  expect(await state(b)).toEqual(await state(a));
}

async function seed() {
  for (let n = 1; n <= 8; n++) for (const sys of [a, b]) await sys.history.recordContact(earlier(n));
  for (const sys of [a, b]) await sys.history.recordContact(earlier(9, { channel: 'check-in', at: new Date(clock - DAY) }));
  clock += 40 * DAY; // some 30-day members are due to age out on the next write
}

describe('the contact-and-page script writes what put-contact then raise-page wrote', () => {
  it('when a known client pages by voice after a history, then the contact, the totals, the aging set and the page are as before', async () => {
    await seed();
    await both({ id: 'ct_new', clientId: 'c1', channel: 'voice', claimedUrgency: 'emergency', crisis: false, from: '+16175550188', source: 'voice:CAnew', pageId: 'pg_new', at: new Date(clock) }, { priority: 'critical', why: 'emergency claimed', at: new Date(clock) });
  });

  it('when a not-emergency contact pages (normal), then the 30-day count and the page are as before', async () => {
    await seed();
    await both({ id: 'ct_ne', clientId: 'c1', channel: 'sms', claimedUrgency: 'not-emergency', crisis: true, from: '+16175550188', source: 'sms:SMne', pageId: 'pg_ne', at: new Date(clock) }, { priority: 'critical', why: 'crisis', at: new Date(clock) });
  });

  it('when a check-in reply pages, then nothing is counted, as before', async () => {
    await seed();
    await both({ id: 'ct_ci', clientId: 'c1', channel: 'check-in', claimedUrgency: 'emergency', crisis: true, from: '+16175550188', source: 'check-in:SMci', pageId: 'pg_ci', at: new Date(clock) }, { priority: 'critical', why: 'crisis', at: new Date(clock) });
  });

  it('when an unknown number pages, then nothing is counted, as before', async () => {
    await seed();
    await both({ id: 'ct_un', clientId: null, channel: 'voice', claimedUrgency: 'emergency', crisis: false, from: '+16175550999', source: 'voice:CAun', pageId: 'pg_un', at: new Date(clock) }, { priority: 'high', why: 'emergency claimed', at: new Date(clock) });
  });

  for (const daysAgo of [2, 45, 400]) {
    it(`when a contact replayed from the outage spool ${daysAgo} days late pages, then its totals and its page (old time, note in why) are as before`, async () => {
      await seed();
      const at = new Date(clock - daysAgo * DAY);
      await both({ id: `ct_r${daysAgo}`, clientId: 'c1', channel: 'sms', claimedUrgency: 'not-emergency', crisis: true, from: '+16175550188', source: `sms:SMr${daysAgo}`, pageId: `pg_r${daysAgo}`, at }, { priority: 'critical', why: 'crisis; during an outage; reached nobody', at });
    });
  }
});

describe('the contact-and-page script writes nothing when it does not record', () => {
  it('when the source already made a contact, then it answers exists and no key changes', async () => {
    await seed();
    await b.history.recordContact(earlier(20, { source: 'voice:CAdup', at: new Date(clock) }));
    const before = await state(b);
    const run = defineScript<string>(b.redis, 'record-contact-and-page-12.lua');
    const w = b.pages.creation({ contactId: 'ct_dup2', clientId: 'c1', priority: 'critical', why: 'x', at: new Date(clock) }, 0);
    const input = { ...earlier(21, { id: 'ct_dup2', source: 'voice:CAdup', at: new Date(clock) }), pageId: 'pg_dup2', version: 1, disposition: null, dispositionAt: null, dispositionBy: null, standing: null, message: null, mediaUrls: [], counted: ['urgent'] };
    const contactKeys = [b.keys.contact('ct_dup2'), b.keys.standing('c1'), b.keys.contactBySource('voice:CAdup'), b.keys.contactsByTime, b.keys.clientContacts('c1'), b.keys.standingAging('c1')];
    const contactArgs = [JSON.stringify(input), 0, 'ct_dup2', clock, clock, '1', b.keys.contact(''), '1'];
    expect((await run([...contactKeys, ...w.keys], [...contactArgs, ...w.args]))[0]).toBe('exists');
    expect(await state(b)).toEqual(before);
    // and a taken code, on a new source
    await b.redis.set(w.keys[4]!, 'pg_other');
    const before2 = await state(b);
    contactKeys[2] = b.keys.contactBySource('voice:CAfresh');
    expect((await run([...contactKeys, ...w.keys], [...contactArgs, ...w.args]))[0]).toBe('code-taken');
    expect(await state(b)).toEqual(before2);
  });
});

describe('the same write sent twice', () => {
  it('when the write of a contact and its page is sent again (its reply lost with a dropped connection), then the second answer says it was made, with its page, so it is counted and logged once', async () => {
    const input = earlier(30, { source: 'voice:CAresent', claimedUrgency: 'emergency', at: new Date(clock) });
    const creation = b.pages.creation({ contactId: input.id!, clientId: 'c1', priority: 'high', why: 'emergency', at: new Date(clock) }, 0);
    const first = await b.history.recordContactWithPage(input, creation);
    const again = await b.history.recordContactWithPage(input, creation);
    expect(first).toMatchObject({ created: true, page: creation.made });
    expect(again).toMatchObject({ created: true, page: creation.made });
    // a different contact from the same source is a duplicate webhook: nothing made
    const other = await b.history.recordContactWithPage({ ...input, id: 'ct_other' }, b.pages.creation({ contactId: 'ct_other', clientId: 'c1', priority: 'high', why: 'emergency', at: new Date(clock) }, 0));
    expect(other).toMatchObject({ created: false, contact: { id: input.id } });
    expect(await b.pages.list()).toHaveLength(1);
  });
});

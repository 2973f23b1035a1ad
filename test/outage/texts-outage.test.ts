import { appendFileSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSystem, type System } from '../../src/main.js';
import { createSpool, UNREADABLE_RETENTION_DAYS } from '../../src/outage/spool.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { firstStepWaiting, testConfig, testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS, verbsOf } from '../support/twilio.js';

let api: ReturnType<typeof fakeTwilioApi>;
let spoolDir: string;
const opened: { close(): Promise<void> }[] = [];
let seq = 0;

beforeEach(() => {
  api = fakeTwilioApi();
  spoolDir = mkdtempSync(join(tmpdir(), 'afterhours-outage-'));
});
afterEach(async () => {
  for (const s of opened.splice(0).reverse()) await s.close();
  api.done();
});

/** A web process whose Redis refuses every connection (port 1): the whole outage, on its own clock if given. */
function webWithoutRedis(vars: Record<string, string> = {}, now?: () => Date): System {
  const system = createSystem({ config: testConfig({ ...TWILIO_VARS, REDIS_URL: 'redis://127.0.0.1:1', SPOOL_DIR: spoolDir, ...vars }), log: createLogger({ level: 'silent' }), now });
  opened.push(system);
  return system;
}

/** A process started afresh on a Redis that answers, over the same spool directory and key prefix. */
async function restartedWith(prefix: string | null, vars: Record<string, string> = {}): Promise<TestSystem> {
  const system = await testSystem({ vars: { ...TWILIO_VARS, SPOOL_DIR: spoolDir, ...(prefix ? { REDIS_PREFIX: prefix } : {}), ...vars } });
  opened.push({ close: () => system.teardown() });
  return system;
}

async function text(system: Pick<System, 'app'>, from: string, body: string): Promise<string> {
  seq += 1;
  const sid = `SM${String(seq).padStart(30, '0')}ot`;
  const res = await signedPost(system.app, '/twilio/sms', { MessageSid: sid, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' });
  return verbsOf(res).map((v) => v.text).join('');
}

const hasSafetyLine = (reply: string) => /911/.test(reply) && /988/.test(reply);
const spooledLines = () => readdirSync(spoolDir).filter((n) => n.endsWith('.ndjson')).flatMap((n) => readFileSync(join(spoolDir, n), 'utf8').split('\n').filter(Boolean));
/** The contacts waiting in the spool, by SID (a relayed text is written twice: taken, then relayed). */
const spooledContacts = () => new Set(spooledLines().map((line) => (JSON.parse(line) as { sid: string }).sid)).size;

describe('invariant 8: a text while Redis is unreachable', () => {
  it('invariant 8: when Redis refuses, then the text reaches the fallback phone (number, never words), the client reads 911 / 988, and it becomes one contact after recovery, across a restart', async () => {
    const down = webWithoutRedis();
    const reply = await text(down, PHONES.regular, 'my secret words, please call me now');
    expect(reply).toContain('passed to the on-call clinician');
    expect(hasSafetyLine(reply)).toBe(true);
    const [relay] = api.textsTo(TWILIO_VARS.FALLBACK_ONCALL_PHONE);
    expect(relay!.Body).toContain(PHONES.regular);
    expect(relay!.Body).not.toContain('secret');
    expect(spooledContacts()).toBe(1);

    // the process dies with the contact only on disk; a new one starts once Redis answers
    await down.close();
    opened.splice(opened.indexOf(down), 1);
    const up = await restartedWith(null);
    await seedPractice(up);
    expect(await up.replayer.runOnce()).toBe(1);
    const contacts = await up.history.listContacts({ clientId: 'regular' });
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ channel: 'sms', message: 'my secret words, please call me now', claimedUrgency: 'emergency', from: PHONES.regular });
    // never marked taken (invariant 5): the page runs the ladder and says what the fallback phone was given
    const page = await up.pages.require(contacts[0]!.pageId!);
    expect(page).toMatchObject({ status: 'open', why: expect.stringContaining('during an outage; relayed to the fallback phone') });
    expect(await firstStepWaiting(up, page.id)).toBe(1);

    // replayed exactly once: again in this process, and in yet another one over the same spool
    expect(await up.replayer.runOnce()).toBe(0);
    const again = await restartedWith(up.keys.prefix);
    expect(await again.replayer.runOnce()).toBe(0);
    expect(await again.history.listContacts({ clientId: 'regular' })).toHaveLength(1);
    expect(spooledLines()).toEqual([]);
  });

  it('invariant 2: when the answer YES to the urgency question comes during the outage, then after recovery it pages as a claim, on the conversation\'s contact', async () => {
    const up = await restartedWith(null);
    await seedPractice(up);
    expect(await text(up, PHONES.unknown, 'hello, is this the clinic')).toContain('Reply YES or NO');
    expect(await text(up, PHONES.regular, 'i need to talk to someone')).toContain('Reply YES or NO');
    const down = webWithoutRedis();
    for (const from of [PHONES.unknown, PHONES.regular]) expect(hasSafetyLine(await text(down, from, 'YES'))).toBe(true);
    expect(await up.replayer.runOnce()).toBe(2);
    for (const from of [PHONES.unknown, PHONES.regular]) {
      const contacts = (await up.history.listContacts({})).filter((c) => c.from === from);
      expect(contacts).toHaveLength(1);
      expect(contacts[0]).toMatchObject({ claimedUrgency: 'emergency', pageId: expect.any(String) });
      expect(['high', 'critical']).toContain((await up.pages.require(contacts[0]!.pageId!)).priority);
    }
  });

  it('invariant 3: when the answer "5" to a check-in comes during the outage, then after recovery it answers the check-in and pages critical', async () => {
    const up = await restartedWith(null);
    await seedPractice(up);
    const slot = '2026-11-28T01:00:00.000Z';
    await up.checkIns.setWaiting('regular', slot, new Date(Date.now() + 3_600_000), new Date());
    expect(hasSafetyLine(await text(webWithoutRedis(), PHONES.regular, '5'))).toBe(true);
    expect(await up.replayer.runOnce()).toBe(1);
    const contacts = await up.history.listContacts({ clientId: 'regular' });
    expect(contacts).toEqual([expect.objectContaining({ channel: 'check-in', source: `check-in:regular:${slot}`, pageId: expect.any(String) })]);
    expect(await up.pages.require(contacts[0]!.pageId!)).toMatchObject({ priority: 'critical' });
  });

  it('invariant 9: when a client texts STOP during the outage, then after recovery the number is opted out and no contact or page is made of it', async () => {
    const up = await restartedWith(null);
    await seedPractice(up);
    await text(webWithoutRedis(), PHONES.regular, 'STOP');
    await up.replayer.runOnce();
    expect(await up.optOuts.has(PHONES.regular)).toBe(true);
    expect(await up.history.listContacts({ clientId: 'regular' })).toEqual([]);
    expect(await up.pages.list()).toEqual([]);
  });

  it('invariant 6: when one client sends several texts during the outage, then after recovery they are one contact holding every text and one page', async () => {
    const down = webWithoutRedis();
    const bodies = ['i want to die', 'please answer', 'i cant do this anymore'];
    for (const body of bodies) await text(down, PHONES.regular, body);
    const up = await restartedWith(null);
    await seedPractice(up);
    await up.replayer.runOnce();
    const contacts = await up.history.listContacts({ clientId: 'regular' });
    expect(contacts).toHaveLength(1);
    for (const body of bodies) expect(contacts[0]!.message).toContain(body);
    expect(await up.pages.list()).toEqual([expect.objectContaining({ priority: 'critical' })]);
    expect(await up.replayer.runOnce()).toBe(0);
  });

  it('invariant 8: when a crisis text arrives during the outage, then the relay says so (without the words) and the replayed page is critical', async () => {
    const down = webWithoutRedis();
    await text(down, PHONES.unknown, 'i want to end my life tonight');
    const [relay] = api.textsTo(TWILIO_VARS.FALLBACK_ONCALL_PHONE);
    expect(relay!.Body).toContain('CRISIS LANGUAGE');
    expect(relay!.Body).not.toMatch(/end my life/);
    const up = await restartedWith(null);
    await up.replayer.runOnce();
    const [page] = await up.pages.list();
    expect(page).toMatchObject({ priority: 'critical', clientId: null, status: 'open' });
  });

  it('invariant 8: when no fallback phone is set, then the client is told plainly, and after recovery the page runs the ladder because nobody was reached', async () => {
    const down = webWithoutRedis({ FALLBACK_ONCALL_PHONE: '' });
    const reply = await text(down, PHONES.regular, 'are you there');
    expect(reply).toContain('could not take your message');
    expect(hasSafetyLine(reply)).toBe(true);
    expect(api.messages).toEqual([]);
    const up = await restartedWith(null, { FALLBACK_ONCALL_PHONE: '' });
    await seedPractice(up);
    await up.replayer.runOnce();
    const [contact] = await up.history.listContacts({ clientId: 'regular' });
    expect(await up.pages.require(contact!.pageId!)).toMatchObject({ status: 'open', why: expect.stringContaining('reached nobody') });
    expect(await firstStepWaiting(up, contact!.pageId!)).toBe(1);
  });

  it('invariant 8: when Twilio refuses the relay to the fallback phone, then the client is told plainly, and the replayed page says nobody was reached', async () => {
    api.fail('Messages', { status: 500, code: 20500, message: 'Internal Server Error' }, { to: TWILIO_VARS.FALLBACK_ONCALL_PHONE, times: 10 });
    const down = webWithoutRedis();
    const reply = await text(down, PHONES.regular, 'are you there');
    expect(reply).toContain('could not take your message');
    expect(hasSafetyLine(reply)).toBe(true);
    const up = await restartedWith(null);
    await seedPractice(up);
    expect(await up.replayer.runOnce()).toBe(1);
    const [contact] = await up.history.listContacts({ clientId: 'regular' });
    expect((await up.pages.require(contact!.pageId!)).why).toContain('reached nobody');
  });

  it('invariant 7: when Redis refuses, then a call still hears 911 / 988, is dialed to the fallback phone, and is kept as one contact after recovery', async () => {
    const down = webWithoutRedis();
    const params = { CallSid: `CA${'7'.repeat(32)}`, From: PHONES.trusted, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, AccountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID, CallStatus: 'ringing' };
    for (const path of ['/twilio/voice', '/twilio/voice/answer?attempt=1&lang=en', '/twilio/fallback']) {
      const res = await signedPost(down.app, path, { ...params, Digits: '1' });
      expect(res.text).toContain(`<Dial timeout="45">${TWILIO_VARS.FALLBACK_ONCALL_PHONE}</Dial>`);
    }
    expect(spooledLines()).toHaveLength(1);
    const up = await restartedWith(null);
    await seedPractice(up);
    await up.replayer.runOnce();
    const contact = await up.history.getContactBySource(`voice:${params.CallSid}`);
    expect(contact).toMatchObject({ clientId: 'trusted', channel: 'voice' });
    expect(await up.pages.require(contact!.pageId!)).toMatchObject({ status: 'open', why: expect.stringContaining('dialed to the fallback phone') });
  });

  it('invariant 8: when a crash left half a line in the spool, then the next contact is not glued to it and still replays', async () => {
    const down = webWithoutRedis();
    await text(down, PHONES.regular, 'first');
    appendFileSync(join(spoolDir, 'spool.ndjson'), '{"kind":"sms","sid":"SMcut'); // the process died mid-write
    await text(down, PHONES.spanish, 'segundo');
    const up = await restartedWith(null);
    await seedPractice(up);
    expect(await up.replayer.runOnce()).toBe(2);
    expect(await up.history.listContacts({ clientId: 'spanish' })).toHaveLength(1);
    const aside = readdirSync(spoolDir).filter((n) => /^unreadable-\d{4}-\d{2}-\d{2}\.ndjson$/.test(n));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(spoolDir, aside[0]!), 'utf8')).toContain('SMcut');
  });

  it('when unreadable lines were set aside more than the retention ago, then the next replay deletes them and keeps the recent ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'afterhours-retention-'));
    const spool = createSpool({ dir, log: createLogger({ level: 'silent' }), now: () => new Date('2026-03-31T12:00:00Z') });
    writeFileSync(join(dir, 'unreadable-2026-02-28.ndjson'), '{"cut\n'); // 31 days before
    writeFileSync(join(dir, 'unreadable-2026-03-01.ndjson'), '{"cut\n'); // 30 days before: kept
    expect(await spool.replay(async () => undefined)).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['unreadable-2026-03-01.ndjson']);
    expect(UNREADABLE_RETENTION_DAYS).toBe(30);
    rmSync(dir, { recursive: true, force: true });
  });

  it('invariant 8: when a replay fails part-way (Redis gone again, or the process dies), then the next replay puts in every contact, each once', async () => {
    const down = webWithoutRedis();
    for (const from of [PHONES.regular, PHONES.spanish, PHONES.trusted]) await text(down, from, 'please call me now');
    const up = await restartedWith(null);
    await seedPractice(up);
    const settle = up.intake.settle.bind(up.intake);
    let calls = 0;
    vi.spyOn(up.intake, 'settle').mockImplementation(async (input) => {
      calls += 1;
      if (calls === 2) throw new Error('Redis went away');
      return settle(input);
    });
    await expect(up.replayer.runOnce()).rejects.toThrow('Redis went away');
    expect(spooledContacts()).toBe(3); // nothing deleted while a contact had not gone in
    vi.restoreAllMocks();
    const again = await restartedWith(up.keys.prefix); // as after a restart
    expect(await again.replayer.runOnce()).toBe(3);
    const contacts = await again.history.listContacts({});
    expect(contacts.map((c) => c.clientId).sort()).toEqual(['regular', 'spanish', 'trusted']);
    expect(await again.pages.list()).toHaveLength(3);
    expect(spooledLines()).toEqual([]);
  });

  it('invariant 8: when two processes share the spool and replay at once, then each contact goes in once', async () => {
    const down = webWithoutRedis();
    for (let i = 0; i < 10; i++) await text(down, PHONES.unknown, `message ${i}`);
    const one = await restartedWith(null);
    const two = await restartedWith(one.keys.prefix);
    const counts = await Promise.all([one.replayer.runOnce(), two.replayer.runOnce()]);
    expect(counts[0]! + counts[1]!).toBe(10);
    // one number's texts join one contact (invariant 6), each text in it once
    const contacts = await one.history.listContacts({});
    expect(contacts).toHaveLength(1);
    for (let i = 0; i < 10; i++) expect(contacts[0]!.message!.split('\n').filter((line) => line === `message ${i}`)).toHaveLength(1);
    expect(await one.pages.list()).toEqual([]);
  });
});

describe('one contact per person at a time', () => {
  let sys: TestSystem;
  beforeEach(async () => {
    sys = await restartedWith(null);
    await seedPractice(sys);
  });

  it('invariant 6: when five crisis texts from one client arrive at once, then they make one contact holding all five and one critical page', async () => {
    const bodies = [1, 2, 3, 4, 5].map((n) => `i want to die ${n}`);
    const replies = await Promise.all(bodies.map((b) => text(sys, PHONES.regular, b)));
    for (const r of replies) expect(hasSafetyLine(r)).toBe(true);
    const contacts = await sys.history.listContacts({ clientId: 'regular' });
    expect(contacts).toHaveLength(1);
    for (const b of bodies) expect(contacts[0]!.message).toContain(b);
    expect(await sys.pages.list()).toEqual([expect.objectContaining({ priority: 'critical' })]);
  });

  it('when a text and a picture from one number arrive together, then they are one contact and the second raises no page of its own', async () => {
    await Promise.all([
      text(sys, PHONES.regular, 'please help me now'),
      signedPost(sys.app, '/twilio/sms', { MessageSid: `MM${'4'.repeat(32)}`, From: PHONES.regular, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: '', NumMedia: '1', MediaUrl0: 'https://api.twilio.com/media/ME9' }),
    ]);
    const contacts = await sys.history.listContacts({ clientId: 'regular' });
    expect(contacts).toHaveLength(1);
    expect(contacts[0]!.mediaUrls).toEqual(['https://api.twilio.com/media/ME9']);
    expect(await sys.pages.list()).toHaveLength(1);
  });
});

describe('outage replay: a text is read as it was when it was sent', () => {
  it('invariant 8: when a text sent during an outage is replayed after a check-in that fell due later was sent, then it is an outage contact with its page, not the answer to a check-in the client had not yet received', async () => {
    const live = await restartedWith(null);
    await seedPractice(live);
    const outageStart = Date.now() - 40 * 60_000;
    // 19:30 during the outage: an ordinary message (no check-in waits then)
    await text(webWithoutRedis({}, () => new Date(outageStart)), PHONES.regular, 'can Dr Ana call me about my refill');
    // the 19:50 check-in fell due during the outage and goes out late, once Redis answers, before the replay runs
    const slot = new Date(outageStart + 20 * 60_000).toISOString();
    await live.checkIns.setWaiting('regular', slot, new Date(Date.now() + 3_600_000), new Date());

    expect(await live.replayer.runOnce()).toBe(1);
    const contacts = await live.history.listContacts({ clientId: 'regular' });
    // what the same text replayed without the later check-in becomes: an sms contact of the outage, paged
    expect(contacts).toEqual([expect.objectContaining({ channel: 'sms', pageId: expect.any(String) })]);
    expect(await live.pages.require(contacts[0]!.pageId!)).toMatchObject({ why: expect.stringContaining('during an outage') });
    // and the check-in still waits for the client's real answer (a later "5" must page critical)
    expect(await live.checkIns.waiting('regular', new Date())).not.toBeNull();
  });

  it('invariant 9: when a START sent during an outage is replayed after the number texted STOP on the live line, then the number stays opted out', async () => {
    const live = await restartedWith(null);
    await seedPractice(live);
    // START during the outage (the number had opted out before it)
    await live.optOuts.add(PHONES.regular);
    await text(webWithoutRedis({}, () => new Date(Date.now() - 10 * 60_000)), PHONES.regular, 'START');
    // Redis answers; the client's STOP reaches the live line before the spool is replayed
    await text(live, PHONES.regular, 'STOP');
    expect(await live.optOuts.has(PHONES.regular)).toBe(true);

    await live.replayer.runOnce();
    // the last word the client sent was STOP: nothing may be texted to them (invariant 9)
    expect(await live.optOuts.has(PHONES.regular)).toBe(true);
  });
});

describe("outage replay: Twilio's OptOutType", () => {
  it("invariant 9: when a Spanish client's opt-out word that Twilio flags with OptOutType (not one of the carrier words) comes during the outage, then after recovery the number is opted out and no page is made of it", async () => {
    const live = await restartedWith(null);
    await seedPractice(live);
    seq += 1;
    const down = webWithoutRedis({}, () => new Date());
    await signedPost(down.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(30, '0')}ot`, From: PHONES.spanish, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: 'ALTO', OptOutType: 'STOP', NumMedia: '0' });
    await live.replayer.runOnce();
    // the live webhook honours OptOutType (texts/conversation.ts reads optOutType || body)
    expect(await live.optOuts.has(PHONES.spanish)).toBe(true);
    expect(await live.pages.list()).toEqual([]);
  });
});

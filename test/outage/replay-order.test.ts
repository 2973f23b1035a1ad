import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createSystem, type System } from '../../src/main.js';
import { PHONES, seedPractice } from '../support/practice.js';
import { testConfig, testSystem, type TestSystem } from '../support/system.js';
import { fakeTwilioApi } from '../support/twilio-api.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';

let api: ReturnType<typeof fakeTwilioApi>;
let spoolDir: string;
const opened: { close(): Promise<void> }[] = [];
let seq = 0;

beforeEach(() => {
  api = fakeTwilioApi();
  spoolDir = mkdtempSync(join(tmpdir(), 'afterhours-replay-order-'));
});
afterEach(async () => {
  for (const s of opened.splice(0).reverse()) await s.close();
  api.done();
});

/** A web process whose Redis refuses every connection, on its own clock: the outage. */
function webWithoutRedis(now: () => Date): System {
  const system = createSystem({ config: testConfig({ ...TWILIO_VARS, REDIS_URL: 'redis://127.0.0.1:1', SPOOL_DIR: spoolDir }), log: createLogger({ level: 'silent' }), now });
  opened.push(system);
  return system;
}

async function up(): Promise<TestSystem> {
  const system = await testSystem({ vars: { ...TWILIO_VARS, SPOOL_DIR: spoolDir } });
  opened.push({ close: () => system.teardown() });
  await seedPractice(system);
  return system;
}

async function text(system: Pick<System, 'app'>, from: string, body: string): Promise<void> {
  seq += 1;
  const sid = `SM${String(seq).padStart(30, '0')}ro`;
  await signedPost(system.app, '/twilio/sms', { MessageSid: sid, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body, NumMedia: '0' });
}

describe('outage replay: a text is read as it was when it was sent', () => {
  it('invariant 8: when a text sent during an outage is replayed after a check-in that fell due later was sent, then it is an outage contact with its page, not the answer to a check-in the client had not yet received', async () => {
    const live = await up();
    const outageStart = Date.now() - 40 * 60_000;
    // 19:30 during the outage: an ordinary message (no check-in waits then)
    await text(webWithoutRedis(() => new Date(outageStart)), PHONES.regular, 'can Dr Ana call me about my refill');
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
    const live = await up();
    // START during the outage (the number had opted out before it)
    await live.optOuts.add(PHONES.regular);
    await text(webWithoutRedis(() => new Date(Date.now() - 10 * 60_000)), PHONES.regular, 'START');
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
    const live = await up();
    seq += 1;
    const down = webWithoutRedis(() => new Date());
    await signedPost(down.app, '/twilio/sms', { MessageSid: `SM${String(seq).padStart(30, '0')}ro`, From: PHONES.spanish, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: 'ALTO', OptOutType: 'STOP', NumMedia: '0' });
    await live.replayer.runOnce();
    // the live webhook honours OptOutType (texts/conversation.ts reads optOutType || body)
    expect(await live.optOuts.has(PHONES.spanish)).toBe(true);
    expect(await live.pages.list()).toEqual([]);
  });
});

import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { readTwiml } from '../../src/devtools/twiml-reader.js';
import { createLogger } from '../../src/log.js';
import { createSystem } from '../../src/main.js';
import { PHONES } from '../support/practice.js';
import { testConfig } from '../support/system.js';
import { signedPost, TWILIO_VARS } from '../support/twilio.js';
import { recordRow } from './recorder.js';
import { count } from './rows.js';
import { startRig, type Rig } from './rig.js';

const spoolDir = mkdtempSync(join(tmpdir(), 'afterhours-fault-spool-'));
let rig: Rig;
beforeAll(async () => {
  rig = await startRig({ vars: { SPOOL_DIR: spoolDir } });
  rig.sys.startWorkers();
});
afterAll(() => rig.close());

let seq = 0;
const sid = () => `SM${String((seq += 1)).padStart(30, '0')}ft`;
const replyOf = (res: { text: string }) => readTwiml(res.text).map((v) => v.text).join('');
/** Contacts waiting in the spool, by SID (a relayed text is written twice: taken, then relayed). */
const spooled = () =>
  new Set(
    readdirSync(spoolDir)
      .filter((n) => n.endsWith('.ndjson') && !n.startsWith('unreadable-'))
      .flatMap((n) => readFileSync(join(spoolDir, n), 'utf8').split('\n').filter(Boolean))
      .map((line) => (JSON.parse(line) as { sid: string }).sid),
  ).size;

/** Runs the ladders of these pages to their end and checks them against what the phones received. */
async function ladders(ids: string[]) {
  await rig.track(ids);
  const settled = await rig.waitSettled(60_000);
  return { settled, report: await rig.check(ids) };
}

describe('fault: texts while Redis is unreachable', () => {
  it('invariant 8: when texts arrive while Redis refuses, then each reaches the fallback phone, is spooled, and after recovery becomes one contact whose page runs its ladder', async () => {
    // the web half of the same practice, on a Redis that refuses every connection
    const down = createSystem({ config: testConfig({ ...TWILIO_VARS, TWILIO_API_BASE_URL: rig.standin.baseUrl, REDIS_URL: 'redis://127.0.0.1:1', SPOOL_DIR: spoolDir }), log: createLogger({ level: 'silent' }) });
    const texts = [
      [PHONES.regular, 'i want to die tonight'],
      [PHONES.trusted, 'EMERGENCY please call me'],
      [PHONES.spanish, 'necesito ayuda, es urgente'],
      [PHONES.review, 'can we move my appointment'],
      ['+16175551201', 'i took all my pills'],
      ['+16175551202', 'hello is this the clinic'],
    ] as const;
    const sids = texts.map(() => sid());
    const relaysBefore = rig.standin.requests.filter((r) => r.to === TWILIO_VARS.FALLBACK_ONCALL_PHONE).length;
    const replies = await Promise.all(texts.map(([from, body], i) => signedPost(down.app, '/twilio/sms', { MessageSid: sids[i]!, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body })));
    await down.close();
    const answeredSafely = replies.filter((r) => r.status === 200 && /911/.test(replyOf(r)) && /988/.test(replyOf(r))).length;
    const relays = rig.standin.requests.filter((r) => r.to === TWILIO_VARS.FALLBACK_ONCALL_PHONE).slice(relaysBefore);
    const wordsInRelays = relays.filter((r) => texts.some(([, body]) => r.body.includes(body))).length;
    const onDisk = spooled();

    // Redis answers again: the spool is replayed, and a second replay (another process, a restart) adds nothing
    const replayed = await rig.sys.replayer.runOnce();
    const again = await rig.sys.replayer.runOnce();
    const contacts = (await rig.sys.history.listContacts({})).filter((c) => sids.some((s) => c.source === `sms:${s}`));
    const pages = (await rig.sys.pages.list()).filter((p) => contacts.some((c) => c.pageId === p.id));
    const { settled, report } = await ladders(pages.map((p) => p.id));
    const urgent = 5; // four claims or crisis texts, and a known client's plain text (no answer): the fifth
    recordRow(
      {
        suite: 'texts while Redis refuses (relayed, spooled, replayed)',
        ran: `${count(texts.length, 'text')}, ${count(report.ladders, 'ladder')}`,
        faultsInjected: texts.length,
        faultsObserved: answeredSafely,
        lost: texts.length - contacts.length,
        lostInFlight: report.lostInFlight,
        duplicates: contacts.length - new Set(contacts.map((c) => c.source)).size + again + report.duplicates + report.afterTake,
        notes: `${relays.length} relays to the fallback phone (${wordsInRelays} with the words), ${onDisk} spooled, ${replayed} replayed, ${again} on a second replay; ${pages.length} pages ran their ladders, ${report.lost} sends lost`,
        details: { report },
      },
      {
        'every text answered with 911 / 988': answeredSafely === texts.length,
        'every text relayed, never its words': relays.length === texts.length && wordsInRelays === 0,
        'every text spooled': onDisk === texts.length && replayed === texts.length,
        'one contact each, once': contacts.length === texts.length && again === 0,
        'the urgent ones paged, their ladders whole': pages.length === urgent && settled && report.lost === 0 && report.lostInFlight === 0,
        'nothing sent twice': report.duplicates === 0 && report.afterTake === 0,
      },
      report.problems,
    );
  });
});

describe('fault: texts from one number at once', () => {
  it('invariant 6: when bursts of texts from one number arrive at once, then each burst is one contact holding every text and one page', async () => {
    // numbers of their own: the client's 911 / 988 text at the end of a ladder is checked per number
    const bursts = [
      ['+16175551301', ['i want to die', 'please', 'im sorry', 'i cant do this', 'call me now']],
      ['+16175551302', ['emergency', 'please call', 'hello??', 'its bad', 'i need help now']],
      ['+16175551303', ['i took all my pills', '(picture)', 'sorry', 'hello', 'please']],
      ['+16175551304', ['necesito ayuda', 'por favor', 'es urgente', 'hola?', 'ya no puedo más']],
    ] as const;
    const before = new Set((await rig.sys.pages.list()).map((p) => p.id));
    const startedAt = Date.now();
    const answers = await Promise.all(
      bursts.flatMap(([from, bodies]) => bodies.map((body) => signedPost(rig.sys.app, '/twilio/sms', { MessageSid: sid(), From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, Body: body }))),
    );
    const delivered = answers.filter((r) => r.status === 200).length;
    const all = (await rig.sys.history.listContacts({})).filter((c) => Date.parse(c.at) >= startedAt);
    const perBurst = bursts.map(([from, bodies]) => {
      const mine = all.filter((c) => c.from === from && bodies.some((b) => (c.message ?? '').includes(b)));
      const held = bodies.filter((b) => mine.some((c) => (c.message ?? '').includes(b))).length;
      return { contacts: mine.length, held, of: bodies.length, pages: new Set(mine.map((c) => c.pageId).filter(Boolean)).size };
    });
    const ids = (await rig.sys.pages.list()).map((p) => p.id).filter((id) => !before.has(id));
    const { settled, report } = await ladders(ids);
    const extra = perBurst.reduce((n, b) => n + Math.max(0, b.contacts - 1) + Math.max(0, b.pages - 1), 0);
    recordRow(
      {
        suite: 'texts from one number at once',
        ran: `${count(bursts.length, 'burst')} of 5 texts, ${count(report.ladders, 'ladder')}`,
        faultsInjected: answers.length,
        faultsObserved: delivered,
        lost: perBurst.reduce((n, b) => n + (b.of - b.held), 0),
        lostInFlight: report.lostInFlight,
        duplicates: extra + report.duplicates + report.afterTake,
        notes: `pages per burst: ${perBurst.map((b) => b.pages).join(', ')}; contacts per burst: ${perBurst.map((b) => b.contacts).join(', ')}`,
        details: { perBurst, report },
      },
      {
        'every text answered': delivered === answers.length,
        'one contact and one page per burst': perBurst.every((b) => b.contacts === 1 && b.pages === 1),
        'every text kept in its contact': perBurst.every((b) => b.held === b.of),
        'ladders whole': settled && report.lost === 0 && report.lostInFlight === 0 && report.duplicates === 0 && report.afterTake === 0,
      },
      report.problems,
    );
  });
});

import { DateTime } from 'luxon';
import type { Contact } from '../history/store.js';
import type { Page } from '../paging/pages.js';
import { scripted } from './call-driver.js';
import type { DemoWorld } from './demo-world.js';

export interface SceneOutcome {
  title: string;
  contact: Contact | null;
  page: Page | null;
  replies: string[];
}

async function contactOfCall(world: DemoWorld, callSid: string): Promise<Contact | null> {
  return world.system.history.getContactBySource(`voice:${callSid}`);
}

async function latestContact(world: DemoWorld, clientId: string): Promise<Contact | null> {
  return (await world.system.history.listContacts({ clientId, limit: 1 }))[0] ?? null;
}

async function pageOf(world: DemoWorld, contact: Contact | null): Promise<Page | null> {
  const latest = contact && (await world.system.history.getContact(contact.id));
  return latest?.pageId ? world.system.pages.get(latest.pageId) : null;
}

const taken = (page: Page) => page.status === 'acknowledged';

/** 1. A client with an emergency-only history calls at 2 a.m. and is put straight through. */
async function trustedCall(world: DemoWorld): Promise<SceneOutcome> {
  world.phone('ana', { texts: 'read', calls: { answer: scripted({ digits: '1' }, { digits: '1' }) } });
  const callSid = await world.call('tess', scripted({ digits: '1' }));
  const contact = await contactOfCall(world, callSid);
  const page = await world.waitForPage(() => pageOf(world, contact), taken);
  return { title: 'emergency-only history, straight through', contact, page, replies: [] };
}

/** 2. A client texts a non-urgent message and is supported in waiting for the session. */
async function nonUrgentText(world: DemoWorld): Promise<SceneOutcome> {
  const replies = [...(await world.text('rob', 'Could we talk about my new dose at my next session?')), ...(await world.text('rob', 'No'))];
  await world.settle();
  const contact = await latestContact(world, 'rob');
  return { title: 'a message for the next business day', contact, page: await pageOf(world, contact), replies };
}

/** 3. A text with crisis wording pages at once and the client gets 988. */
async function crisisText(world: DemoWorld): Promise<SceneOutcome> {
  world.phone('ben', { texts: { reply: '1', afterMs: 1_500 }, calls: 'no-answer' });
  world.phone('ana', { texts: { reply: '1', afterMs: 1_500 }, calls: 'no-answer' });
  const replies = await world.text('sam', "i can't do this anymore. i want it all to end");
  const contact = await latestContact(world, 'sam');
  const page = await world.waitForPage(() => pageOf(world, contact), taken);
  await world.settle();
  return { title: 'crisis wording pages at once', contact, page, replies };
}

/** 4. Nobody takes a page and it climbs to the backup, who takes it. */
async function climbToBackup(world: DemoWorld): Promise<SceneOutcome> {
  world.phone('ana', { texts: 'read', calls: 'voicemail' });
  world.phone('ben', { texts: { reply: '1', afterMs: 1_000 }, calls: 'no-answer' });
  const callSid = await world.call('rob', scripted({ digits: '1' }, { record: "I'm having a panic attack and I'm scared to be alone" }));
  const contact = await contactOfCall(world, callSid);
  const page = await world.waitForPage(() => pageOf(world, contact), taken, 60_000);
  await world.settle();
  return { title: 'the ladder climbs to the backup', contact, page, replies: [] };
}

/** 5. Tess's psychiatrist set an evening check-in; at 8 p.m. she answers 4, and the on-call psychiatrist is paged. */
async function eveningCheckIn(world: DemoWorld): Promise<SceneOutcome> {
  world.phone('ana', { texts: { reply: '1', afterMs: 1_500 }, calls: 'no-answer' });
  const today = DateTime.fromJSDate(world.now(), { zone: world.config.timezone }).toISODate()!;
  await world.system.checkIns.set('tess', { times: ['20:00'], from: today, until: DateTime.fromISO(today).plus({ days: 13 }).toISODate()! }, world.now());
  world.say('Dr. Ruiz', `sets a check-in plan for Tess: every evening at 8:00 p.m. for two weeks`);
  world.advance(2); // 20:01: the every-minute scheduler finds the check-in due
  await world.system.checkInScheduler.sweep();
  await world.settle();
  const replies = await world.text('tess', '4');
  const contact = await latestContact(world, 'tess');
  const page = await world.waitForPage(() => pageOf(world, contact), taken);
  await world.settle();
  return { title: 'a check-in answered 4 pages the on-call psychiatrist', contact, page, replies };
}

/** 6. The morning after: Dr. Ruiz is asked whether the 2 a.m. page was warranted, answers W, and sees Tess's standing. */
async function morningAfter(world: DemoWorld): Promise<SceneOutcome> {
  await world.system.digest.run();
  await world.settle();
  const call = (await world.system.history.listContacts({ clientId: 'tess' })).find((c) => c.channel === 'voice' && c.pageId);
  const page = call?.pageId ? await world.system.pages.get(call.pageId) : null;
  const replies = page ? await world.text('ana', `W ${page.code}`) : [];
  return { title: 'the morning after: was it warranted?', contact: call ? await world.system.history.getContact(call.id) : null, page, replies };
}

export const SCENES = [
  { at: 4, intro: 'Tess has only ever called in real emergencies. At 2 a.m. she calls and presses 1.', play: trustedCall },
  { at: 31, intro: 'Rob texts a question that can wait for his session.', play: nonUrgentText },
  { at: 52, intro: 'Sam texts in the middle of the night, in crisis.', play: crisisText },
  { at: 97, intro: 'Rob calls with an emergency. Dr. Ruiz does not pick up; the ladder climbs to her backup.', play: climbToBackup },
  { at: 18 * 60 - 1, intro: 'That evening. After the night, Dr. Ruiz asked for an 8 p.m. check-in with Tess; tonight Tess answers 4.', play: eveningCheckIn },
  { at: 31 * 60, intro: 'The morning after, 9:00 a.m.: the digest, and the question whether the 2 a.m. page was warranted.', play: morningAfter },
] as const;

/** Plays the scenes in order, each at its own time of night, and returns what happened. */
export async function playScenes(world: DemoWorld, onScene: (index: number, intro: string) => void = () => {}): Promise<SceneOutcome[]> {
  const outcomes: SceneOutcome[] = [];
  let minute = 0;
  for (const [index, scene] of SCENES.entries()) {
    world.advance(scene.at - minute);
    minute = scene.at;
    world.resetPhones();
    onScene(index, scene.intro);
    outcomes.push(await scene.play(world));
  }
  world.resetPhones();
  return outcomes;
}

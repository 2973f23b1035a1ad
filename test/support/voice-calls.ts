import { afterEach, beforeEach } from 'vitest';
import { spokenText, type Verb } from '../../src/devtools/twiml-reader.js';
import { seedPractice } from './practice.js';
import { testSystem, type TestSystem } from './system.js';
import { find, signedPost, TWILIO_VARS, verbsOf } from './twilio.js';

let callSeq = 0;

/** The parameters Twilio sends with every webhook of a new incoming call. */
export function newCall(from: string) {
  callSeq += 1;
  return { CallSid: `CA${String(callSeq).padStart(32, '0')}`, From: from, To: TWILIO_VARS.TWILIO_PHONE_NUMBER, AccountSid: TWILIO_VARS.TWILIO_ACCOUNT_SID, CallStatus: 'in-progress' };
}

/**
 * Follows a call as Twilio would: the incoming webhook, then for each answer the Gather's action
 * with what the caller did, or (an empty answer) the Redirect that silence falls through to.
 */
export async function call(sys: TestSystem, from: string, ...answers: Record<string, string>[]) {
  const params = newCall(from);
  const turns: Verb[][] = [verbsOf(await signedPost(sys.app, '/twilio/voice', params))];
  for (const answer of answers) {
    const last = turns.at(-1)!;
    const gather = find(last, 'Gather');
    const redirect = last.find((v) => v.name === 'Redirect');
    const url = Object.keys(answer).length > 0 ? gather!.attrs.action! : redirect!.text;
    turns.push(verbsOf(await signedPost(sys.app, url, { ...params, ...answer })));
  }
  return { params, turns, contactSource: `voice:${params.CallSid}` };
}

/** 911 and 988 (read digit by digit) both come before the first <Gather> of an answer. */
export function safetyComesFirst(verbs: Verb[]): boolean {
  const gatherIndex = verbs.findIndex((v) => v.name === 'Gather');
  const before = spokenText(gatherIndex < 0 ? verbs : verbs.slice(0, gatherIndex)).replace(/-/g, '');
  return /911/.test(before) && /988/.test(before);
}

/**
 * A seeded practice for each test of a voice file, at Friday 02:00 in New York, with helpers
 * that follow calls through it: `const line = voiceLine()` at the top of the file.
 */
export function voiceLine() {
  let sys: TestSystem;
  beforeEach(async () => {
    sys = await testSystem({ vars: TWILIO_VARS, now: () => new Date('2026-11-27T07:00:00Z') });
    await seedPractice(sys);
  });
  afterEach(() => sys.teardown());
  return {
    get sys() {
      return sys;
    },
    call: (from: string, ...answers: Record<string, string>[]) => call(sys, from, ...answers),
    contactOf: (source: string) => sys.history.getContactBySource(source),
  };
}

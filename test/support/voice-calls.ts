import { spokenText, type Verb } from '../../src/devtools/twiml-reader.js';
import type { TestSystem } from './system.js';
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

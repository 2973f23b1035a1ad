import { DateTime } from 'luxon';
import type { Channel } from '../triage/types.js';
import type { CheckInWording, ClientWording, ClinicianWording, PageFacts } from './types.js';

const CHANNEL_VERB: Record<Channel, string> = { voice: 'Called', sms: 'Texted', 'check-in': 'Check-in reply' };

function localTime(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: timezone }).setLocale('en-US').toFormat('h:mm a');
}

/** Plain ASCII keeps a clinician's text in GSM-7, within two SMS segments. */
function ascii(text: string): string {
  return text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
}

/** Initials as a page writes them: "TM" → "T.M.". */
export const dotted = (initials: string) => `${initials.split('').join('.')}.`;
const why = (facts: PageFacts) => facts.page.why.replace(/; unknown caller(?=;|$)/, '');

export const clinician: ClinicianWording = {
  pageText: (facts) =>
    ascii(
      `afterhours ${facts.page.priority.toUpperCase()} page ${facts.page.code}: ${facts.initials ? `client ${dotted(facts.initials)}` : 'unknown caller'}, ${why(facts)}. ` +
        `${CHANNEL_VERB[facts.channel]} ${localTime(facts.page.createdAt, facts.timezone)}. ` +
        `Reply 1 to take, CALL to take and be connected, PASS to hand on.`,
    ),
  /** The spoken page: the same facts, digits read one by one. */
  pageSpeech: (facts, practiceName) =>
    `This is the after-hours line of ${practiceName}, with a ${facts.page.priority} page, code ${facts.page.code.split('').join(' ')}, from ` +
    `${facts.initials ? `client initials ${facts.initials.split('').join('. ')}.` : 'an unknown caller.'} ` +
    `${why(facts)}. ${CHANNEL_VERB[facts.channel]} at ${localTime(facts.page.createdAt, facts.timezone)}.`,
  takenNotice: (code, takerName, at, timezone) => ascii(`afterhours page ${code} was taken by ${takerName} at ${localTime(at, timezone)}. No action needed.`),
  alreadyTaken: (code, takerName, at, timezone) => ascii(`Thank you. Page ${code} was already taken by ${takerName} at ${localTime(at, timezone)}.`),
  exhaustedAlert: (page, rounds) =>
    ascii(
      `afterhours ALERT: ${page.priority} page ${page.code} was not taken after ${rounds} round${rounds === 1 ? '' : 's'} of the ladder. ` +
        `Reply 1 ${page.code} to take it, or CALL ${page.code} to be connected.`,
    ),
  digest: (count, checkIns = []) =>
    `afterhours:${count > 0 ? ` ${count} after-hours message${count === 1 ? '' : 's'} ${count === 1 ? 'is' : 'are'} waiting for you. Review them in the practice's contact list.` : ''}` +
    `${checkIns.length > 0 ? ` Check-ins: ${checkIns.join('; ')}.` : ''}`,
  dispositionQuestion: ({ code, initials, at, timezone }) =>
    ascii(
      `afterhours: page ${code} (${initials ? `client ${dotted(initials)}` : 'unknown caller'}, ${DateTime.fromISO(at, { zone: timezone }).setLocale('en-US').toFormat('ccc')} ${localTime(at, timezone)}). ` +
        `Was it warranted? Reply W ${code} if it was warranted, N ${code} if not.`,
    ),
  signInCode: (code, minutes) => `afterhours sign-in code: ${code}. It expires in ${minutes} minutes. If you did not ask for it, ignore this text.`,
};

const SMS_SAFETY = 'If you are in danger, call 911. Call or text 988 (Suicide & Crisis Lifeline) any time.';

const CHECK_IN_OPENINGS: Record<CheckInWording, (practice: string) => string> = {
  standard: (p) => `${p} check-in: how are you doing right now?`,
  gentle: (p) => `${p} here, checking in as your clinician asked. We are thinking of you. How are you right now?`,
  brief: (p) => `${p} check-in.`,
};

export const client: ClientWording = {
  smsSafety: SMS_SAFETY,
  stillTrying: (practice) => `${practice}: we are still trying to reach the on-call clinician. ${SMS_SAFETY}`,
  pageTaken: (practice) => `${practice}: the on-call psychiatrist has your message and will be in touch. ${SMS_SAFETY}`,
  checkIn: (practice, wording) => `${CHECK_IN_OPENINGS[wording](practice)} Reply with a number from 1 (doing well) to 5 (not safe). ${SMS_SAFETY} Reply STOP to stop these texts.`,
};

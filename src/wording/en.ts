import { DateTime } from 'luxon';
import type { Channel } from '../triage/types.js';
import type { CheckInWording, ClientWording, ClinicianWording, PageFacts, TextReplies, VoicePrompts } from './types.js';

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
  digest: (count, contactsUrl, checkIns = []) =>
    `afterhours:${count > 0 ? ` ${count} after-hours message${count === 1 ? '' : 's'} ${count === 1 ? 'is' : 'are'} waiting for you. Review them at ${contactsUrl}` : ''}` +
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

/** What the voice line says, in English. */
export const voice: VoicePrompts = {
  voice: 'Polly.Joanna',
  sayLanguage: 'en-US',
  gatherLanguage: 'en-US',
  greeting: (practice) =>
    `You have reached the after-hours line of ${practice}. If you are in danger or this is a medical emergency, hang up and dial 9-1-1. You can call or text 9-8-8, the suicide and crisis lifeline, at any time.`,
  danger: 'If you are in danger, hang up and dial 9-1-1. You can call or text 9-8-8 at any time.',
  question:
    'If this is an emergency that cannot wait until the next business day, press 1 or say yes. To leave a message instead, press 2 or say no.',
  unsure:
    'If you are not sure, that is all right: press 1 or say yes, and we will page the psychiatrist now. Press 2 or say no to leave a message.',
  notHeard: "Sorry, I didn't catch that.",
  paged:
    'We are paging the on-call psychiatrist now. They will call you back at this number, so please keep your phone free.',
  followUp:
    'While the page goes out, please tell us in a few words what is happening, after the tone. Press any key when you are done. If you hang up, the page still goes out.',
  followUpThanks: 'Thank you. The psychiatrist will hear what you said.',
  messageWhen: (when) => `Your message will be heard ${when}. Please leave it after the tone, and press any key when you are done.`,
  messageThanks: (when) =>
    `Thank you. Your clinician will hear your message ${when}. Waiting for your next session can be hard, and you have made it through hard moments before. It can help to write down what you want to talk about, so it is ready for your session. If this becomes an emergency, hang up and dial 9-1-1, or call or text 9-8-8.`,
  noAnswerPaged:
    'We did not hear an answer, so we are paging the on-call psychiatrist to call you back at this number.',
  noAnswerMessage: 'We did not hear an answer.',
  goodbye: 'Goodbye.',
  fallbackConnecting: 'We are connecting you to the on-call clinician now. Please stay on the line.',
  fallbackNoNumber:
    'We cannot reach the on-call clinician through this line right now. Please call back in a few minutes.',
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('en-US');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'today' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'tomorrow' : `on ${t.toFormat('cccc')}`;
    return `${day} after ${t.toFormat('h:mm a')}`;
  },
};

/** What the text line replies, in English. */
export const texts: TextReplies = {
  question: (practice) => `${practice} after-hours line. Is this an emergency that can't wait for your next session? Reply YES or NO. ${SMS_SAFETY}`,
  reask: `Sorry, please reply YES if this is an emergency that can't wait for your next session, or NO to leave a message. ${SMS_SAFETY}`,
  unsure: `If you are not sure, that's all right: reply YES and we will page the psychiatrist, or NO to leave a message. ${SMS_SAFETY}`,
  paged: `We are paging the on-call psychiatrist now; they will contact you at this number. ${SMS_SAFETY}`,
  pagedAskDetails: `We are paging the on-call psychiatrist now; they will contact you at this number. In a few words, what is happening? ${SMS_SAFETY}`,
  detailsAdded: `Thank you, we added that to the page. ${SMS_SAFETY}`,
  crisis: 'You can call or text 988 right now to talk with someone (Suicide & Crisis Lifeline). If you are in danger, call 911. We are paging the on-call psychiatrist now.',
  messageKept: (when) =>
    `Thank you. Your message is saved and your clinician will read it ${when}. Waiting can be hard; you have gotten through hard moments before. Jot down what you want to bring to your session. If this becomes an emergency, call 911, or call or text 988.`,
  added: `Got it, we added this to your message. ${SMS_SAFETY}`,
  help: (practice) => `${practice} after-hours line. ${SMS_SAFETY} Is this an emergency that can't wait for your next session? Reply YES or NO. STOP ends texts from this line.`,
  helpOnly: (practice) => `${practice} after-hours line. ${SMS_SAFETY} Reply STOP to stop texts from this line.`,
  helpPaged: (practice) => `${practice} after-hours line. We are paging the on-call psychiatrist now; they will contact you at this number. ${SMS_SAFETY}`,
  resubscribed: (practice) => `${practice}: you will get texts from this line again. ${SMS_SAFETY}`,
  formatWhen: (at, timezone, now) => {
    const t = DateTime.fromJSDate(at, { zone: timezone }).setLocale('en-US');
    const today = DateTime.fromJSDate(now, { zone: timezone });
    const day = t.hasSame(today, 'day') ? 'today' : t.hasSame(today.plus({ days: 1 }), 'day') ? 'tomorrow' : t.toFormat('cccc');
    return `${day} after ${t.toFormat('h:mm a')}`;
  },
};

import { DateTime } from 'luxon';
import type { Channel } from '../triage/types.js';
import type { Page } from './pages.js';

/**
 * What a clinician's phone shows and says for a page: the least that lets them act. A page code,
 * the priority, the client's initials, the standing in words, the channel and time, and how to
 * reply; never a full name, a diagnosis or what the client said. Plain ASCII keeps a page text
 * in GSM-7, within two SMS segments.
 */
export interface PageFacts {
  page: Pick<Page, 'code' | 'priority' | 'why' | 'createdAt'>;
  initials: string | null;
  channel: Channel;
  timezone: string;
}

const CHANNEL_VERB: Record<Channel, string> = { voice: 'Called', sms: 'Texted', 'check-in': 'Check-in reply' };

function localTime(iso: string, timezone: string): string {
  return DateTime.fromISO(iso, { zone: timezone }).setLocale('en-US').toFormat('h:mm a');
}

function ascii(text: string): string {
  return text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '');
}

export function pageSms(facts: PageFacts): string {
  const who = facts.initials ? `client ${dotted(facts.initials)}` : 'unknown caller';
  const why = facts.page.why.replace(/; unknown caller(?=;|$)/, '');
  return ascii(
    `afterhours ${facts.page.priority.toUpperCase()} page ${facts.page.code}: ${who}, ${why}. ` +
      `${CHANNEL_VERB[facts.channel]} ${localTime(facts.page.createdAt, facts.timezone)}. ` +
      `Reply 1 to take, CALL to take and be connected, PASS to hand on.`,
  );
}

/** The spoken page: the same facts, digits read one by one. */
export function pageSpeech(facts: PageFacts, practiceName: string): string {
  const who = facts.initials ? `client initials ${facts.initials.split('').join('. ')}.` : 'an unknown caller.';
  const spokenCode = facts.page.code.split('').join(' ');
  return (
    `This is the after-hours line of ${practiceName}, with a ${facts.page.priority} page, code ${spokenCode}, from ${who} ` +
    `${facts.page.why.replace(/; unknown caller(?=;|$)/, '')}. ${CHANNEL_VERB[facts.channel]} at ${localTime(facts.page.createdAt, facts.timezone)}.`
  );
}

export function takenNotice(code: string, takerName: string, at: string, timezone: string): string {
  return ascii(`afterhours page ${code} was taken by ${takerName} at ${localTime(at, timezone)}. No action needed.`);
}

export function alreadyTaken(code: string, takerName: string, at: string, timezone: string): string {
  return ascii(`Thank you. Page ${code} was already taken by ${takerName} at ${localTime(at, timezone)}.`);
}

export function exhaustedAlert(page: Pick<Page, 'code' | 'priority'>, rounds: number): string {
  return ascii(
    `afterhours ALERT: ${page.priority} page ${page.code} was not taken after ${rounds} round${rounds === 1 ? '' : 's'} of the ladder. ` +
      `Reply 1 ${page.code} to take it, or CALL ${page.code} to be connected.`,
  );
}

/** Initials as a page writes them: "TM" → "T.M.". */
export function dotted(initials: string): string {
  return `${initials.split('').join('.')}.`;
}

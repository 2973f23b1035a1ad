import type { Language, Priority } from '../triage/types.js';
import { CLIENT_WORDING, CLINICIAN_WORDING, type CheckInWording, type PageFacts } from '../wording/index.js';

/**
 * Every text and call the product starts, as data: the outbox renders the words (wording/, one
 * module per language) at the moment of sending, so a send record never holds them. `to` is
 * null when no number is on file: the send is recorded as failed, never silently dropped.
 */
export type Message =
  /** A page to one tier of the ladder. */
  | { kind: 'page-text'; to: string | null; facts: PageFacts }
  /** A page by voice: `url` is the TwiML the clinician hears when they answer (a machine is detected). */
  | { kind: 'page-call'; to: string | null; url: string }
  /** The end of an exhausted ladder, to the lead. */
  | { kind: 'exhausted-alert'; to: string | null; page: { code: string; priority: Priority }; rounds: number }
  /** Someone took the page: to everyone else already paged. */
  | { kind: 'taken-notice'; to: string | null; code: string; taker: string; at: string; timezone: string }
  /** To a client: the ladder ran out and we are still trying, with 911 / 988. */
  | { kind: 'client-still-trying'; to: string | null; language: Language }
  /** To a client who texted: the page was taken. */
  | { kind: 'client-page-taken'; to: string | null; language: Language }
  /** The morning digest: how many messages wait for a clinician, no client detail. */
  | { kind: 'digest'; to: string | null; count: number; checkIns?: readonly string[]; /** Where the messages are read: the console's Contacts screen. */ contactsUrl: string }
  /** The morning-after question to the clinician who took a page: was it warranted? */
  | { kind: 'disposition-question'; to: string | null; code: string; initials: string | null; at: string; timezone: string }
  /** An agreed check-in text to a client. */
  | { kind: 'check-in'; to: string | null; language: Language; wording: CheckInWording }
  /** A console sign-in code: a secret, rendered only into the request to Twilio; never logged or stored. */
  | { kind: 'sign-in-code'; to: string | null; code: string; minutes: number };

export type MessageKind = Message['kind'];

/** Messages to a client: a number that texted STOP gets none of them (invariant 9). */
const TO_CLIENT: ReadonlySet<MessageKind> = new Set(['client-still-trying', 'client-page-taken', 'check-in']);

export function isToClient(message: Message): boolean {
  return TO_CLIENT.has(message.kind);
}

export type Rendered = { channel: 'sms'; body: string } | { channel: 'voice'; url: string };

/** The words (or the call) of a message. */
export function render(message: Message, practiceName: string): Rendered {
  const sms = (body: string): Rendered => ({ channel: 'sms', body });
  const clinician = CLINICIAN_WORDING;
  switch (message.kind) {
    case 'page-text':
      return sms(clinician.pageText(message.facts));
    case 'page-call':
      return { channel: 'voice', url: message.url };
    case 'exhausted-alert':
      return sms(clinician.exhaustedAlert(message.page, message.rounds));
    case 'taken-notice':
      return sms(clinician.takenNotice(message.code, message.taker, message.at, message.timezone));
    case 'client-still-trying':
      return sms(CLIENT_WORDING[message.language].stillTrying(practiceName));
    case 'client-page-taken':
      return sms(CLIENT_WORDING[message.language].pageTaken(practiceName));
    case 'digest':
      return sms(clinician.digest(message.count, message.contactsUrl, message.checkIns));
    case 'disposition-question':
      return sms(clinician.dispositionQuestion(message));
    case 'check-in':
      return sms(CLIENT_WORDING[message.language].checkIn(practiceName, message.wording));
    case 'sign-in-code':
      return sms(clinician.signInCode(message.code, message.minutes));
  }
}

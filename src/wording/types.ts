import type { Channel, Priority } from '../triage/types.js';

/** The reviewed check-in wordings a plan may choose from (`standard` when none is chosen). */
export const CHECK_IN_WORDINGS = ['standard', 'gentle', 'brief'] as const;
export type CheckInWording = (typeof CHECK_IN_WORDINGS)[number];

/**
 * What a clinician's phone shows and says for a page: the least that lets them act. A page code,
 * the priority, the client's initials, the standing in words, the channel and time, and how to
 * reply; never a full name, a diagnosis or what the client said.
 */
export interface PageFacts {
  page: { code: string; priority: Priority; why: string; createdAt: string };
  initials: string | null;
  channel: Channel;
  timezone: string;
}

/** Everything the product writes to a clinician (their texts are English, plain ASCII: GSM-7). */
export interface ClinicianWording {
  pageText(facts: PageFacts): string;
  pageSpeech(facts: PageFacts, practiceName: string): string;
  takenNotice(code: string, takerName: string, at: string, timezone: string): string;
  alreadyTaken(code: string, takerName: string, at: string, timezone: string): string;
  exhaustedAlert(page: { code: string; priority: Priority }, rounds: number): string;
  /** How many messages wait, and a line per client whose check-ins went unanswered (initials only). */
  digest(count: number, contactsUrl: string, checkIns?: readonly string[]): string;
  /** The morning question about one page: was it warranted? Names the page by code, initials, day and time only. */
  dispositionQuestion(facts: { code: string; initials: string | null; at: string; timezone: string }): string;
  /** A console sign-in code. A secret: rendered only at the moment of sending, never stored or logged. */
  signInCode(code: string, minutes: number): string;
}

/** Everything the product texts to a client unprompted, per language; each carries the 911 / 988 line. */
export interface ClientWording {
  /** The SMS safety line, used wherever a text must carry the 911 / 988 guidance. */
  smsSafety: string;
  /** The end of an exhausted ladder: we are still trying, and 911 / 988. */
  stillTrying(practice: string): string;
  /** A client who texted hears that the page was taken. */
  pageTaken(practice: string): string;
  /** An agreed check-in: names the practice, asks 1 (doing well) to 5 (not safe), 911 / 988, how to stop. */
  checkIn(practice: string, wording: CheckInWording): string;
}

/**
 * Everything the voice line says, one table per language. Numbers are written "9-1-1" and
 * "9-8-8" so text-to-speech reads them digit by digit. No prompt names or hints at a client:
 * whoever holds the phone hears the same words.
 */
export interface VoicePrompts {
  voice: string;
  sayLanguage: string;
  gatherLanguage: string;
  greeting(practice: string): string;
  danger: string;
  question: string;
  /** After the first unsure answer, in place of the question: it is all right not to know. */
  unsure: string;
  notHeard: string;
  paged: string;
  followUp: string;
  followUpThanks: string;
  messageWhen(when: string): string;
  messageThanks(when: string): string;
  noAnswerPaged: string;
  noAnswerMessage: string;
  goodbye: string;
  fallbackConnecting: string;
  fallbackNoNumber: string;
  formatWhen(at: Date, timezone: string, now: Date): string;
}

/**
 * Every text the client line sends, per language: plain characters (GSM-7 where the language
 * allows) so a reply stays within two SMS segments. The danger line rides on every reply that
 * answers an emergency or a crisis.
 */
export interface TextReplies {
  question(practice: string): string;
  reask: string;
  /** The first unsure answer: one plain sentence that it is all right not to know, and the question again. */
  unsure: string;
  paged: string;
  pagedAskDetails: string;
  detailsAdded: string;
  crisis: string;
  messageKept(when: string): string;
  added: string;
  /** HELP as a first text: who we are, the danger line, and the urgency question. */
  help(practice: string): string;
  helpOnly(practice: string): string;
  /** HELP alone (or "ayuda"): read as a call for help, so it pages, and names the practice as the carrier keyword asks. */
  helpPaged(practice: string): string;
  resubscribed(practice: string): string;
  formatWhen(at: Date, timezone: string, now: Date): string;
}

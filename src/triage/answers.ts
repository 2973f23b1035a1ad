import { normalise } from './crisis.js';

export type UrgencyAnswer = 'emergency' | 'not-emergency';

const YES = /(?:^| )(?:yes|yea|yeah|yep|yup|ya|y|si|sip|claro|emergency|emergencies|emergencia|urgent|urgente|help|ayuda|asap)(?= |$)/;
const NO = /(?:^| )(?:no|n|nope|nah|not|isnt|dont|nothing|nada|tampoco)(?= |$)/;
const NEGATED_EMERGENCY = /(?:^| )(?:not|isnt|no es|no|nothing)(?: (?:really|an|a|una|un|that|too|so|muy|realmente|exactly))* (?:emergency|urgent|emergencia|urgente)(?= |$)/;

/**
 * Reads an answer to "is this an emergency?" in plain words, English or Spanish, from speech or
 * a text: "yes", "it's an emergency", "sí" / "no", "not really", "no es urgente". When words
 * point both ways and the emergency is not itself negated, it reads as an emergency: a page a
 * clinician did not need is the acceptable failure. Null when the answer says neither.
 */
export function readUrgencyWords(text: string | null | undefined): UrgencyAnswer | null {
  const t = normalise(text ?? '');
  if (!t) return null;
  const yes = YES.test(t);
  const no = NO.test(t);
  if (no && (!yes || NEGATED_EMERGENCY.test(t))) return 'not-emergency';
  if (yes) return 'emergency';
  return null;
}

/** A keypress at the urgency question: 1 emergency, 2 message, 9 Spanish. */
export function readUrgencyDigits(digits: string | null | undefined): UrgencyAnswer | 'spanish' | null {
  switch ((digits ?? '').trim().charAt(0)) {
    case '1':
      return 'emergency';
    case '2':
      return 'not-emergency';
    case '9':
      return 'spanish';
    default:
      return null;
  }
}

/** A text reply: digits as on the phone, else words. */
export function readUrgencyReply(text: string | null | undefined): UrgencyAnswer | null {
  const trimmed = (text ?? '').trim();
  if (/^[12]$/.test(trimmed)) return readUrgencyDigits(trimmed) as UrgencyAnswer;
  return readUrgencyWords(trimmed);
}

import { normalise } from './crisis.js';

/**
 * An answer to "is this an emergency?". Distress and doubt are `unsure`, never `not-emergency`:
 * a client who says "I'm not okay" or "I don't know" has not said it can wait.
 */
export type UrgencyAnswer = 'emergency' | 'not-emergency' | 'unsure';

/** Builds one whole-word pattern over normalised text from phrases written as people write them. */
function phrases(list: readonly string[]): RegExp {
  const bodies = list.map(normalise);
  return new RegExp(`(?:^| )(?:${bodies.join('|')})(?= |$)`, 'g');
}

/**
 * Words that claim an emergency wherever they stand in a text or a transcript, English and
 * Spanish. Bare "help" or "call me" are not here: "can you help me with a form" and "call me
 * when you can" are messages; help or a call asked for *now* is a claim.
 */
const CLAIM = phrases([
  'emergency', 'emergencies', 'emergancy', 'emergeny', 'emergncy', 'urgent', 'urgently', 'urgente', 'urgencia', 'emergencia', 'sos',
  'asap', 'call me now', 'call me right now', 'call me right away', 'call me immediately', 'call me asap', 'call me back now',
  'call me back right away', 'call me back asap', 'please call now', 'please call me now', 'call now',
  'need help now', 'need help right now', 'need help asap', 'need help tonight', 'i need help', 'need help please',
  'please help me', 'help me please', 'help me now', 'please help', 'help now', 'someone help',
  'need someone now', 'need to talk to someone now', 'need to talk to someone right now', 'need to talk now', 'need to talk right now',
  'need you now', 'need a call now', 'this cant wait', 'it cant wait', 'this can not wait', 'it can not wait', 'this cannot wait', 'it cannot wait',
  'in crisis', 'having a crisis', 'in danger',
  'necesito ayuda', 'ayudame', 'ayudenme', 'ayuda por favor', 'por favor ayuda', 'ayuda ya', 'ayuda ahora',
  'llamenme ya', 'llamame ya', 'llamenme ahora', 'llamame ahora', 'llamen ahora', 'llamen ya', 'necesito hablar con alguien ya',
  'necesito hablar con alguien ahora', 'no puede esperar', 'esto no puede esperar', 'en peligro', 'en crisis',
]);

/** A claim word right after a negation ("not an emergency", "no es urgente", "nothing urgent") is not a claim. */
const NEGATORS = ['not', 'isnt', 'no', 'non', 'nothing', 'nada', 'aint', 'wasnt', 'dont', 'doesnt', 'without', 'nunca', 'never'];
/** Words that may stand between the negation and the claim: "not really an", "no es una". */
const FILLERS = ['really', 'an', 'a', 'una', 'un', 'that', 'too', 'so', 'muy', 'realmente', 'exactly', 'es', 'super', 'like', 'totally', 'truly', 'actually', 'real', 'need', 'necesito', 'hay', 'ninguna', 'ningun', 'que', 'sea', 'de', 'of', 'any', 'an'];
const words = (list: string[]) => [...new Set(list.map(normalise))].join('|');
const NEGATION_BEFORE = new RegExp(`(?:^| )(?:${words(NEGATORS)})(?: (?:${words(FILLERS)}))*$`);

/** Distress and doubt, answered to the question: read as unsure so the client is asked again, then paged. */
const UNSURE = phrases([
  'not ok', 'not okay', 'not o k', 'not alright', 'not all right', 'not good', 'not great', 'not well', 'not fine', 'not safe', 'unsafe',
  'im not', 'i am not', 'not doing well', 'not doing good', 'not doing ok', 'not doing okay', 'struggling', 'scared', 'afraid', 'panic', 'panicking',
  'dont know', 'do not know', 'dunno', 'idk', 'not sure', 'unsure', 'not certain', 'maybe', 'kind of', 'kinda', 'sort of', 'sorta',
  'i guess', 'possibly', 'probably', 'perhaps', 'hard to say', 'could be', 'i dont think so but', 'not really sure',
  'no se', 'no lo se', 'no sabo', 'no estoy bien', 'no estoy segura', 'no estoy seguro', 'tal vez', 'talvez', 'quizas', 'quiza',
  'a lo mejor', 'mas o menos', 'puede ser', 'creo que si', 'no me siento bien', 'tengo miedo', 'mal',
]);

/** Yes in plain words (an emergency claimed outright is read by CLAIM). */
const YES = phrases(['yes', 'yea', 'yeah', 'yep', 'yup', 'yes please', 'si', 'sip', 'claro', 'help', 'ayuda', 'afirmativo', 'correct', 'true', 'i think so']);
const NO = phrases(['no', 'n', 'nope', 'nah', 'not', 'isnt', 'dont', 'nothing', 'nada', 'tampoco', 'it can wait', 'can wait', 'puede esperar']);
/** Single letters only count when they are the whole answer: "y" is also Spanish for "and". */
const WHOLE_YES = /^(?:y|ya|yes+|ok yes)$/;

function matchesUnnegated(pattern: RegExp, t: string): { claimed: boolean; negated: boolean } {
  let claimed = false;
  let negated = false;
  for (const m of t.matchAll(pattern)) {
    if (NEGATION_BEFORE.test(t.slice(0, m.index))) negated = true;
    else claimed = true;
  }
  return { claimed, negated };
}

/**
 * Whether free words (any text of a conversation, a speech result, a transcript) claim an
 * emergency: "EMERGENCY please call me", "I need help now", "necesito ayuda", "es urgente".
 * Negated claims ("it's not an emergency", "no es urgente") are not claims. False claims are
 * the acceptable failure: a page a clinician did not need.
 */
export function claimsEmergency(text: string | null | undefined): boolean {
  const t = normalise(text ?? '');
  return t !== '' && matchesUnnegated(CLAIM, t).claimed;
}

/**
 * Reads an answer to "is this an emergency?" in plain words, English or Spanish, from speech or
 * a text. In order: a claimed emergency; a yes (unless the emergency itself is negated:
 * "yeah, it's not an emergency"); distress or doubt (unsure); a no or a negated claim. When
 * words point both ways the higher reading wins. Null when the words say none of these.
 */
export function readUrgencyWords(text: string | null | undefined): UrgencyAnswer | null {
  const t = normalise(text ?? '');
  if (!t) return null;
  const claim = matchesUnnegated(CLAIM, t);
  if (claim.claimed) return 'emergency';
  if (!claim.negated && (WHOLE_YES.test(t) || new RegExp(YES.source).test(t))) return 'emergency';
  if (new RegExp(UNSURE.source).test(t)) return 'unsure';
  if (claim.negated || new RegExp(NO.source).test(t)) return 'not-emergency';
  return null;
}

/** A keypress at the urgency question: 1 emergency, 2 message, 9 Spanish. */
export function readUrgencyDigits(digits: string | null | undefined): Exclude<UrgencyAnswer, 'unsure'> | 'spanish' | null {
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

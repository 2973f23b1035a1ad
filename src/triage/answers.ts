import { normalise } from './crisis.js';

/**
 * An answer to "is this an emergency?". Distress and doubt are `unsure`, never `not-emergency`:
 * a client who says "I'm not okay" or "I don't know" has not said it can wait.
 */
export type UrgencyAnswer = 'emergency' | 'not-emergency' | 'unsure';

/** One whole-word pattern over normalised text, from phrases written as people write them. */
function phrases(list: readonly string[]): RegExp {
  return new RegExp(`(?:^| )(?:${[...new Set(list.map(normalise))].join('|')})(?= |$)`);
}

/**
 * Words that claim an emergency wherever they stand in a text or a transcript, English and
 * Spanish. Help or a call asked for *now* is a claim; "can you help me with a form", "call me
 * when you can" and "refill asap" are messages. Feeling unsafe is a claim too.
 */
const CLAIM = phrases([
  'emergency', 'emergencies', 'emergancy', 'emergeny', 'emergncy', 'emergecy', 'emerency', 'emegency', 'urgent', 'urgently', 'urgente', 'urgencia', 'emergencia', 'sos',
  'call me now', 'call me right now', 'call me right away', 'call me immediately', 'call me asap', 'call me back now',
  'call me back right away', 'call me back asap', 'call me back immediately', 'call me back right now', 'please call now', 'please call me now', 'call now', 'just call me',
  'need help now', 'need help right now', 'need help asap', 'need help tonight', 'need help please', 'need help right away', 'need help immediately',
  'please help me', 'help me please', 'help me now', 'please help', 'help now', 'someone help', 'somebody help',
  'pls help', 'plz help', 'help pls', 'help plz', 'help me pls', 'help me plz',
  'need someone now', 'need to talk to someone now', 'need to talk to someone right now', 'need to talk now', 'need to talk right now',
  'need you now', 'need a call now', 'this cant wait', 'it cant wait', 'this can not wait', 'it can not wait', 'this cannot wait', 'it cannot wait',
  'in crisis', 'having a crisis', 'in danger',
  'necesito ayuda', 'ayudame', 'ayudeme', 'ayudenme', 'ayuda por favor', 'por favor ayuda', 'ayuda ya', 'ayuda ahora',
  'llamenme ya', 'llamame ya', 'llameme ya', 'llamenme ahora', 'llamame ahora', 'llameme ahora', 'llamen ahora', 'llamen ya',
  'necesito que me llame ya', 'necesito que me llame ahora', 'necesito que me llames ya', 'necesito que me llames ahora',
  'necesito que me llamen ya', 'necesito hablar con alguien ya',
  'necesito hablar con alguien ahora', 'no puede esperar', 'esto no puede esperar', 'en peligro', 'en crisis',
  // emergency care asked for, or a body in danger: the psychiatrist is paged beside 911
  'ambulance', 'go to the er', 'go to the emergency room', 'go to the hospital', 'need to be hospitalized', 'psych er', 'psych ward',
  'call 911', 'called 911', 'calling 911', 'cant breathe', 'can not breathe', 'cannot breathe', 'chest pain', 'seizure', 'seizures',
  'throat is swelling', 'throat swelling', 'allergic reaction', 'passing out', 'fainted',
  'ambulancia', 'ir al hospital', 'sala de emergencias', 'emergencias', 'llamar al 911', 'llame al 911', 'no puedo respirar', 'dolor de pecho', 'convulsion', 'convulsiones',
]);

/** Not feeling safe is a claim wherever it stands: its own "not" is no negation of it. */
const UNSAFE = phrases([
  'not safe', 'unsafe', 'dont feel safe', 'do not feel safe', 'not feeling safe', 'cant make it through the night', 'cant make it through tonight',
  'dont think i can make it', 'dont know if i can make it',
  'no me siento segura', 'no me siento seguro', 'no estoy a salvo', 'no estoy segura aqui', 'no estoy seguro aqui',
]);

/** A message that is nothing but a call for help: "HELP", "help me!!", "I need help", "ayúdame", "SOS", "911". */
const BARE_HELP = /^(?:please )?(?:i )?(?:realy )?(?:ned )?(?:some )?(?:help|ayuda|ayudame|ayudeme|ayudenme|sos|911)(?: me)?(?: (?:please|por favor|now|ya|ahora))*$/; // normalised: really → realy, need → ned

/** A claim right after a negation in the same clause ("not an emergency", "no es urgente", "I don't think it's urgent") is not a claim. */
const NEGATORS = ['not', 'isnt', 'no', 'non', 'nothing', 'nada', 'aint', 'wasnt', 'dont think', 'do not think', 'dont', 'doesnt', 'doesnt need to be', 'wouldnt say', 'wouldnt call it', 'without', 'nunca', 'never', 'ninguna', 'ningun', 'sin'];
/** Words that may stand between the negation and the claim: "not really an", "no es una". */
const FILLERS = ['really', 'an', 'a', 'una', 'un', 'that', 'too', 'so', 'muy', 'realmente', 'exactly', 'es', 'super', 'like', 'totally', 'truly', 'actually', 'real', 'need', 'necesito', 'hay', 'que', 'sea', 'de', 'of', 'any', 'its', 'it is', 'this is', 'an actual', 'to be', 'anything'];
const alternatives = (list: string[]) => [...new Set(list.map(normalise))].join('|');
const NEGATION_BEFORE = new RegExp(`(?:^| )(?:${alternatives(NEGATORS)})(?: (?:${alternatives(FILLERS)}))*$`);
/**
 * A "no" that answers the question and then asserts: "No it's an emergency", "no this is urgent",
 * as speech results and quick texts come, without the comma. Not a negation of the claim (the
 * Spanish "no es urgente" is one, and stays one).
 */
const NO_THEN_ASSERTION = new RegExp(`(?:^| )no(?: (?:${alternatives(['no', 'really', 'realy'])}))* (?:${alternatives(['its', 'it is', 'this is', 'thats', 'that is'])})(?: (?:${alternatives(FILLERS)}))*$`);

/**
 * Distress and doubt, answered to the question: read as unsure so the client is asked again, then
 * paged. Checked before any "no": "no, I'm not okay" and "I have no one to talk to" are not "no".
 * Distress says how the client is; doubt only how sure they are of their answer.
 */
const DISTRESS = phrases([
  'not ok', 'not okay', 'not alright', 'not all right', 'not good', 'not great', 'not well', 'not fine',
  'struggling', 'scared', 'afraid', 'terrified', 'panic', 'panicking', 'freaking out', 'losing it', 'falling apart', 'breaking down',
  'overwhelmed', 'crying', 'cant cope', 'not coping', 'cant do this', 'cant take it', 'cant take this', 'cant wait anymore', 'cant handle',
  'dont want to be alone', 'no one to talk to', 'nobody to talk to', 'no point', 'dont know what to do',
  'no estoy bien', 'no me siento bien', 'me siento mal', 'tengo miedo', 'mal', 'no aguanto', 'no puedo esperar',
  'no puedo mas', 'no se que hacer', 'estoy sola', 'estoy solo',
]);
const DOUBT = phrases([
  'dont know', 'do not know', 'dunno', 'idk', 'not sure', 'unsure', 'not certain', 'maybe', 'kind of', 'kinda', 'sort of', 'sorta',
  'i guess', 'possibly', 'probably', 'perhaps', 'hard to say', 'could be', 'not really sure',
  'no se', 'no lo se', 'no sabo', 'no estoy segura', 'no estoy seguro', 'tal vez', 'talvez', 'quizas', 'quiza',
  'a lo mejor', 'mas o menos', 'puede ser',
]);
/**
 * Feeling bad, said in answer to the question ("no, I feel awful", "no im so anxious", "no, estoy
 * triste"): not a plain no, so unsure. Read only for that answer: a check-in reply is read on its
 * own scale, where "3, a bit anxious" is a 3.
 */
const FEELING_BAD = phrases([
  'bad', 'terrible', 'awful', 'horrible', 'miserable', 'hopeless', 'depressed', 'anxious', 'anxiety', 'sad', 'upset', 'lonely', 'numb',
  'a mess', 'a wreck', 'hard time', 'rough', 'shaking', 'spiraling', 'spiralling', 'hurting', 'in pain', 'like shit', 'like crap',
  'drunk', 'im high', 'relapsed', 'hearing voices', 'hearing things', 'not doing so hot',
  'fatal', 'triste', 'ansiedad', 'ansiosa', 'ansioso', 'angustia', 'angustiada', 'angustiado', 'deprimida', 'deprimido',
  'desesperada', 'desesperado', 'terrible', 'horrible', 'borracha', 'borracho', 'oigo voces', 'escucho voces',
]);

/** "not bad", "not too bad": being all right, not feeling bad (normalised: "too" is "to", "really" "realy"). */
const NOT_BAD = /(?:^| )(?:not|no) (?:(?:to|that|so|as|realy) )?bad(?= |$)/g;

/** "not really ok", "not feeling good", "not doing great": a negated state of being well. */
const NOT_WELL = new RegExp(
  `(?:^| )(?:${alternatives(['not', 'isnt', 'im not', 'no'])}) (?:(?:${alternatives(['really', 'so', 'that', 'very', 'too', 'feeling', 'doing', 'at all', 'exactly', 'totally'])}) )*(?:${alternatives(['ok', 'okay', 'good', 'great', 'well', 'fine', 'alright', 'bien'])})(?= |$)`,
);

/** Yes in plain words (an emergency claimed outright is read by CLAIM). */
const YES = phrases(['yes', 'yea', 'yeah', 'yep', 'yup', 'yes please', 'si', 'sip', 'claro', 'afirmativo', 'correct', 'i think so']);
/** Single letters only count when they are the whole answer: "y" is also Spanish for "and". */
const WHOLE_YES = /^(?:y|ya|yes+|ok yes)$/;
/** A short answer that leads with no; a longer message needs an explicit negated claim to count as no. */
const LEADING_NO = new RegExp(`^(?:${alternatives(['no', 'nope', 'nah', 'n', 'not really', 'no thanks', 'no gracias', 'tampoco', 'nada', 'not now'])})(?= |$)`);
const CAN_WAIT = phrases(['it can wait', 'can wait', 'puede esperar', 'nothing urgent', 'no rush', 'no hurry', 'no es nada urgente']);

/** The clauses of a text, normalised: a negation counts only within its own clause ("No, it's urgent"). */
function clauses(text: string): string[] {
  return text.split(/[,.;:!?¡¿\n—–]+/).map(normalise).filter(Boolean);
}

function readClaims(text: string): { claimed: boolean; negated: boolean } {
  const parts = clauses(text);
  const whole = normalise(text);
  let claimed = BARE_HELP.test(whole) || UNSAFE.test(whole);
  let negated = false;
  const anywhere = new RegExp(CLAIM.source, 'g');
  for (const clause of parts) {
    for (const m of clause.matchAll(anywhere)) {
      const before = clause.slice(0, m.index);
      if (NEGATION_BEFORE.test(before) && !NO_THEN_ASSERTION.test(before)) negated = true;
      else claimed = true;
    }
  }
  return { claimed, negated };
}

/**
 * Whether free words (any text of a conversation, a speech result, a transcript) claim an
 * emergency: "EMERGENCY please call me", "I need help now", "HELP", "necesito ayuda", "es
 * urgente", "I don't feel safe". Negated claims ("it's not an emergency", "no es urgente") are
 * not claims. False claims are the acceptable failure: a page a clinician did not need.
 */
export function claimsEmergency(text: string | null | undefined): boolean {
  return readClaims(text ?? '').claimed;
}

/**
 * Reads an answer to "is this an emergency?" in plain words, English or Spanish, from speech or
 * a text. In order: a claimed emergency; a yes (unless the emergency itself is negated: "yeah,
 * it's not an emergency"); distress or doubt (unsure); then, only when the words say it plainly,
 * no ("no", "nope", "not really", "it's not an emergency", "it can wait"). Anything else is
 * null and the question is asked again: a long message with a "no" in it is not an answer.
 */
export function readUrgencyWords(text: string | null | undefined): UrgencyAnswer | null {
  const t = normalise(text ?? '');
  if (!t) return null;
  const claim = readClaims(text ?? '');
  if (claim.claimed) return 'emergency';
  if (!claim.negated && (WHOLE_YES.test(t) || YES.test(t))) return 'emergency';
  if (DISTRESS.test(t) || DOUBT.test(t) || NOT_WELL.test(t) || FEELING_BAD.test(t.replace(NOT_BAD, ' '))) return 'unsure';
  if (claim.negated || CAN_WAIT.test(t) || (LEADING_NO.test(t) && t.split(' ').length <= 6)) return 'not-emergency';
  return null;
}

/**
 * Whether words say the client is not all right ("I'm not ok", "scared", "no estoy bien"): the
 * distress that readUrgencyWords reads as unsure, without its doubt ("maybe", "I guess").
 */
export function readsDistress(text: string | null | undefined): boolean {
  const t = normalise(text ?? '');
  return t !== '' && (DISTRESS.test(t) || NOT_WELL.test(t));
}

/** Doubt that readUrgencyWords reads as unsure: "I don't know", "maybe", "no sé". */
export function readsDoubt(text: string | null | undefined): boolean {
  const t = normalise(text ?? '');
  return t !== '' && DOUBT.test(t);
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
  if (/^[12][\s.!]*$/.test(trimmed)) return readUrgencyDigits(trimmed) as UrgencyAnswer;
  return readUrgencyWords(trimmed);
}

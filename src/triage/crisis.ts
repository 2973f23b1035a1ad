import { CRISIS_EMOJI, CRISIS_PATTERNS, CRISIS_PHRASES } from './crisis-terms.js';

/**
 * Reduces text to lower-case words over a-z and digits: accents removed, emoji spelled out,
 * apostrophes dropped ("can’t" → "cant"), punctuation to spaces, runs of a repeated letter to
 * one ("diiie" → "die"), and letters spelled out one by one rejoined ("k i l l" → "kill").
 */
export function normalise(text: string): string {
  let t = text.normalize('NFKD').replace(/[\u0300-\u036f\ufe0f\u200d]/g, '');
  for (const [emoji, word] of Object.entries(CRISIS_EMOJI)) t = t.split(emoji).join(` ${word} `);
  t = t
    .toLowerCase()
    .replace(/['’‘`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    // "k i l l m y s e l f": three or more single letters in a row are one word spelled out
    .replace(/\b(?:[a-z] ){2,}[a-z]\b/g, (run) => run.replace(/ /g, ''));
  return t.replace(/([a-z])\1+/g, '$1');
}

function phrasePattern(phrase: string): RegExp {
  const words = normalise(phrase.replace(/\*$/, '')).split(' ');
  const body = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(' ');
  return new RegExp(`(?:^| )${body}${phrase.endsWith('*') ? '[a-z]*' : ''}(?= |$)`);
}

const PATTERNS: readonly RegExp[] = [...CRISIS_PHRASES.map(phrasePattern), ...CRISIS_PATTERNS];

/**
 * Whether a text (an SMS, a check-in reply, a speech transcript) carries crisis language. Runs
 * on every text in every state of a conversation; a match pages at critical priority.
 */
export function hasCrisisLanguage(text: string | null | undefined): boolean {
  if (!text) return false;
  const normalised = normalise(text);
  if (!normalised) return false;
  // a spaced-out phrase may also be split over words: "kill my self", "end   it   all"
  const joined = normalised.replace(/ /g, '');
  return PATTERNS.some((p) => p.test(normalised)) || SPACED.some((p) => joined.includes(p));
}

/** Multi-word intent phrases also matched with spacing removed ("killmyself", "endmylife"); short ones would match inside ordinary words. */
const SPACED: readonly string[] = CRISIS_PHRASES.filter((p) => p.includes(' ') && !p.endsWith('*'))
  .map((p) => normalise(p).replace(/ /g, ''))
  .filter((p) => p.length >= 9);

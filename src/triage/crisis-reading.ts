/** How the crisis rules read a text: normalised, then texting shorthand spelled out. */
import { CRISIS_EMOJI, MEDICINE_NAMES, RUN_TOGETHER, SHORTHAND, SHORTHAND_PHRASES, SUICIDE_WORD } from './crisis-terms.js';

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

// ── reading a text: normalise, then spell out shorthand ────────────────────────────────────

const SHORTHAND_WORDS = new Map([
  ...MEDICINE_NAMES.map((name) => [normalise(name), 'meds'] as const),
  ...Object.entries(SHORTHAND).map(([k, v]) => [normalise(k), normalise(v)] as const),
]);
const SHORTHAND_PAIRS = Object.entries(SHORTHAND_PHRASES).map(
  ([k, v]) => [new RegExp(`(?<= )${normalise(k)}(?= )`, 'g'), normalise(v)] as const,
);
/** Run-together phrases as they look inside one normalised word ("kilmyself"), with their spaced form. */
const RUN_TOGETHER_WORDS = RUN_TOGETHER.map((p) => [normalise(p).replace(/ /g, ''), normalise(p)] as const);

function spellOut(word: string): string {
  if (SUICIDE_WORD.test(word)) return 'suicide';
  const short = SHORTHAND_WORDS.get(word);
  if (short !== undefined) return short;
  if (word.length > 8) {
    for (const [joined, spaced] of RUN_TOGETHER_WORDS) {
      const at = word.indexOf(joined);
      if (at >= 0) return `${word.slice(0, at)} ${spaced} ${word.slice(at + joined.length)}`.trim();
    }
  }
  return word;
}

/** Normalised text with shorthand spelled out: the text the rules read. */
export function reading(normalised: string): string {
  let t = ` ${normalised} `;
  for (const [pattern, replacement] of SHORTHAND_PAIRS) t = t.replace(pattern, replacement);
  return t.trim().split(' ').map(spellOut).join(' ');
}


import { CRISIS_EMOJI_PATTERN } from './crisis-terms.js';
import { normalise, reading } from './crisis-reading.js';
import { compile, fires, possibleTemplates, RULES, type CrisisMatch } from './crisis-rules.js';

export { normalise } from './crisis-reading.js';
export type { CrisisMatch } from './crisis-rules.js';

const EMOJI_MATCH: CrisisMatch = Object.freeze({ category: 'means or overdose', rule: 'emoji of a weapon, ligature, grave or pills' });

/**
 * Why a text (an SMS, a check-in reply, a speech or voicemail transcript) is crisis language, or
 * null. Deterministic, synchronous and pure; the first rule of src/triage/crisis-terms.ts that
 * matches names the category and the rule. The result never contains the client's words.
 */
export function crisisMatch(text: string | null | undefined): CrisisMatch | null {
  if (!text) return null;
  if (CRISIS_EMOJI_PATTERN.test(text)) return EMOJI_MATCH;
  const normalised = normalise(text);
  if (!normalised) return null;
  const read = reading(normalised);
  const possible = possibleTemplates(read);
  for (const rule of RULES) {
    if (fires(rule, read, possible)) return rule.match;
  }
  return null;
}

/**
 * Whether a text carries crisis language. Runs on every text in every state of a conversation;
 * a match pages at critical priority.
 */
export function hasCrisisLanguage(text: string | null | undefined): boolean {
  return crisisMatch(text) !== null;
}

/** For tests and review: the text as the rules read it. */
export function readForRules(text: string): string {
  return reading(normalise(text));
}

/** For review and tests: one template of crisis-terms.ts as the expression it compiles to, over text read by readForRules. */
export function compileTemplate(template: string): RegExp {
  return new RegExp(compile(template, true));
}

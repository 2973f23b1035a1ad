import { claimsEmergency, readsDistress, readsDoubt } from '../triage/answers.js';
import { crisisMatch, type CrisisMatch } from '../triage/crisis.js';
import type { ClaimedUrgency } from '../triage/types.js';

type Score = 1 | 2 | 3 | 4 | 5;

/** How a text answering a check-in is read: crisis language and claims first, then the 1-5 scale, then distress in words. */
export type CheckInAnswer =
  | { kind: 'crisis'; crisis: CrisisMatch; score: number | null }
  | { kind: 'claim'; score: number | null }
  | { kind: 'score'; score: Score }
  /** Words saying the client is not all right (or, with no number, unsure): at least a 4. */
  | { kind: 'distress'; score: number | null }
  | { kind: 'other' };

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
};
const NUMBER = `(?:\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join('|')})`;
/** Clock times and quantities are not answers to the scale: "at 10pm", "10:30", "3 days", "20 minutes", "50 mg". */
const NOT_A_SCORE = new RegExp(
  `\\d{1,2}:\\d{2}|\\d{1,2}/\\d{1,2}(?:/\\d{2,4})?|\\b${NUMBER}\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|o'?clock|mg|ml|min|mins|minutes?|hours?|hrs?|days?|weeks?|months?|years?|yrs|minutos?|horas?|dias?|semanas?|meses|mes|anos?|dollars?|percent|%)(?![a-z])`,
  'g',
);
/** "4/5", "4 out of 5", "4 de 5" are a 4 on this scale; "7/10" is on a scale of ten, half of it here. */
const OUT_OF = new RegExp(`\\b(${NUMBER})\\s*(?:/|out of|de)\\s*(5|10|five|ten|cinco|diez)\\b`, 'g');
const NUMBERS = new RegExp(`\\b${NUMBER}\\b`, 'g');

function valueOf(token: string): number {
  return NUMBER_WORDS[token] ?? Number(token.replace(',', '.'));
}

/**
 * The scale answer in a reply, or null. Every number counts ("5 5 5", "4 or 5", "between 4 and
 * 5", "4-5", "4.5", "five", "cinco") and the highest wins, a fraction going up ("3.5" is a 4);
 * above 5 is 5 ("6", "10": off the scale is not safe). A long message is read for a 4 or a 5
 * wherever it stands ("honestly I am at a 5 tonight and shaking"); a 1-3 counts only in a short
 * reply ("I'm a 2 today"), since in a long one it is more often a time or a count than an answer.
 */
function scoreOf(body: string): Score | null {
  const text = body.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const scores: number[] = [];
  let plain = text.replace(OUT_OF, (_, n: string, scale: string) => {
    scores.push(valueOf(scale) === 10 ? valueOf(n) / 2 : valueOf(n));
    return ' ';
  });
  plain = plain.replace(NOT_A_SCORE, ' ');
  for (const [token] of plain.matchAll(NUMBERS)) scores.push(valueOf(token));
  const highest = Math.max(0, ...scores.map((n) => Math.ceil(n)));
  if (highest < 1) return null;
  const score = Math.min(5, highest) as Score;
  const words = plain.replace(NUMBERS, ' ').split(/[^a-z']+/).filter(Boolean).length;
  return score >= 4 || words <= 4 ? score : null;
}

/**
 * Reads a check-in reply. Crisis language (invariant 3) and a claimed emergency in words always
 * win over the number, so "2, but I want to end it all" is a crisis; a 5 is "not safe" and
 * pages like a claim. Words of distress ("I'm not ok", "scared", "no estoy bien") make it at least
 * a 4, whatever lower number stands beside them; with no number at all, doubt ("I don't know") is
 * read the same way, as the text line reads it. The text line asks again before paging an unsure
 * answer; a check-in has no second question and no silence timer, so here unsure pages at once,
 * at normal priority: a page the psychiatrist did not need is the failure we accept. Pure.
 */
export function readCheckInReply(body: string): CheckInAnswer {
  const score = scoreOf(body);
  const crisis = crisisMatch(body);
  if (crisis) return { kind: 'crisis', crisis, score };
  if (claimsEmergency(body)) return { kind: 'claim', score };
  if (score === 5) return { kind: 'score', score };
  if (readsDistress(body) || (score === null && readsDoubt(body))) return { kind: 'distress', score };
  if (score !== null) return { kind: 'score', score };
  return { kind: 'other' };
}

/** The claim a check-in answer records: 5 and claims are emergencies, 4 and distress are doubt, 1-3 not an emergency. */
export function claimOfAnswer(answer: CheckInAnswer): ClaimedUrgency {
  switch (answer.kind) {
    case 'crisis':
    case 'claim':
      return 'emergency';
    case 'distress':
      return 'unsure';
    case 'score':
      return answer.score === 5 ? 'emergency' : answer.score === 4 ? 'unsure' : 'not-emergency';
    case 'other':
      return 'no-answer';
  }
}

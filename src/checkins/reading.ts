import { claimsEmergency } from '../triage/answers.js';
import { crisisMatch, type CrisisMatch } from '../triage/crisis.js';
import type { ClaimedUrgency } from '../triage/types.js';

/** How a text answering a check-in is read: crisis language and claims first, then the 1-5 scale. */
export type CheckInAnswer =
  | { kind: 'crisis'; crisis: CrisisMatch; score: number | null }
  | { kind: 'claim'; score: number | null }
  | { kind: 'score'; score: 1 | 2 | 3 | 4 | 5 }
  | { kind: 'other' };

/** A number alone, or with a few words around it ("3", "a 4", "4/5", "I'm a 2 today", "5!"). */
function scoreOf(body: string): number | null {
  // "4/5" and "4 out of 5" are a 4; a long message that happens to hold a digit is words, not a score.
  const plain = body.replace(/\s*(\/\s*5|out of 5|de 5)\b/gi, ' ');
  const digits = plain.match(/\d+/g) ?? [];
  if (digits.length !== 1) return null;
  const value = Number(digits[0]);
  if (value < 1 || value > 5) return null;
  const rest = plain.replace(/\d+/, ' ').trim();
  return rest.split(/\s+/).filter(Boolean).length <= 4 ? value : null;
}

/**
 * Reads a check-in reply. Crisis language (invariant 3) and a claimed emergency in words always
 * win over the number, so "2, but I want to end it all" is a crisis; a 5 is "not safe" and
 * pages like a claim. Pure.
 */
export function readCheckInReply(body: string): CheckInAnswer {
  const score = scoreOf(body.trim());
  const crisis = crisisMatch(body);
  if (crisis) return { kind: 'crisis', crisis, score };
  if (claimsEmergency(body)) return { kind: 'claim', score };
  if (score !== null) return { kind: 'score', score: score as 1 | 2 | 3 | 4 | 5 };
  return { kind: 'other' };
}

/** The claim a check-in answer records: 5 and claims are emergencies, 4 is doubt, 1-3 not an emergency. */
export function claimOfAnswer(answer: CheckInAnswer): ClaimedUrgency {
  switch (answer.kind) {
    case 'crisis':
    case 'claim':
      return 'emergency';
    case 'score':
      return answer.score === 5 ? 'emergency' : answer.score === 4 ? 'unsure' : 'not-emergency';
    case 'other':
      return 'no-answer';
  }
}

import { PRIORITY_RANK, type Channel, type ClaimedUrgency, type Priority, type Standing } from './types.js';

export interface TriageInput {
  channel: Channel;
  /** What the client answered to the urgency question; `no-answer` after the question was repeated. */
  claim: ClaimedUrgency;
  /** Crisis language anywhere in what they said or wrote. */
  crisis: boolean;
  /** What kind of crisis language the detector read (its category, never the client's words), for the page. */
  crisisCategory?: string | null;
  /** The standing of a known client from earlier contacts (only the fast track and its reason matter); null for an unknown number. */
  standing: Pick<Standing, 'fastTrack' | 'reason'> | null;
  /** The number texted STOP: the product may not text it, so the clinician must call. */
  optedOut?: boolean;
}

export type Decision =
  | {
      page: true;
      priority: Priority;
      /** Whether to ask for a few words on what is happening after the page is queued. */
      askFollowUp: boolean;
      /** What the page says about why it was raised, in a clinician's words. */
      why: string;
    }
  | { page: false; why: string };

/**
 * Merging what a contact said over time: an emergency, once claimed, stays claimed, and so does
 * doubt (a later "no" does not unsay "I'm not okay"); otherwise a real answer replaces "no answer
 * yet", and silence never replaces an answer.
 */
export function mergeClaim(earlier: ClaimedUrgency, later: ClaimedUrgency): ClaimedUrgency {
  for (const sticky of ['emergency', 'unsure'] as const) if (earlier === sticky || later === sticky) return sticky;
  return later === 'no-answer' ? earlier : later;
}


/** The higher of two priorities: history and agreements only ever raise one. */
export function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b;
}

/**
 * What to do with one contact. Pure: the same input always gives the same decision.
 *
 * - Crisis language pages at critical priority whatever the answer or history (invariant 3).
 * - A claimed emergency always pages; history can only fast-track it to critical with nothing
 *   more asked (invariant 2). An over-contact client claiming an emergency is still paged and
 *   the clinician judges.
 * - Unsure twice ("I'm not okay", "I don't know") pages anyone, known or not (invariant 2):
 *   high on a call, normal by text, and the page says the client was unsure.
 * - Silence from a known client pages (invariant 4): high on a call, normal for an unanswered
 *   text. Silence from an unknown number becomes a message.
 * - Not an emergency: a message for the next business day.
 * - A check-in reply (the practice asked): see `decideCheckInReply`.
 */
export function decide(input: TriageInput): Decision {
  const decision = decideWithoutOptOut(input);
  return decision.page && input.optedOut ? { ...decision, why: `${decision.why}; ${OPTED_OUT_NOTE}` } : decision;
}

/** Said on every page from a number that texted STOP. */
export const OPTED_OUT_NOTE = 'client has opted out of texts: call';

function decideWithoutOptOut(input: TriageInput): Decision {
  const standingWhy = input.standing ? input.standing.reason : 'unknown caller';
  if (input.crisis) {
    return { page: true, priority: 'critical', askFollowUp: false, why: `crisis language${input.crisisCategory ? ` (${input.crisisCategory})` : ''}; ${standingWhy}` };
  }
  if (input.channel === 'check-in') return decideCheckInReply(input.claim, standingWhy);
  switch (input.claim) {
    case 'emergency': {
      const fastTrack = input.standing?.fastTrack ?? false;
      return {
        page: true,
        priority: fastTrack ? 'critical' : 'high',
        askFollowUp: !fastTrack,
        why: `claimed emergency; ${standingWhy}`,
      };
    }
    case 'unsure':
      return {
        page: true,
        priority: input.channel === 'voice' ? 'high' : 'normal',
        askFollowUp: false,
        why: `unsure twice whether it is an emergency; ${standingWhy}`,
      };
    case 'no-answer':
      if (!input.standing) return { page: false, why: 'unknown caller did not answer' };
      return {
        page: true,
        priority: input.channel === 'voice' ? 'high' : 'normal',
        askFollowUp: false,
        why: `did not answer; ${standingWhy}`,
      };
    case 'not-emergency':
      return { page: false, why: `not an emergency; ${standingWhy}` };
  }
}

/**
 * A reply to a check-in the practice sent. "Not safe" (5) or a claimed emergency pages at once at
 * critical priority, whatever the history: the client was asked, and answered. A 4 pages at
 * normal priority so the psychiatrist hears of it; 1-3 and other words are recorded, no page.
 */
function decideCheckInReply(claim: ClaimedUrgency, standingWhy: string): Decision {
  if (claim === 'emergency') return { page: true, priority: 'critical', askFollowUp: false, why: `check-in reply: not safe or an emergency; ${standingWhy}` };
  if (claim === 'unsure') return { page: true, priority: 'normal', askFollowUp: false, why: `check-in reply: struggling (4 of 5); ${standingWhy}` };
  return { page: false, why: 'check-in reply' };
}

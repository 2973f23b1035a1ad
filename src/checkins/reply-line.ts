import type { Redis } from 'ioredis';
import type { Client } from '../directory/store.js';
import type { OptOuts } from '../history/opt-outs.js';
import type { HistoryStore } from '../history/store.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import { createLocks, LockTimeoutError } from '../store/lock.js';
import { claimOfAnswer, readCheckInReply, type CheckInAnswer } from './reading.js';
import type { CheckInStore } from './store.js';
import { CHECK_IN_REPLIES, type CheckInReplies } from './wording.js';

export interface CheckInText {
  messageSid: string;
  from: string;
  client: Client;
  body: string;
  mediaUrls: string[];
}

/** Texts within this time of the first answer join it ("5", then "he is outside again"); later ones are ordinary texts. */
export const FOLLOW_UP_MS = 5 * 60_000;
/** The text line's per-number lock (texts/conversation.ts): one text of a number at a time, whichever line takes it. */
const NUMBER_LOCK = { holdMs: 5_000, waitMs: 3_000 };

function replyFor(answer: CheckInAnswer, replies: CheckInReplies): string {
  if (answer.kind === 'crisis' || answer.kind === 'claim') return replies.urgent;
  if (answer.kind === 'other') return replies.kept;
  if (answer.kind === 'distress') return replies.toldPsychiatrist;
  return answer.score === 5 ? replies.urgent : answer.score === 4 ? replies.toldPsychiatrist : replies.thanks;
}

/** Said on the page after triage's reason when it adds something (a 4 is already named there). */
function noteFor(answer: CheckInAnswer): string | undefined {
  if (answer.kind === 'distress') return answer.score === null ? 'no number; the words say not all right' : `answered ${answer.score} of 5, and the words say not all right`;
  if (answer.kind === 'other' || answer.score === null || answer.score === 4) return undefined;
  return `answered ${answer.score} of 5`;
}

/**
 * A client's text while a check-in waits for its answer is a check-in reply: one contact per
 * check-in (channel `check-in`, never counted toward standing). The wait ends at the first answer:
 * replies within FOLLOW_UP_MS of it join the same contact, and later texts are ordinary texts
 * again (the urgency question, and silence pages: invariant 4). Crisis language and claims are read
 * first (invariants 2 and 3), then the 1-5 scale, then distress. Replies of one number are handled
 * one at a time under the text line's lock, so two at once both keep their words.
 * STOP and START are not replies: the text line handles them (texts/sms-routes.ts; STOP also ends the wait).
 */
export function createCheckInReplyLine(deps: { redis: Redis; keys: Keys; store: CheckInStore; intake: Intake; history: HistoryStore; optOuts: Pick<OptOuts, 'has'>; log: Logger; now: () => Date }) {
  const { keys, store, intake, history, optOuts, log, now } = deps;
  const locks = createLocks(deps.redis);

  async function record(text: CheckInText, waiting: { slot: string; source: string }, answer: CheckInAnswer) {
    const message = text.body.trim();
    const earlier = await history.getContactBySource(waiting.source);
    const result = await intake.settle({
      source: waiting.source,
      channel: 'check-in',
      from: text.from,
      client: text.client,
      claim: claimOfAnswer(answer),
      crisis: answer.kind === 'crisis',
      crisisCategory: answer.kind === 'crisis' ? answer.crisis.category : null,
      message,
      mediaUrls: text.mediaUrls,
      note: noteFor(answer),
    });
    if (earlier && (message || text.mediaUrls.length > 0)) {
      await history.updateContact(result.contact.id, (c) => ({ message: [c.message, message].filter(Boolean).join('\n'), mediaUrls: [...c.mediaUrls, ...text.mediaUrls] }));
    }
    await store.markAnswered(text.client.id, waiting.slot, result.contact.id);
    await store.endWaitingBy(text.client.id, waiting.slot, new Date(now().getTime() + FOLLOW_UP_MS));
    return result;
  }

  return {
    /** The check-in a text from this client answers, or null when none waits. */
    answering: (client: Client) => store.waiting(client.id, now()),
    /** STOP ends the wait: the client's next text is an ordinary one. */
    stopWaiting: (client: Client) => store.clearWaiting(client.id),

    /** Records and triages the reply; answers the text to send back (null to a number that opted out: invariant 9). */
    async handle(text: CheckInText, waiting: { slot: string; source: string }): Promise<string | null> {
      const answer = readCheckInReply(text.body);
      const work = () => record(text, waiting, answer);
      // A lock not had in time is no outage: the reply goes on without it (the contact still merges by source).
      const result = await locks.withLock(keys.lock(`conversation:${text.from}`), NUMBER_LOCK, work).catch((error: unknown) => {
        if (error instanceof LockTimeoutError) return work();
        throw error;
      });
      log.info({ messageSid: text.messageSid, contactId: result.contact.id, pageId: result.page?.id ?? null, answer: answer.kind }, 'check-in reply');
      if (await optOuts.has(text.from)) return null;
      return replyFor(answer, CHECK_IN_REPLIES[text.client.language]);
    },
  };
}

export type CheckInReplyLine = ReturnType<typeof createCheckInReplyLine>;

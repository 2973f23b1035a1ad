import type { CheckInReplyLine } from '../checkins/reply-line.js';
import { readCheckInReply } from '../checkins/reading.js';
import { readUrgencyReply } from '../triage/answers.js';
import type { IncomingText, TextLine } from './conversation.js';
import { readKeyword } from './keywords.js';

/**
 * Where a client's text goes: the answer to a check-in that waits for one, or the text line.
 * The live webhook and the outage replay both route through here, so a "5" texted during an
 * outage still answers its check-in (a critical page) and a STOP still stops.
 */
export function createClientTexts(deps: { textLine: TextLine; checkInReplies: CheckInReplyLine }) {
  const { textLine, checkInReplies } = deps;

  /**
   * Whether a client's text, while a check-in waits, answers the check-in. When the text line is
   * itself waiting on this number (its "Is this an emergency?" asked, or details asked after a
   * page), the text answers the text line (a YES there pages at once: invariant 2), unless it is
   * a 3-5 on the check-in's scale, which the text line cannot read: that answers the check-in
   * (a 5 pages critical), and the text line's question still pages if it stays unanswered.
   */
  async function answersCheckIn(from: string, body: string): Promise<boolean> {
    const stage = await textLine.waitingOn(from);
    if (stage === null) return true;
    return stage === 'asked' && readUrgencyReply(body) === null && readCheckInReply(body).kind === 'score';
  }

  /** The check-in a text answers, if any. STOP and START are the carrier's keywords still, never an answer. */
  async function checkInAnswered(text: IncomingText) {
    if (!text.client) return null;
    const keyword = readKeyword(text.optOutType || text.body);
    if (keyword === 'opt-out' || keyword === 'opt-in') return null;
    const waiting = await checkInReplies.answering(text.client);
    // A text sent before the check-in went out (during an outage, replayed after it) cannot answer it.
    if (waiting && text.sentAt && text.sentAt.getTime() < waiting.sentAt) return null;
    return waiting && (await answersCheckIn(text.from, text.body)) ? waiting : null;
  }

  const clientTexts = {
    /** Handles a client's text and gives the reply to send (null: none). */
    async handle(text: IncomingText): Promise<string | null> {
      if (text.client && readKeyword(text.optOutType || text.body) === 'opt-out') await checkInReplies.stopWaiting(text.client);
      const waiting = await checkInAnswered(text);
      if (waiting && text.client) return checkInReplies.handle({ ...text, client: text.client }, waiting);
      return textLine.handle(text);
    },
    /**
     * A text spooled during an outage, read as the live webhook would have read it when it was
     * sent: an answer to a check-in or to the text line's question (or details after a page), or
     * STOP. Answers false, doing nothing, for a new message: the replay makes it an outage contact.
     * START is not applied: a STOP sent since on the live line may have overtaken it (an opt-out
     * keeps no time), and staying opted out only means fewer texts until the client sends START again.
     */
    async replay(text: IncomingText & { sentAt: Date }): Promise<boolean> {
      if (readKeyword(text.body) === 'opt-in') return true;
      const read = { ...text, optOutType: text.optOutType === 'START' ? null : text.optOutType };
      const stop = readKeyword(read.optOutType || read.body) === 'opt-out';
      if (!stop && (await textLine.waitingOn(read.from)) === null && (await checkInAnswered(read)) === null) return false;
      await clientTexts.handle(read);
      return true;
    },
  };
  return clientTexts;
}

export type ClientTexts = ReturnType<typeof createClientTexts>;

import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Client, DirectoryStore } from '../directory/store.js';
import type { OptOuts } from '../history/opt-outs.js';
import type { HistoryStore } from '../history/store.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { PageStore } from '../paging/pages.js';
import { nextBusinessStart } from '../business-hours.js';
import type { Keys } from '../store/keys.js';
import { createLocks, LockTimeoutError } from '../store/lock.js';
import { claimsEmergency, readsDistress, readUrgencyReply, type UrgencyAnswer } from '../triage/answers.js';
import { crisisMatch, type CrisisMatch } from '../triage/crisis.js';
import type { Language } from '../triage/types.js';
import { readKeyword, type Keyword } from './keywords.js';
import { TEXT_REPLIES } from '../wording/index.js';

/** How long a client has to answer the urgency question before silence is acted on. */
export const ANSWER_TIMEOUT_MS = 15 * 60_000;
/** Texts within this quiet time of the last one join the same contact instead of making new ones. */
const CONVERSATION_TTL_SECONDS = 2 * 3_600;
/** A text is handled in milliseconds; the wait fits inside the webhook's own deadline. */
const CONVERSATION_LOCK = { holdMs: 5_000, waitMs: 3_000 };

type Stage = 'asked' | 'details' | 'closed';

interface ConversationState {
  stage: Stage;
  contactId: string;
  source: string;
  language: Language;
  /** How the client answered the question, once they have ('' before). */
  answer?: UrgencyAnswer | '';
  /** '1' once the client said they were unsure: the next unsure or unreadable answer pages, and so does silence. */
  unsure?: string;
  /** '1' once an answer could not be read: a second answer that is not a yes or a no pages as unsure. */
  unclear?: string;
}

export interface IncomingText {
  messageSid: string;
  from: string;
  client: Client | null;
  body: string;
  mediaUrls: string[];
  /** Twilio's own opt-out handling (Advanced Opt-Out) names the keyword it acted on. */
  optOutType: string | null;
  /** When the client sent it, for a text replayed after an outage (a live text is sent now). */
  sentAt?: Date;
}

/**
 * The client text line: a conversation per number with an expiry, the urgency question, the
 * page on YES, the next-day message on NO, and the carrier keywords. Every text, in every state,
 * is read first for crisis language and then for a claimed emergency (invariants 2 and 3).
 */
export function createTextLine(deps: { config: Config; redis: Redis; keys: Keys; intake: Intake; history: HistoryStore; directory: DirectoryStore; pages: Pick<PageStore, 'get'>; optOuts: OptOuts; log: Logger; now: () => Date }) {
  const { config, redis, keys, intake, history, directory, pages, optOuts, log, now } = deps;
  const locks = createLocks(redis);

  async function load(phone: string): Promise<ConversationState | null> {
    const hash = await redis.hgetall(keys.conversation(phone));
    return hash.contactId ? (hash as unknown as ConversationState) : null;
  }

  async function save(phone: string, state: ConversationState): Promise<void> {
    await redis.multi().hset(keys.conversation(phone), state).expire(keys.conversation(phone), CONVERSATION_TTL_SECONDS).exec();
  }

  function whenRead(language: Language): string {
    const at = nextBusinessStart(now(), config.timezone, config.businessHours);
    return TEXT_REPLIES[language].formatWhen(at, config.timezone, now());
  }

  function withPicture(body: string, mediaUrls: string[]): string {
    return mediaUrls.length > 0 ? `${body}${body ? ' ' : ''}(picture attached)`.trim() : body;
  }

  async function appendToContact(contactId: string, text: string, mediaUrls: string[]): Promise<void> {
    if (!text && mediaUrls.length === 0) return;
    await history.updateContact(contactId, (c) => ({
      message: [c.message, text].filter(Boolean).join('\n'),
      mediaUrls: [...c.mediaUrls, ...mediaUrls],
    }));
  }

  /** The reply to one text, before opt-out is applied. */
  async function respond(text: IncomingText, state: ConversationState | null, keyword: Keyword | null): Promise<string | null> {
    const language: Language = state?.language ?? text.client?.language ?? 'en';
    const replies = TEXT_REPLIES[language];
    const message = withPicture(text.body.trim(), text.mediaUrls);
    const base = { channel: 'sms' as const, from: text.from, client: text.client };
    const source = state?.source ?? `sms:${text.messageSid}`;

    /** Pages now with this claim: a new contact takes this text as its message, an ongoing one gets it appended, once. */
    async function page(claim: 'emergency' | 'unsure', crisis: CrisisMatch | null, keepWords: boolean) {
      const result = await intake.settle({ ...base, source, claim, crisis: crisis !== null, crisisCategory: crisis?.category, ...(state ? {} : { message, mediaUrls: text.mediaUrls }) });
      if (state && keepWords) await appendToContact(result.contact.id, message, text.mediaUrls);
      // only once the page is queued is the 15-minute silence rule let go (crash-safe order)
      if (state?.stage === 'asked') await redis.zrem(keys.answerDue, state.contactId);
      return result;
    }

    const crisis = crisisMatch(text.body);
    if (crisis) {
      const { contact } = await page('emergency', crisis, true);
      await save(text.from, { stage: 'closed', contactId: contact.id, source, language, answer: 'emergency' });
      return replies.crisis;
    }

    if (keyword === 'opt-out') {
      await optOuts.add(text.from);
      // STOP ends the texts, not the message: a question left open still pages a known client (or a
      // doubtful unknown number) after its 15 minutes of silence, and that page says to call.
      log.info({ messageSid: text.messageSid }, 'number opted out of texts');
      return null; // Twilio sends the carrier's confirmation itself and blocks anything more
    }
    if (keyword === 'opt-in') {
      await optOuts.remove(text.from);
      // Twilio counts YES among its opt-in words: only START itself ends here, a YES is still an answer.
      if (readKeyword(text.body) === 'opt-in') return replies.resubscribed(config.practiceName);
    }

    // A claim in words, anywhere; or a YES from someone who answered NO (or was unsure) earlier in this conversation.
    const answer = state?.stage === 'asked' || state?.answer === 'not-emergency' || state?.answer === 'unsure' ? readUrgencyReply(text.body) : null;
    const claimed = claimsEmergency(text.body);
    if (claimed || answer === 'emergency') {
      // a bare YES is an answer, not words for the clinician; a claim in words is kept
      const { contact, decision } = await page('emergency', null, claimed);
      const askDetails = decision.page && decision.askFollowUp && state?.stage !== 'details';
      await save(text.from, { stage: askDetails ? 'details' : 'closed', contactId: contact.id, source, language, answer: 'emergency' });
      // a bare HELP is also the carrier's keyword: its answer names the practice
      if (keyword === 'help') return replies.helpPaged(config.practiceName);
      return askDetails ? replies.pagedAskDetails : replies.paged;
    }

    if (!state) {
      // The first text of a conversation is the message; INFO is still triaged like any first text.
      const contact = await intake.begin({ ...base, source, message, mediaUrls: text.mediaUrls });
      // Distress in the first text ("I'm not okay") counts as a first unsure answer: silence, or a next answer that is not a plain no, pages (invariant 2).
      await save(text.from, { stage: 'asked', contactId: contact.id, source, language, answer: '', ...(readsDistress(text.body) ? { unsure: '1' } : {}) });
      await redis.zadd(keys.answerDue, now().getTime() + ANSWER_TIMEOUT_MS, contact.id);
      return keyword === 'help' ? replies.help(config.practiceName) : replies.question(config.practiceName);
    }
    if (keyword === 'help') return state.stage === 'asked' ? replies.help(config.practiceName) : replies.helpOnly(config.practiceName);

    if (state.answer === 'not-emergency' && answer === 'unsure') {
      // "No" earlier, distress now: the question is open again, and the next doubt pages.
      await appendToContact(state.contactId, message, text.mediaUrls);
      await save(text.from, { ...state, stage: 'asked', answer: '', unsure: '1' });
      await redis.zadd(keys.answerDue, now().getTime() + ANSWER_TIMEOUT_MS, state.contactId);
      return replies.unsure;
    }

    if (state.stage === 'asked') {
      if (answer === 'not-emergency') {
        await intake.settle({ ...base, source, claim: 'not-emergency', crisis: false });
        await redis.zrem(keys.answerDue, state.contactId);
        await save(text.from, { ...state, stage: 'closed', answer });
        return replies.messageKept(whenRead(language));
      }
      await appendToContact(state.contactId, message, text.mediaUrls);
      if (state.unsure === '1' || state.unclear === '1') {
        // A second answer that is neither yes nor no, after doubt or words we could not read: the psychiatrist judges (invariant 2).
        await page('unsure', null, false);
        await save(text.from, { ...state, stage: 'closed', answer: 'unsure' });
        return replies.paged;
      }
      await save(text.from, answer === 'unsure' ? { ...state, unsure: '1' } : { ...state, unclear: '1' });
      return answer === 'unsure' ? replies.unsure : replies.reask;
    }

    await appendToContact(state.contactId, message, text.mediaUrls);
    await save(text.from, { ...state, stage: 'closed' });
    return state.stage === 'details' ? replies.detailsAdded : replies.added;
  }

  return {
    /** The stage of the number's conversation while the line waits on the client (its question, or details after a page); null otherwise. */
    async waitingOn(phone: string): Promise<'asked' | 'details' | null> {
      const stage = (await load(phone))?.stage;
      return stage === 'asked' || stage === 'details' ? stage : null;
    },

    /** Handles one client text and answers with the reply to send (null: send none). */
    async handle(text: IncomingText): Promise<string | null> {
      const keyword = readKeyword(text.optOutType || text.body);
      const work = async () => {
        const [state, optedOut] = await Promise.all([load(text.from), optOuts.has(text.from)]);
        return { optedOut, reply: await respond(text, state, keyword) };
      };
      // Texts from one number that arrive together join one conversation, one at a time, so they
      // make one contact and one page (five crisis texts at once: one page holding all five).
      // A lock not had in time is no outage: the text goes on without it (contacts still merge by source).
      const result = await locks.withLock(keys.lock(`conversation:${text.from}`), CONVERSATION_LOCK, work).catch((error: unknown) => {
        if (error instanceof LockTimeoutError) return work();
        throw error;
      });
      // STOP means stop: an opted-out number's texts are still triaged and paged, but answered
      // only when it opts back in (invariant 9).
      return result.optedOut && keyword !== 'opt-in' ? null : result.reply;
    },

    /**
     * Fifteen minutes without an answer: a known client is paged at normal priority (invariant 4);
     * anyone who said once they were unsure is paged as unsure; an unknown number's message waits
     * for the digest. The due entry goes only after the page is queued, so a failure retries:
     * a contact names its page before the page is raised, so it is the page that is looked for.
     */
    async onAnswerTimeout(contactId: string): Promise<void> {
      const contact = await history.getContact(contactId);
      if (contact && !(contact.pageId && (await pages.get(contact.pageId)))) {
        const [client, state] = await Promise.all([contact.clientId ? directory.getClient(contact.clientId) : null, load(contact.from)]);
        const unsure = state?.contactId === contactId && state.unsure === '1';
        if (unsure || (client && contact.claimedUrgency === 'no-answer')) {
          await intake.settle({ source: contact.source, channel: contact.channel, from: contact.from, client, claim: unsure ? 'unsure' : 'no-answer', crisis: false });
        }
      }
      await redis.zrem(keys.answerDue, contactId);
    },
  };
}

export type TextLine = ReturnType<typeof createTextLine>;

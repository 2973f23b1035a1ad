import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Client, DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import { nextBusinessStart } from '../oncall/business-hours.js';
import type { Keys } from '../store/keys.js';
import { readUrgencyReply } from '../triage/answers.js';
import { hasCrisisLanguage } from '../triage/crisis.js';
import type { Language } from '../triage/types.js';
import { readKeyword } from './keywords.js';
import { TEXT_REPLIES } from './replies.js';

/** How long a client has to answer the urgency question before silence is acted on. */
export const ANSWER_TIMEOUT_MS = 15 * 60_000;
/** Texts within this quiet time of the last one join the same contact instead of making new ones. */
const CONVERSATION_TTL_SECONDS = 2 * 3_600;

type Stage = 'asked' | 'details' | 'closed';

interface ConversationState {
  stage: Stage;
  contactId: string;
  source: string;
  language: Language;
}

export interface IncomingText {
  messageSid: string;
  from: string;
  client: Client | null;
  body: string;
  mediaUrls: string[];
  /** Twilio's own opt-out handling (Advanced Opt-Out) names the keyword it acted on. */
  optOutType: string | null;
}

/**
 * The client text line: a conversation per number with an expiry, the urgency question, the
 * page on YES, the next-day message on NO, crisis language checked on every text in every state
 * before anything else, and the carrier keywords.
 */
export function createTextLine(deps: { config: Config; redis: Redis; keys: Keys; intake: Intake; history: HistoryStore; directory: DirectoryStore; log: Logger; now: () => Date }) {
  const { config, redis, keys, intake, history, directory, log, now } = deps;

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

  return {
    /** Handles one client text and answers with the reply to send (null: send none). */
    async handle(text: IncomingText): Promise<string | null> {
      const language: Language = text.client?.language ?? 'en';
      const replies = TEXT_REPLIES[language];
      const message = withPicture(text.body.trim(), text.mediaUrls);
      const state = await load(text.from);
      const crisis = hasCrisisLanguage(text.body);
      const base = { channel: 'sms' as const, from: text.from, client: text.client };

      if (crisis) {
        // Crisis language pages at once, whatever the state of the conversation (invariant 3).
        const source = state?.source ?? `sms:${text.messageSid}`;
        // A new contact takes this text as its message; an ongoing one gets it appended, once.
        const { contact } = await intake.settle({ ...base, source, claim: 'emergency', crisis: true, ...(state ? {} : { message, mediaUrls: text.mediaUrls }) });
        if (state) await appendToContact(contact.id, message, text.mediaUrls);
        await save(text.from, { stage: 'closed', contactId: contact.id, source, language });
        return replies.crisis;
      }

      const keyword = text.optOutType ? readKeyword(text.optOutType) : readKeyword(text.body);
      if (keyword === 'opt-out') {
        await redis.sadd(keys.optOut, text.from);
        log.info({ messageSid: text.messageSid }, 'client opted out of non-emergency texts');
        return null; // Twilio sends the carrier's confirmation itself and blocks anything more
      }
      if (keyword === 'opt-in') {
        await redis.srem(keys.optOut, text.from);
        return replies.resubscribed(config.practiceName);
      }

      if (!state) {
        // The first text of a conversation is the message; HELP is still triaged like any first text.
        const source = `sms:${text.messageSid}`;
        const contact = await intake.begin({ ...base, source, message, mediaUrls: text.mediaUrls });
        await save(text.from, { stage: 'asked', contactId: contact.id, source, language });
        await redis.zadd(keys.answerDue, now().getTime() + ANSWER_TIMEOUT_MS, contact.id);
        return keyword === 'help' ? replies.help(config.practiceName) : replies.question(config.practiceName);
      }
      if (keyword === 'help') return state.stage === 'asked' ? replies.help(config.practiceName) : replies.helpOnly(config.practiceName);

      if (state.stage === 'asked') {
        const answer = readUrgencyReply(text.body);
        if (answer === 'emergency') {
          await redis.zrem(keys.answerDue, state.contactId);
          const { decision } = await intake.settle({ ...base, source: state.source, claim: 'emergency', crisis: false });
          const askDetails = decision.page && decision.askFollowUp;
          await save(text.from, { ...state, stage: askDetails ? 'details' : 'closed' });
          return askDetails ? replies.pagedAskDetails : replies.paged;
        }
        if (answer === 'not-emergency') {
          await redis.zrem(keys.answerDue, state.contactId);
          await intake.settle({ ...base, source: state.source, claim: 'not-emergency', crisis: false });
          await save(text.from, { ...state, stage: 'closed' });
          return replies.messageKept(whenRead(language));
        }
        await appendToContact(state.contactId, message, text.mediaUrls);
        await save(text.from, state);
        return replies.reask;
      }

      await appendToContact(state.contactId, message, text.mediaUrls);
      await save(text.from, { ...state, stage: 'closed' });
      return state.stage === 'details' ? replies.detailsAdded : replies.added;
    },

    /**
     * Fifteen minutes without an answer: a known client is paged at normal priority (invariant 4);
     * an unknown number's message waits for the digest.
     */
    async onAnswerTimeout(contactId: string): Promise<void> {
      const contact = await history.getContact(contactId);
      await redis.zrem(keys.answerDue, contactId);
      if (!contact || contact.claimedUrgency !== 'no-answer' || contact.pageId) return;
      const client = contact.clientId ? await directory.getClient(contact.clientId) : null;
      if (!client) return;
      await intake.settle({ source: contact.source, channel: contact.channel, from: contact.from, client, claim: 'no-answer', crisis: false });
    },
  };
}

export type TextLine = ReturnType<typeof createTextLine>;

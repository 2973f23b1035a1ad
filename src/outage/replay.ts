import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Client, DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Intake } from '../intake/intake.js';
import type { Logger } from '../log.js';
import type { Keys } from '../store/keys.js';
import { createLocks, LockTimeoutError } from '../store/lock.js';
import { IN_PROGRESS, REPLY_TTL_SECONDS } from '../outbox/index.js';
import type { Spool, SpooledContact } from './spool.js';

/**
 * Puts the outage spool into Redis once Redis answers again: each spooled call or text becomes
 * a contact (keyed by its Twilio SID, so a second replay finds it and changes nothing), and a page
 * it raises runs the ladder like any other, saying it came from the outage and whether the
 * fallback phone was given it. Two processes sharing the spool replay one at a time.
 */
/**
 * The live line's part in a replay: a text that answers something the line sent before it (a
 * check-in, the urgency question, details after a page), or STOP, is read as the live webhook
 * would have read it when it was sent; `replay` answers false for a new message.
 */
export interface LiveTexts {
  replay(text: { messageSid: string; from: string; client: Client | null; body: string; mediaUrls: string[]; optOutType: string | null; sentAt: Date }): Promise<boolean>;
}

export function createSpoolReplayer(deps: { config: Config; redis: Redis; keys: Keys; spool: Spool; directory: DirectoryStore; history: Pick<HistoryStore, 'updateContact'>; intake: Intake; clientTexts: LiveTexts; log: Logger; intervalMs: number }) {
  const { config, redis, keys, spool, directory, history, intake, clientTexts, log } = deps;
  const locks = createLocks(redis);
  let timer: NodeJS.Timeout | null = null;

  /** Texts from one number within this quiet time of the last join one contact, as on the live line. */
  const JOIN_WITHIN_MS = 2 * 3_600_000;

  /** `made`: the contact each number's texts went into during this replay, so one person's texts make one contact and one page. */
  async function replayOne(entry: SpooledContact, made: Map<string, { contactId: string; source: string; at: number }>): Promise<void> {
    const owner = entry.from === 'anonymous' ? null : await directory.findByPhone(entry.from);
    // A pager's text (a clinician's or the fallback phone's) is not a client's contact.
    if (owner?.kind === 'clinician' || entry.from === config.fallbackOncallPhone) return;
    if (entry.kind === 'sms') {
      // The text's own webhook may have finished after all, once Redis came back: then it is in.
      const reply = await redis.get(keys.textReply(entry.sid));
      if (reply !== null && !reply.startsWith(IN_PROGRESS)) return;
      // The text answers what the line sent before (a check-in's "5" pages critical, a YES to the
      // question is a claim) or is STOP: read as the live webhook would have read it.
      const text = { messageSid: entry.sid, from: entry.from, client: owner?.kind === 'client' ? owner.client : null, body: entry.body, mediaUrls: entry.mediaUrls, optOutType: entry.optOutType ?? null, sentAt: new Date(entry.at) };
      if (await clientTexts.replay(text)) {
        await redis.set(keys.textReply(entry.sid), '', 'EX', REPLY_TTL_SECONDS);
        return;
      }
    }
    const at = Date.parse(entry.at);
    const earlier = entry.kind === 'sms' ? made.get(entry.from) : undefined;
    const joined = earlier && at - earlier.at <= JOIN_WITHIN_MS ? earlier : undefined;
    const { contact } = await intake.settle({
      source: joined?.source ?? `${entry.kind}:${entry.sid}`,
      channel: entry.kind,
      from: entry.from,
      client: owner?.kind === 'client' ? owner.client : null,
      claim: entry.crisis || entry.claimed ? 'emergency' : 'no-answer',
      crisis: entry.crisis,
      ...(joined ? {} : { message: entry.body || null, mediaUrls: entry.mediaUrls }),
      at: new Date(entry.at),
      // Never marked taken: only a clinician's explicit take ends a page (invariant 5). The page
      // says what the fallback phone was given, so whoever is paged can check with it.
      note: entry.relayed ? `during an outage; ${entry.kind === 'voice' ? 'dialed' : 'relayed'} to the fallback phone` : 'during an outage; reached nobody',
    });
    if (joined && (entry.body || entry.mediaUrls.length > 0)) {
      await history.updateContact(contact.id, (c) => ({ message: [c.message, entry.body].filter(Boolean).join('\n'), mediaUrls: [...c.mediaUrls, ...entry.mediaUrls] }));
    }
    if (entry.kind === 'sms') {
      made.set(entry.from, { contactId: contact.id, source: contact.source, at });
      await redis.set(keys.textReply(entry.sid), '', 'EX', REPLY_TTL_SECONDS);
    }
  }

  const replayer = {
    /** Replays whatever waits, when Redis answers; returns how many contacts went in. */
    async runOnce(): Promise<number> {
      if ((await spool.pending()) === 0) return 0;
      await redis.ping();
      const count = await locks.withLock(keys.lock('spool-replay'), { holdMs: 120_000, waitMs: 0 }, () => {
        const made = new Map<string, { contactId: string; source: string; at: number }>();
        return spool.replay((entry) => replayOne(entry, made));
      }).catch((error: unknown) => {
        if (error instanceof LockTimeoutError) return 0; // another process is replaying
        throw error;
      });
      if (count > 0) log.warn({ contacts: count }, 'contacts taken during a Redis outage were replayed');
      return count;
    },
    start(): void {
      if (timer) return;
      const tick = () => {
        replayer
          .runOnce()
          .catch((error: unknown) => log.warn({ err: error }, 'spool replay waits for Redis'))
          .finally(() => {
            if (timer) timer = setTimeout(tick, deps.intervalMs);
          });
      };
      timer = setTimeout(tick, 0);
    },
    async close(): Promise<void> {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
  return replayer;
}

export type SpoolReplayer = ReturnType<typeof createSpoolReplayer>;

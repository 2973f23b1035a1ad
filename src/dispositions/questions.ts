import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Logger } from '../log.js';
import type { Page, PageStore } from '../paging/pages.js';
import type { Keys } from '../store/keys.js';
import type { Outbox } from '../outbox/index.js';

/** One open "was it warranted?" question, keyed by page id under the clinician asked (codes are reused after 14 days; ids never). */
export interface DispositionQuestion {
  code: string;
  pageId: string;
  contactId: string;
  clientId: string | null;
  clinicianId: string;
  pageAt: string;
  askedAt: string;
  /** Whether the text asking it went out (false while it is being sent, or if the number refused it). */
  sent: boolean;
}

/** Pages older than this when business hours open are no longer asked about. */
const LOOKBACK_MS = 7 * 86_400_000;

/**
 * The morning after: at the opening of business hours (run with the digest), every page taken
 * since becomes one question to the clinician who took it (an exhausted page: to the client's own
 * clinician, or the lead for an unknown number), one text per page. A page is claimed before its
 * question is written, so nobody is asked about it twice; each text goes through the outbox keyed
 * by its page, so a retried run that died mid-way sends what was not sent, once.
 */
export function createDispositionQuestions(deps: { config: Config; redis: Redis; keys: Keys; pages: PageStore; history: HistoryStore; directory: DirectoryStore; outbox: Pick<Outbox, 'sendOnce'>; log: Logger; now: () => Date }) {
  const { config, redis, keys, pages, history, directory, outbox, log, now } = deps;

  async function askee(page: Page, clientClinician: string | null): Promise<string | null> {
    if (page.status === 'acknowledged' && page.acknowledgedBy && (await directory.getClinician(page.acknowledgedBy))) return page.acknowledgedBy;
    if (clientClinician) return clientClinician;
    return (await directory.listClinicians()).find((c) => c.role === 'lead')?.id ?? null;
  }

  const questions = {
    async open(clinicianId: string): Promise<DispositionQuestion[]> {
      const values = Object.values(await redis.hgetall(keys.dispositionQuestions(clinicianId)));
      return values.map((v) => JSON.parse(v) as DispositionQuestion).sort((a, b) => a.pageAt.localeCompare(b.pageAt));
    },
    /** Every open question, for the API. */
    async listOpen(clinicianId?: string): Promise<DispositionQuestion[]> {
      const ids = clinicianId ? [clinicianId] : await redis.smembers(keys.dispositionAskees);
      return (await Promise.all(ids.map((id) => questions.open(id)))).flat();
    },
    async close(question: DispositionQuestion): Promise<void> {
      await redis.hdel(keys.dispositionQuestions(question.clinicianId), question.pageId);
    },
    /** A disposition given another way (the API, the console) answers the page's question: it leaves the open list. */
    async closeForContact(contact: { pageId: string | null }): Promise<void> {
      const clinicianId = contact.pageId ? await redis.get(keys.dispositionAsked(contact.pageId)) : null;
      if (clinicianId) await redis.hdel(keys.dispositionQuestions(clinicianId), contact.pageId!);
    },

    /** Asks about every page taken since the last opening; answers how many texts went. */
    async ask(): Promise<{ asked: number; texts: number }> {
      const at = now();
      const recent = (await pages.list(undefined, 1_000)).filter((p) => p.status !== 'open' && Date.parse(p.createdAt) > at.getTime() - LOOKBACK_MS && Date.parse(p.createdAt) <= at.getTime());
      let asked = 0;
      for (const page of recent) {
        // Claimed for a clinician already: asked, unless a run died between the claim and writing
        // the question (then the question is written now, for the clinician it was claimed for).
        const claimedFor = await redis.get(keys.dispositionAsked(page.id));
        if (claimedFor && (await redis.hexists(keys.dispositionQuestions(claimedFor), page.id))) continue;
        const contact = await history.getContact(page.contactId);
        // A check-in reply's page was the practice's own doing: it never counts, so it is not asked
        // about; a page with a disposition was answered (its question closed) or needs none.
        if (!contact || contact.disposition || contact.channel === 'check-in') continue;
        const client = contact.clientId ? await directory.getClient(contact.clientId) : null;
        const clinicianId = claimedFor ?? (await askee(page, client?.clinicianId ?? null));
        if (!clinicianId) continue;
        if (!claimedFor && !(await redis.set(keys.dispositionAsked(page.id), clinicianId, 'EX', 30 * 86_400, 'NX'))) continue;
        const question: DispositionQuestion = { code: page.code, pageId: page.id, contactId: contact.id, clientId: contact.clientId, clinicianId, pageAt: page.createdAt, askedAt: at.toISOString(), sent: false };
        await redis.multi().hset(keys.dispositionQuestions(clinicianId), page.id, JSON.stringify(question)).sadd(keys.dispositionAskees, clinicianId).exec();
        asked += 1;
      }

      let sent = 0;
      for (const clinicianId of await redis.smembers(keys.dispositionAskees)) {
        const unsent = (await questions.open(clinicianId)).filter((q) => !q.sent);
        const clinician = unsent.length > 0 ? await directory.getClinician(clinicianId) : null;
        for (const question of clinician ? unsent : []) {
          const initials = question.clientId ? ((await directory.getClient(question.clientId))?.initials ?? null) : null;
          const outcome = await outbox.sendOnce(
            { scope: 'dispositions', id: question.pageId, field: 'question' },
            { kind: 'disposition-question', to: clinician!.phone, code: question.code, initials, at: question.pageAt, timezone: config.timezone },
          );
          if (outcome.status === 'sent') sent += 1;
          // Marked asked whatever came of it: the outbox never sends a key twice, so a retry would not ask again.
          await redis.hset(keys.dispositionQuestions(clinicianId), question.pageId, JSON.stringify({ ...question, sent: outcome.status === 'sent' || outcome.status === 'duplicate' }));
        }
      }
      if (asked > 0 || sent > 0) log.info({ asked, texts: sent }, 'disposition questions asked');
      return { asked, texts: sent };
    },
  };
  return questions;
}

export type DispositionQuestions = ReturnType<typeof createDispositionQuestions>;

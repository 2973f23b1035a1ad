import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import type { Config } from '../config.js';
import type { DirectoryStore } from '../directory/store.js';
import type { HistoryStore } from '../history/store.js';
import type { Logger } from '../log.js';
import { dotted } from '../paging/page-text.js';
import type { Page, PageStore } from '../paging/pages.js';
import type { Keys } from '../store/keys.js';
import type { SendOnce } from '../twilio/send-once.js';

/** One open "was it warranted?" question, keyed by page code under the clinician asked. */
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

/** "T.M. Fri 11:40 PM": who and when, with the initials the page itself used. */
function describe(question: DispositionQuestion, initials: string, timezone: string): string {
  return `${question.code} ${initials} ${DateTime.fromISO(question.pageAt, { zone: timezone }).toFormat('ccc h:mm a')}`;
}

/** The morning question, in the contract's words. */
export function questionText(items: { question: DispositionQuestion; initials: string }[], timezone: string): string {
  if (items.length === 1) {
    const { question, initials } = items[0]!;
    return `afterhours: was page ${describe(question, initials, timezone)} warranted? Reply W ${question.code} if it was warranted, N ${question.code} if not.`;
  }
  const list = items.map(({ question, initials }) => describe(question, initials, timezone)).join('; ');
  return `afterhours: were these pages warranted? ${list}. Reply W <code> if it was warranted, N <code> if not, e.g. W ${items[0]!.question.code}.`;
}

/**
 * The morning after: at the opening of business hours (run with the digest), every page taken
 * since becomes one question to the clinician who took it (an exhausted page: to the client's own
 * clinician, or the lead for an unknown number), and each clinician gets one text listing theirs.
 * A page is claimed before its question is written, so nobody is asked about it twice; the text
 * goes through the claim-before-send path keyed by the pages it lists, so a retried run that
 * died mid-way sends what was not sent, once.
 */
export function createDispositionQuestions(deps: { config: Config; redis: Redis; keys: Keys; pages: PageStore; history: HistoryStore; directory: DirectoryStore; texts: SendOnce; log: Logger; now: () => Date }) {
  const { config, redis, keys, pages, history, directory, texts, log, now } = deps;

  async function askee(page: Page, clientClinician: string | null): Promise<string | null> {
    if (page.status === 'acknowledged' && page.acknowledgedBy && (await directory.getClinician(page.acknowledgedBy))) return page.acknowledgedBy;
    if (clientClinician) return clientClinician;
    return (await directory.listClinicians()).find((c) => c.role === 'lead')?.id ?? null;
  }

  async function initialsOf(clientId: string | null): Promise<string> {
    const client = clientId ? await directory.getClient(clientId) : null;
    return client ? dotted(client.initials) : 'unknown caller';
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
      await redis.hdel(keys.dispositionQuestions(question.clinicianId), question.code);
    },

    /** Asks about every page taken since the last opening; answers how many texts went. */
    async ask(): Promise<{ asked: number; texts: number }> {
      const at = now();
      const recent = (await pages.list(undefined, 1_000)).filter((p) => p.status !== 'open' && Date.parse(p.createdAt) > at.getTime() - LOOKBACK_MS && Date.parse(p.createdAt) <= at.getTime());
      let asked = 0;
      for (const page of recent) {
        if (await redis.exists(keys.dispositionAsked(page.id))) continue;
        const contact = await history.getContact(page.contactId);
        // A check-in reply's page was the practice's own doing: it never counts, so it is not asked about.
        if (!contact || contact.disposition || contact.channel === 'check-in') continue;
        const client = contact.clientId ? await directory.getClient(contact.clientId) : null;
        const clinicianId = await askee(page, client?.clinicianId ?? null);
        if (!clinicianId) continue;
        if (!(await redis.set(keys.dispositionAsked(page.id), clinicianId, 'EX', 30 * 86_400, 'NX'))) continue;
        const question: DispositionQuestion = { code: page.code, pageId: page.id, contactId: contact.id, clientId: contact.clientId, clinicianId, pageAt: page.createdAt, askedAt: at.toISOString(), sent: false };
        await redis.multi().hset(keys.dispositionQuestions(clinicianId), page.code, JSON.stringify(question)).sadd(keys.dispositionAskees, clinicianId).exec();
        asked += 1;
      }

      let sent = 0;
      for (const clinicianId of await redis.smembers(keys.dispositionAskees)) {
        const unsent = (await questions.open(clinicianId)).filter((q) => !q.sent);
        const clinician = await directory.getClinician(clinicianId);
        if (unsent.length === 0 || !clinician) continue;
        const items = await Promise.all(unsent.map(async (question) => ({ question, initials: await initialsOf(question.clientId) })));
        const key = `disposition-question:${clinicianId}:${createHash('sha256').update(unsent.map((q) => q.pageId).join(',')).digest('hex').slice(0, 24)}`;
        const outcome = await texts.sendOnce(key, { kind: 'disposition-question', to: clinician.phone, body: questionText(items, config.timezone) });
        if (outcome === 'sent') sent += 1;
        const field = (q: DispositionQuestion) => [q.code, JSON.stringify({ ...q, sent: outcome === 'sent' || outcome === 'already' })];
        await redis.hset(keys.dispositionQuestions(clinicianId), ...unsent.flatMap(field));
      }
      if (asked > 0 || sent > 0) log.info({ asked, texts: sent }, 'disposition questions asked');
      return { asked, texts: sent };
    },
  };
  return questions;
}

export type DispositionQuestions = ReturnType<typeof createDispositionQuestions>;

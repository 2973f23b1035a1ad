import { randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NotFoundError } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { PRIORITY_RANK, type Priority } from '../triage/types.js';
import { defineScript, type ScriptWrite } from '../store/scripts.js';

export type PageStatus = 'open' | 'acknowledged' | 'exhausted';
export type AckVia = 'sms' | 'voice' | 'web';
export type SendChannel = 'sms' | 'voice';

/**
 * One text or call the ladder sent, with what Twilio later said of its delivery (the outbox's
 * record). `step` is the rung it belongs to (-1 after the ladder); a page lists them as `steps`,
 * the name the API has always shown.
 */
export interface PageSend {
  step: number;
  tier: string;
  clinicianId: string;
  channel: SendChannel;
  at: string;
  delivery: string;
  sid: string | null;
  error: string | null;
  /** Who claimed the send (a token of the run that made it); never shown outside the ladder. */
  claim?: string;
}

export interface Page {
  id: string;
  code: string;
  contactId: string;
  clientId: string | null;
  priority: Priority;
  status: PageStatus;
  why: string;
  createdAt: string;
  /** The next escalation step to run; every earlier one has been claimed. */
  nextStep: number;
  acknowledgedBy: string | null;
  acknowledgedVia: AckVia | null;
  acknowledgedAt: string | null;
  exhaustedAt: string | null;
  /** The priority the ladder ran out at; a higher one since means the page was raised after it (never shown by the API). */
  exhaustedPriority?: Priority | null;
  steps: PageSend[];
}

/** The page a contact raises: derived from the contact id, so a retried webhook finds the same page. */
export function pageIdForContact(contactId: string): string {
  return `pg_${contactId.replace(/^ct_/, '')}`;
}

/** The contact a page was raised for, from the page's id alone (the inverse of pageIdForContact). */
export function contactIdOfPage(pageId: string): string {
  return `ct_${pageId.replace(/^pg_/, '')}`;
}

/** The sends after the ladder (its alerts, recorded as step -1) are listed last. */
const afterLadder = (send: PageSend) => (send.step < 0 ? 1 : 0);

export interface RaiseResult {
  page: Page;
  /** created: a new page; raised: its priority went up; exists: nothing changed. */
  outcome: 'created' | 'raised' | 'exists';
}

/**
 * What creating a page writes, for the script that records a contact and its page at once
 * (history's recordContact): raise-page-6.lua's keys and arguments, and the page they make.
 */
export type PageCreation = ScriptWrite<Page>;

export interface NewPage {
  contactId: string;
  clientId: string | null;
  priority: Priority;
  why: string;
  at: Date;
}

export interface PageStore {
  /** The writes that create the page of a new contact; `attempt` picks the code (longer ones when short ones run out). */
  creation(input: NewPage, attempt: number): PageCreation;
  /**
   * Runs a write that creates the page (this store's raise, or history's contact-and-page write)
   * with a new code each time the last one was taken, until one is free.
   */
  withFreeCode<R>(input: NewPage, write: (creation: PageCreation) => Promise<R | 'code-taken'>): Promise<R>;
  raise(input: NewPage): Promise<RaiseResult>;
  get(id: string): Promise<Page | null>;
  require(id: string): Promise<Page>;
  findByCode(code: string): Promise<Page | null>;
  list(status?: PageStatus, limit?: number): Promise<Page[]>;
  /** Pages still waiting for a clinician: open or exhausted, never acknowledged. */
  listUnacknowledged(): Promise<Page[]>;
  close(): Promise<void>;
}

export function createPageStore(deps: { redis: Redis; keys: Keys }): PageStore {
  const { redis, keys } = deps;
  const raisePage = defineScript<'created' | 'raised' | 'exists' | 'code-taken'>(redis, 'raise-page-6.lua');

  function parse(hash: Record<string, string>, steps: Record<string, string>): Page {
    return {
      id: hash.id!,
      code: hash.code!,
      contactId: hash.contactId!,
      clientId: hash.clientId || null,
      priority: hash.priority as Priority,
      status: hash.status as PageStatus,
      why: hash.why ?? '',
      createdAt: hash.createdAt!,
      nextStep: Number(hash.nextStep ?? 0),
      acknowledgedBy: hash.acknowledgedBy || null,
      acknowledgedVia: (hash.acknowledgedVia as AckVia) || null,
      acknowledgedAt: hash.acknowledgedAt || null,
      exhaustedAt: hash.exhaustedAt || null,
      exhaustedPriority: (hash.exhaustedPriority as Priority) || null,
      steps: Object.values(steps)
        .map((json) => {
          const { claim: _claim, ...step } = JSON.parse(json) as PageSend;
          return step;
        })
        .sort((a, b) => afterLadder(a) - afterLadder(b) || a.step - b.step || a.at.localeCompare(b.at) || a.channel.localeCompare(b.channel)),
    };
  }

  async function load(ids: string[]): Promise<Page[]> {
    if (ids.length === 0) return [];
    const pipeline = redis.pipeline();
    for (const id of ids) pipeline.hgetall(keys.page(id)).hgetall(keys.pageSteps(id));
    const results = (await pipeline.exec()) ?? [];
    // A failed read is an outage, not a missing page: raise it rather than answer "no such page".
    const failed = results.find(([error]) => error)?.[0];
    if (failed) throw failed;
    const pages: Page[] = [];
    for (let i = 0; i < ids.length; i++) {
      const hash = results[i * 2]?.[1] as Record<string, string> | undefined;
      const steps = results[i * 2 + 1]?.[1] as Record<string, string> | undefined;
      if (hash?.id) pages.push(parse(hash, steps ?? {}));
    }
    return pages;
  }

  const store: PageStore = {
    creation({ contactId, clientId, priority, why, at }, attempt) {
      const id = pageIdForContact(contactId);
      // Four digits to read on a phone; when the four-digit codes of the last 14 days run short
      // (thousands of pages), six: a page is never refused for want of a code.
      const code = String(attempt < 20 ? randomInt(1000, 10000) : randomInt(100000, 1000000));
      return {
        // What the writes make, without reading it back.
        made: { id, code, contactId, clientId, priority, status: 'open', why, createdAt: at.toISOString(), nextStep: 0, acknowledgedBy: null, acknowledgedVia: null, acknowledgedAt: null, exhaustedAt: null, steps: [] },
        keys: [keys.page(id), keys.pagesByTime, keys.openPages, keys.dueSteps, keys.pageByCode(code), keys.pagesToStart],
        args: [id, code, contactId, clientId ?? '', priority, PRIORITY_RANK[priority], why, at.toISOString(), at.getTime()],
      };
    },
    async withFreeCode(input, write) {
      for (let attempt = 0; attempt < 60; attempt++) {
        const result = await write(store.creation(input, attempt));
        if (result !== 'code-taken') return result;
      }
      throw new Error('could not find a free page code');
    },
    raise(input) {
      return store.withFreeCode(input, async ({ made: page, keys: pageKeys, args }) => {
        const [outcome] = await raisePage(pageKeys, args);
        if (outcome === 'code-taken' || outcome === 'created') return outcome === 'created' ? { page, outcome } : outcome;
        return { page: await store.require(page.id), outcome };
      });
    },
    async get(id) {
      return (await load([id]))[0] ?? null;
    },
    async require(id) {
      const page = await store.get(id);
      if (!page) throw new NotFoundError('page', id);
      return page;
    },
    async findByCode(code) {
      const id = await redis.get(keys.pageByCode(code));
      return id ? store.get(id) : null;
    },
    async list(status, limit = 200) {
      if (status === 'open' || status === 'exhausted') {
        // Pages still waiting are few and kept in their own set.
        const waiting = await store.listUnacknowledged();
        return waiting.filter((p) => p.status === status).slice(0, limit);
      }
      // Newest first, in chunks, until enough match: never a load of the whole history.
      const found: Page[] = [];
      for (let start = 0; found.length < limit; start += 500) {
        const ids = await redis.zrevrange(keys.pagesByTime, start, start + 499);
        if (ids.length === 0) break;
        for (const page of await load(ids)) if (!status || page.status === status) found.push(page);
      }
      return found.slice(0, limit);
    },
    async listUnacknowledged() {
      const ids = await redis.smembers(keys.openPages);
      return (await load(ids)).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
    async close() {},
  };
  return store;
}

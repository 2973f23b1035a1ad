import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NotFoundError } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { counterTags, countsFromTotals, standingOf, type CounterTag } from '../triage/standing.js';
import type { Agreement, Channel, ClaimedUrgency, Disposition, Standing } from '../triage/types.js';
import { defineScript, type ScriptReply, type ScriptWrite } from '../store/scripts.js';

/** One out-of-session contact, as stored. The message and recording stay in Redis records only. */
export interface Contact {
  id: string;
  clientId: string | null;
  channel: Channel;
  at: string;
  claimedUrgency: ClaimedUrgency;
  crisis: boolean;
  /** The client's words (first text, follow-up) or null; never logged, never in job data. */
  message: string | null;
  recordingUrl: string | null;
  mediaUrls: string[];
  /** The number the contact came from (E.164), to call or text back an unknown caller. */
  from: string;
  pageId: string | null;
  disposition: Disposition | null;
  dispositionBy: string | null;
  dispositionAt: string | null;
  dispositionNote: string | null;
  /** The client's standing when the contact began, so later steps of the same contact judge it alike. */
  standing: StandingSnapshot | null;
  /** Twilio's CallSid or MessageSid, prefixed by channel: the idempotency key. */
  source: string;
  version: number;
  /** The counters this contact currently adds to, so an update can move it between them. */
  counted: CounterTag[];
}

export type StandingSnapshot = Pick<Standing, 'level' | 'fastTrack' | 'reason'>;

export type NewContact = Pick<Contact, 'clientId' | 'channel' | 'claimedUrgency' | 'crisis' | 'from' | 'source'> &
  Partial<Pick<Contact, 'id' | 'message' | 'recordingUrl' | 'mediaUrls' | 'pageId' | 'standing'>> & { at: Date };

export interface ContactQuery {
  clientId?: string;
  since?: Date;
  limit?: number;
}

export interface HistoryStore {
  /** Records a contact once per source; `created` is false when the source was seen before. */
  recordContact(input: NewContact): Promise<{ contact: Contact; created: boolean }>;
  /**
   * Records a contact and creates its page (the page store's creation) in one atomic step: a new
   * contact never names a page that was not made. 'code-taken' when the page's code belongs to
   * another page, and nothing was written (the page store tries another: pages.withFreeCode).
   */
  recordContactWithPage<Page>(input: NewContact, page: ScriptWrite<Page>): Promise<{ contact: Contact; created: boolean; page?: Page } | 'code-taken'>;
  getContact(id: string): Promise<Contact | null>;
  requireContact(id: string): Promise<Contact>;
  getContactBySource(source: string): Promise<Contact | null>;
  /** Applies a change with optimistic concurrency: retried when another writer got there first. */
  updateContact(id: string, change: (contact: Contact) => Partial<Contact>): Promise<Contact>;
  setDisposition(id: string, input: { disposition: Disposition; by: string; note?: string | undefined; at: Date }): Promise<Contact>;
  listContacts(query: ContactQuery): Promise<Contact[]>;
  /** The standing from earlier contacts, as of `at`; costs the same for 10 or 100,000 of them. */
  standingFor(client: { id: string; agreement: Agreement }, at: Date): Promise<Standing>;
  close(): Promise<void>;
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

export function createHistoryStore(deps: { redis: Redis; keys: Keys; now?: () => Date }): HistoryStore {
  const { redis, keys } = deps;
  const now = deps.now ?? (() => new Date());
  const putContact = defineScript<'ok' | 'exists' | 'missing' | 'stale'>(redis, 'put-contact-6.lua');
  const recordWithPage = defineScript<'ok' | 'exists' | 'code-taken'>(redis, 'record-contact-and-page-12.lua');
  const readStanding = defineScript<'ok'>(redis, 'read-standing-2.lua');
  const contactPrefix = keys.contact('');

  /** put-contact-6.lua's keys and arguments for writing `contact` over `expectedVersion` (0 creates it). */
  function putArgs(contact: Contact, expectedVersion: number): [string[], (string | number)[]] {
    const at = Date.parse(contact.at);
    const clientId = contact.clientId;
    return [
      [keys.contact(contact.id), keys.standing(clientId ?? '-'), keys.contactBySource(contact.source), keys.contactsByTime, keys.clientContacts(clientId ?? '-'), keys.standingAging(clientId ?? '-')],
      // The practice started a check-in: its contacts are listed under the client but never counted.
      [JSON.stringify(contact), expectedVersion, contact.id, at, now().getTime(), clientId && contact.channel !== 'check-in' ? '1' : '0', contactPrefix, clientId ? '1' : '0'],
    ];
  }

  function put(contact: Contact, expectedVersion: number): Promise<ScriptReply<'ok' | 'exists' | 'missing' | 'stale'>> {
    return putContact(...putArgs(contact, expectedVersion));
  }

  /** A new contact's record as first written (version 1), with the counters it moves. */
  function newContact(input: NewContact): Contact {
    const contact: Contact = {
      id: input.id ?? newId('ct'),
      clientId: input.clientId,
      channel: input.channel,
      at: input.at.toISOString(),
      claimedUrgency: input.claimedUrgency,
      crisis: input.crisis,
      message: input.message ?? null,
      recordingUrl: input.recordingUrl ?? null,
      mediaUrls: input.mediaUrls ?? [],
      from: input.from,
      pageId: input.pageId ?? null,
      standing: input.standing ?? null,
      disposition: null,
      dispositionBy: null,
      dispositionAt: null,
      dispositionNote: null,
      source: input.source,
      version: 1,
      counted: [],
    };
    contact.counted = counterTags(contact);
    return contact;
  }

  const store: HistoryStore = {
    async recordContact(input) {
      const contact = newContact(input);
      const reply = await put(contact, 0);
      if (reply[0] === 'exists') return { contact: await store.requireContact(reply[1]!), created: false };
      return { contact, created: true };
    },
    async recordContactWithPage(input, page) {
      const contact = newContact(input);
      const [contactKeys, contactArgs] = putArgs(contact, 0);
      const [outcome, firstId] = await recordWithPage([...contactKeys, ...page.keys], [...contactArgs, ...page.args]);
      if (outcome === 'code-taken') return outcome;
      // Our own contact already there: this is the same write sent again (ioredis resends a
      // command whose reply a dropped connection lost), and it made the contact and its page.
      if (outcome === 'ok' || firstId === contact.id) return { contact, created: true, page: page.made };
      return { contact: await store.requireContact(firstId!), created: false };
    },
    async getContact(id) {
      const json = await redis.get(keys.contact(id));
      return json ? (JSON.parse(json) as Contact) : null;
    },
    async requireContact(id) {
      const contact = await store.getContact(id);
      if (!contact) throw new NotFoundError('contact', id);
      return contact;
    },
    async getContactBySource(source) {
      const id = await redis.get(keys.contactBySource(source));
      return id ? store.getContact(id) : null;
    },
    async updateContact(id, change) {
      for (let attempt = 0; attempt < 20; attempt++) {
        const current = await store.requireContact(id);
        const next: Contact = { ...current, ...change(current), id, at: current.at, clientId: current.clientId, source: current.source };
        next.version = current.version + 1;
        next.counted = counterTags(next);
        const reply = await put(next, current.version);
        if (reply[0] === 'ok') return next;
        if (reply[0] === 'missing') throw new NotFoundError('contact', id);
      }
      throw new Error('contact update kept conflicting with other writers');
    },
    setDisposition(id, { disposition, by, note, at }) {
      return store.updateContact(id, () => ({
        disposition,
        dispositionBy: by,
        dispositionAt: at.toISOString(),
        dispositionNote: note ?? null,
      }));
    },
    async listContacts({ clientId, since, limit = 200 }) {
      const key = clientId ? keys.clientContacts(clientId) : keys.contactsByTime;
      const min = since ? String(since.getTime()) : '-inf';
      const ids = await redis.zrevrangebyscore(key, '+inf', min, 'LIMIT', 0, limit);
      if (ids.length === 0) return [];
      const values = await redis.mget(ids.map(keys.contact));
      return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as Contact);
    },
    async standingFor(client, at) {
      const [, ...flat] = await readStanding([keys.standing(client.id), keys.standingAging(client.id)], [at.getTime(), contactPrefix]);
      const totals: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) totals[flat[i]!] = flat[i + 1]!;
      return standingOf(countsFromTotals(totals), client.agreement, at);
    },
    async close() {},
  };
  return store;
}

/** The contact as the admin API shows it: the record without its bookkeeping. */
export function contactView(contact: Contact) {
  const { counted: _counted, version: _version, source: _source, ...view } = contact;
  return view;
}

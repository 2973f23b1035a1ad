import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { NotFoundError } from '../errors.js';
import type { Keys } from '../store/keys.js';
import { counterTags, countsFromTotals, standingOf, type CounterTag } from '../triage/standing.js';
import type { Agreement, Channel, ClaimedUrgency, Disposition, Standing } from '../triage/types.js';
import { luaScript } from '../store/scripts.js';

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

/**
 * Standing is kept as running totals per client (a hash of a few counters) and an aging set: each
 * contact leaves the 365-day totals, and a not-emergency one the 30-day count, when its time comes.
 * Every script that touches the totals first ages out what is due, so a lookup reads a handful of
 * fields and costs the same for 10 or 100,000 past contacts. ARGV of the helper: now (ms), the
 * contact key prefix.
 */
const AGE = `
local function has(list, tag)
  for _, t in ipairs(list) do if t == tag then return true end end
  return false
end
local function age(standing, aging, now, contactPrefix)
  for _, member in ipairs(redis.call('ZRANGEBYSCORE', aging, '-inf', now, 'LIMIT', 0, 1000)) do
    local window, id = string.match(member, '^(%d+)|(.+)$')
    local json = redis.call('GET', contactPrefix .. id)
    if json then
      local counted = cjson.decode(json).counted
      if window == '365' then
        for _, tag in ipairs(counted) do redis.call('HINCRBY', standing, tag, -1) end
      elseif has(counted, 'notEmergency') then
        redis.call('HINCRBY', standing, 'recentNotEmergency', -1)
      end
    end
    redis.call('ZREM', aging, member)
  end
end
`;

/**
 * Creates or updates a contact and moves its client's standing totals in the same atomic step,
 * so the totals can never disagree with the records. Creation is keyed by the Twilio SID: a
 * replayed or concurrent duplicate webhook finds the first contact instead of making a second.
 * A contact only moves the totals while it is inside their window.
 * KEYS: contact, standing, source, contacts-by-time, client-contacts, aging.
 * ARGV: json, expected version ("0" creates), id, at (ms), now (ms), counted ("1"/"0"), contact key
 * prefix, listed under its client ("1"/"0"). A check-in contact is listed but never counted.
 */
const PUT_CONTACT = `${AGE}
local new = cjson.decode(ARGV[1])
local at, now = tonumber(ARGV[4]), tonumber(ARGV[5])
local counted = ARGV[6] == '1'
local YEAR, MONTH = 365 * 86400000, 30 * 86400000
if counted then age(KEYS[2], KEYS[6], now, ARGV[7]) end
if ARGV[2] == '0' then
  local existing = redis.call('GET', KEYS[3])
  if existing then return {'exists', existing} end
  redis.call('SET', KEYS[3], ARGV[3])
  redis.call('ZADD', KEYS[4], at, ARGV[3])
  if ARGV[8] == '1' then redis.call('ZADD', KEYS[5], at, ARGV[3]) end
  if counted then
    if at + YEAR > now then
      for _, tag in ipairs(new.counted) do redis.call('HINCRBY', KEYS[2], tag, 1) end
      redis.call('ZADD', KEYS[6], at + YEAR, '365|' .. ARGV[3])
    end
    if at + MONTH > now then
      if has(new.counted, 'notEmergency') then redis.call('HINCRBY', KEYS[2], 'recentNotEmergency', 1) end
      redis.call('ZADD', KEYS[6], at + MONTH, '30|' .. ARGV[3])
    end
  end
else
  local oldJson = redis.call('GET', KEYS[1])
  if not oldJson then return {'missing'} end
  local old = cjson.decode(oldJson)
  if tostring(old.version) ~= ARGV[2] then return {'stale'} end
  if counted and redis.call('ZSCORE', KEYS[6], '365|' .. ARGV[3]) then
    for _, tag in ipairs(old.counted) do redis.call('HINCRBY', KEYS[2], tag, -1) end
    for _, tag in ipairs(new.counted) do redis.call('HINCRBY', KEYS[2], tag, 1) end
  end
  if counted and redis.call('ZSCORE', KEYS[6], '30|' .. ARGV[3]) then
    local change = (has(new.counted, 'notEmergency') and 1 or 0) - (has(old.counted, 'notEmergency') and 1 or 0)
    if change ~= 0 then redis.call('HINCRBY', KEYS[2], 'recentNotEmergency', change) end
  end
end
redis.call('SET', KEYS[1], ARGV[1])
return {'ok', ARGV[3]}
`;

/** Ages out what is due, then reads the totals. KEYS: standing, aging. ARGV: now (ms), contact key prefix. */
const READ_STANDING = `${AGE}
age(KEYS[1], KEYS[2], tonumber(ARGV[1]), ARGV[2])
return redis.call('HGETALL', KEYS[1])
`;

export interface ContactQuery {
  clientId?: string;
  since?: Date;
  limit?: number;
}

export interface HistoryStore {
  /** Records a contact once per source; `created` is false when the source was seen before. */
  recordContact(input: NewContact): Promise<{ contact: Contact; created: boolean }>;
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
  const putContact = luaScript(redis, 'afterhoursPutContact', 6, PUT_CONTACT);
  const readStanding = luaScript(redis, 'afterhoursReadStanding', 2, READ_STANDING);
  const contactPrefix = keys.contact('');

  async function put(contact: Contact, expectedVersion: number): Promise<string[]> {
    const at = Date.parse(contact.at);
    const clientId = contact.clientId;
    return (await putContact(
      keys.contact(contact.id),
      keys.standing(clientId ?? '-'),
      keys.contactBySource(contact.source),
      keys.contactsByTime,
      keys.clientContacts(clientId ?? '-'),
      keys.standingAging(clientId ?? '-'),
      JSON.stringify(contact),
      String(expectedVersion),
      contact.id,
      String(at),
      String(now().getTime()),
      // The practice started a check-in: its replies never count toward the client's standing.
      clientId && contact.channel !== 'check-in' ? '1' : '0',
      contactPrefix,
      clientId ? '1' : '0',
    )) as string[];
  }

  const store: HistoryStore = {
    async recordContact(input) {
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
      const reply = await put(contact, 0);
      if (reply[0] === 'exists') return { contact: await store.requireContact(reply[1]!), created: false };
      return { contact, created: true };
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
      const flat = (await readStanding(keys.standing(client.id), keys.standingAging(client.id), String(at.getTime()), contactPrefix)) as string[];
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
